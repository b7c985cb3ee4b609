package dev.palisade.engine.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** HTTP request headers: names case-insensitive, several values per name, in the order given. */
public final class RequestHeaders {
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Map<String, String> spelling = new LinkedHashMap<>();

    public RequestHeaders add(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        spelling.putIfAbsent(key, name);
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        return this;
    }

    public static RequestHeaders of(Map<String, List<String>> map) {
        RequestHeaders h = new RequestHeaders();
        map.forEach((k, vs) -> vs.forEach(v -> h.add(k, v)));
        return h;
    }

    public List<String> all(String name) {
        return List.copyOf(values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
    }

    public String first(String name) {
        List<String> v = values.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    /** Lower-cased names, in first-seen order. */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }
}
