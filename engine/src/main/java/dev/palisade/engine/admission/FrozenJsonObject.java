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
 * A JSON object of a request, read-only, as one array of keys and values in field order
 * ({@code k0, v0, k1, v1...}): the DSL reads an admitted
 * object many times and never writes it (mutations edit a copy), so a {@code LinkedHashMap} per
 * object — a table and an entry per field, three times the bytes — bought nothing. Lookups try
 * identity, then the Strings' cached hashes: Jackson interns field names and the compiled rules
 * intern their path segments, so a field is found (or known absent) without comparing
 * characters; a mask of the keys' hash bits answers most lookups of absent fields (the usual case
 * for optional fields such as a container's securityContext settings) without a scan at all.
 * Objects with many fields (labels, annotations) get a hash index instead.
 */
final class FrozenJsonObject extends AbstractMap<String, Object> {
    private static final int INDEX_ABOVE = 24;

    /** Keys (Strings) at even indexes, each followed by its value. */
    private final Object[] kv;
    private final Map<String, Integer> index;
    /** Bit {@code hash & 63} set for every key's hash: most absent fields are known absent without a scan. */
    private final long hashBits;

    /** Takes the array as it is: keys distinct (a parsed JSON object's are) and not null. */
    FrozenJsonObject(Object[] kv) {
        this.kv = kv;
        long bits = 0;
        for (int i = 0; i < kv.length; i += 2) {
            bits |= 1L << (kv[i].hashCode() & 63);
        }
        this.hashBits = bits;
        if (kv.length / 2 > INDEX_ABOVE) {
            Map<String, Integer> ix = new HashMap<>(kv.length);
            for (int i = 0; i < kv.length; i += 2) {
                ix.put((String) kv[i], i);
            }
            this.index = ix;
        } else {
            this.index = null;
        }
    }

    /**
     * The index of {@code key} in {@link #kv}, or -1. One pass: identity first, else the cached
     * String hash before {@code equals}, so an absent field (the common case for optional
     * fields) costs no character comparison.
     */
    private int find(Object key) {
        if (!(key instanceof String)) {
            return -1;
        }
        int h = key.hashCode();
        if ((hashBits & (1L << (h & 63))) == 0) {
            return -1;
        }
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        Object[] a = kv;
        for (int i = 0; i < a.length; i += 2) {
            Object k = a[i];
            if (k == key || k.hashCode() == h && k.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Object get(Object key) {
        int i = find(key);
        return i < 0 ? null : kv[i + 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    @Override
    public int size() {
        return kv.length / 2;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < kv.length; i += 2) {
            action.accept((String) kv[i], kv[i + 1]);
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return kv.length / 2;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < kv.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= kv.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next;
                        next += 2;
                        return new SimpleImmutableEntry<>((String) kv[i], kv[i + 1]);
                    }
                };
            }
        };
    }
}
