package dev.palisade.dsl.runtime;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Every distinct string literal of a policy set, numbered 0, 1, 2, ... at compile time. The DRL
 * compares these numbers, never strings, so no policy or request text can reach generated code.
 * Immutable.
 *
 * <p>{@link #idOf} runs for every string attribute a request's rules read, and most request
 * strings (user names, object names) are not in the table. So the lookup is an open-addressing
 * table that keeps each slot's hash beside it: a probe compares ints in one array and touches a
 * symbol's String only when the hashes agree, where a general map compares the Strings of every
 * slot it passes (a cache miss each). Half full at most.
 */
public final class SymbolTable {
    private final List<String> strings;
    private final String[] keys;
    private final int[] hashes;
    private final int[] ids;
    private final int mask;

    public SymbolTable(List<String> strings) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < strings.size(); i++) {
            String s = Objects.requireNonNull(strings.get(i), "symbol");
            if (!seen.add(s)) {
                throw new IllegalArgumentException("duplicate symbol #" + strings.indexOf(s));
            }
        }
        this.strings = List.copyOf(strings);
        int capacity = Integer.highestOneBit(Math.max(4, this.strings.size() * 2 - 1)) << 1;
        this.keys = new String[capacity];
        this.hashes = new int[capacity];
        this.ids = new int[capacity];
        this.mask = capacity - 1;
        for (int id = 0; id < this.strings.size(); id++) {
            String s = this.strings.get(id);
            int h = s.hashCode();
            int slot = spread(h) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = s;
            hashes[slot] = h;
            ids[slot] = id;
        }
    }

    /** The id of a known string, or -1 when the policy set never mentions it. */
    public int idOf(String s) {
        int h = s.hashCode();
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            String key = keys[slot];
            if (key == null) {
                return -1;
            }
            if (hashes[slot] == h && key.equals(s)) {
                return ids[slot];
            }
        }
    }

    /** Strings' hashes differ mostly in their low bits only for short strings; mix the high ones in. */
    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    public String string(int id) {
        return strings.get(id);
    }

    public int size() {
        return strings.size();
    }

    /** All symbols in id order. */
    public List<String> strings() {
        return strings;
    }
}
