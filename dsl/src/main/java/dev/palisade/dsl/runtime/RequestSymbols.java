package dev.palisade.dsl.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Maps one request's strings to symbol ids. A string the policy set never mentions gets a fresh
 * negative id, the same one each time it recurs in this request, so that attribute-vs-attribute
 * equality (e.g. {@code namespace == user.name}) stays right for strings no rule names.
 * One instance per request; not thread-safe.
 */
final class RequestSymbols {
    private final SymbolTable table;
    private Map<String, Integer> unknown;

    RequestSymbols(SymbolTable table) {
        this.table = table;
    }

    int id(String s) {
        Objects.requireNonNull(s, "request string");
        int id = table.idOf(s);
        if (id >= 0) {
            return id;
        }
        if (unknown == null) {
            unknown = new HashMap<>();
        }
        return unknown.computeIfAbsent(s, k -> -(unknown.size() + 1));
    }

    /** The id of a string the policy set knows, or -1; used for keys no rule can refer to otherwise. */
    int knownId(String s) {
        return table.idOf(s);
    }
}
