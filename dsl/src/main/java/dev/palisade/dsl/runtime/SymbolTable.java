package dev.palisade.dsl.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every distinct string literal of a policy set, numbered 0, 1, 2, ... at compile time. The DRL
 * compares these numbers, never strings, so no policy or request text can reach generated code.
 * Immutable.
 */
public final class SymbolTable {
    private final Map<String, Integer> ids;
    private final List<String> strings;

    public SymbolTable(List<String> strings) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (String s : strings) {
            Objects.requireNonNull(s, "symbol");
            if (map.putIfAbsent(s, map.size()) != null) {
                throw new IllegalArgumentException("duplicate symbol #" + map.get(s));
            }
        }
        this.ids = Map.copyOf(map);
        this.strings = List.copyOf(strings);
    }

    /** The id of a known string, or -1 when the policy set never mentions it. */
    public int idOf(String s) {
        Integer id = ids.get(s);
        return id == null ? -1 : id;
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
