package dev.palisade.engine.admission;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A JSON object of a request, read-only, as two arrays in field order: the DSL reads an admitted
 * object many times and never writes it (mutations edit a copy), so a {@code LinkedHashMap} per
 * object — a table and an entry per field, three times the bytes — bought nothing. Lookups try
 * identity first: Jackson interns field names and the compiled rules intern their path segments,
 * so a present field is found without comparing characters. Objects with many fields (labels,
 * annotations) get a hash index as well.
 */
final class FrozenJsonObject extends AbstractMap<String, Object> {
    private static final int INDEX_ABOVE = 24;

    private final String[] keys;
    private final Object[] values;
    private final Map<String, Integer> index;

    /** Takes the arrays as they are: keys distinct (a parsed JSON object's are) and not null. */
    FrozenJsonObject(String[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
        if (keys.length > INDEX_ABOVE) {
            Map<String, Integer> ix = new HashMap<>(keys.length * 2);
            for (int i = 0; i < keys.length; i++) {
                ix.put(keys[i], i);
            }
            this.index = ix;
        } else {
            this.index = null;
        }
    }

    private int find(Object key) {
        String[] ks = keys;
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] == key) {
                return i;
            }
        }
        if (!(key instanceof String)) {
            return -1;
        }
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < ks.length; i++) {
            if (ks[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Object get(Object key) {
        int i = find(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < keys.length; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return keys.length;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }
        };
    }
}
