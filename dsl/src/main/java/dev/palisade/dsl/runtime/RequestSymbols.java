package dev.palisade.dsl.runtime;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Maps one request's strings to symbol ids. A string the policy set never mentions gets a fresh
 * negative id, the same one each time it recurs in this request, so that attribute-vs-attribute
 * equality (e.g. {@code namespace == user.name}) stays right for strings no rule names.
 *
 * <p>One instance per thread, {@link #reset() reset} between requests: a request has a dozen
 * scalar strings and a few groups, so the unknown ones are kept in a small array searched
 * linearly (hash first, cached by {@link String}) instead of a {@code HashMap} allocated per
 * request. Past {@value #LINEAR} unknown strings (users with hundreds of groups no rule names,
 * when a rule compares groups with another attribute) a map takes over, so the cost stays
 * linear in the request's size. Not thread-safe.
 */
final class RequestSymbols {
    private static final int LINEAR = 32;

    private final SymbolTable table;
    private final String[] unknown = new String[LINEAR];
    private final int[] unknownHash = new int[LINEAR];
    private int unknownCount;
    /** Unknown strings beyond the first {@value #LINEAR}; null until a request needs it. */
    private Map<String, Integer> overflow;

    RequestSymbols(SymbolTable table) {
        this.table = table;
    }

    /** Forgets the previous request's unknown strings (and drops the references to them). */
    void reset() {
        Arrays.fill(unknown, 0, Math.min(unknownCount, LINEAR), null);
        unknownCount = 0;
        if (overflow != null) {
            overflow = null; // rare: let a huge request's strings go rather than keep a big map
        }
    }

    int id(String s) {
        Objects.requireNonNull(s, "request string");
        int id = table.idOf(s);
        if (id >= 0) {
            return id;
        }
        int h = s.hashCode();
        int linear = Math.min(unknownCount, LINEAR);
        for (int i = 0; i < linear; i++) {
            if (unknownHash[i] == h && unknown[i].equals(s)) {
                return -(i + 1);
            }
        }
        if (unknownCount < LINEAR) {
            unknown[unknownCount] = s;
            unknownHash[unknownCount] = h;
            return -(++unknownCount);
        }
        if (overflow == null) {
            overflow = new HashMap<>();
        }
        Integer known = overflow.get(s);
        if (known != null) {
            return known;
        }
        int fresh = -(++unknownCount);
        overflow.put(s, fresh);
        return fresh;
    }

    /** The id of a string the policy set knows, or -1; used for keys no rule can refer to otherwise. */
    int knownId(String s) {
        return table.idOf(s);
    }
}
