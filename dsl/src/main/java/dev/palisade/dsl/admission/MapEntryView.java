package dev.palisade.dsl.admission;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * A map entry as the rules see it when they iterate a map: an object {@code {key, value}}, a null
 * value read as "". One small object instead of a {@code Map.of} (a map and its table) per entry;
 * a quantifier re-points one view from entry to entry, since its body reads the element only
 * while it runs.
 */
final class MapEntryView extends AbstractMap<String, Object> {
    private Object key;
    private Object value;

    MapEntryView pointAt(Map.Entry<?, ?> e) {
        key = e.getKey();
        value = e.getValue() == null ? "" : e.getValue();
        return this;
    }

    @Override
    public Object get(Object name) {
        return "key".equals(name) ? key : "value".equals(name) ? value : null;
    }

    @Override
    public boolean containsKey(Object name) {
        return "key".equals(name) || "value".equals(name);
    }

    @Override
    public int size() {
        return 2;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> both = new java.util.LinkedHashMap<>(4); // key first, as written
        both.put("key", key);
        both.put("value", value);
        return both.entrySet();
    }
}
