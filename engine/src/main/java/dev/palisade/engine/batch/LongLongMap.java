package dev.palisade.engine.batch;

import java.util.Arrays;

/**
 * auditID hash to request key, for {@link RequestTracker}'s sliding window: open addressing over
 * two long arrays, because a {@code HashMap<Long, Long>} of 100,000–200,000 entries boxes two
 * Longs and a node per request, all of which survive young collections (the profile showed the
 * batch spending more time in GC than the whole Jackson baseline). Key 0 is stored aside.
 */
final class LongLongMap {
    private long[] keys;
    private long[] values;
    private int size;
    private boolean hasZero;
    private long zeroValue;

    LongLongMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new long[capacity];
    }

    int size() {
        return size + (hasZero ? 1 : 0);
    }

    /** Whether {@code key} is present; its value is then {@link #get}'s answer. */
    boolean containsKey(long key) {
        if (key == 0) {
            return hasZero;
        }
        return keys[slot(key)] == key;
    }

    /** The value of a present key (see {@link #containsKey}). */
    long get(long key) {
        return key == 0 ? zeroValue : values[slot(key)];
    }

    void put(long key, long value) {
        if (key == 0) {
            hasZero = true;
            zeroValue = value;
            return;
        }
        int i = slot(key);
        if (keys[i] != key) {
            keys[i] = key;
            size++;
        }
        values[i] = value;
        if (size * 2 > keys.length) {
            grow();
        }
    }

    /** Removes {@code key} if present. */
    void remove(long key) {
        if (key == 0) {
            hasZero = false;
            return;
        }
        int i = slot(key);
        if (keys[i] != key) {
            return;
        }
        size--;
        // linear probing has no tombstones: the keys after the hole that probed past it move back into it
        int mask = keys.length - 1;
        for (int j = (i + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = (int) (mix(keys[j]) & mask);
            boolean homeInHole = i <= j ? home <= i || home > j : home <= i && home > j;
            if (homeInHole) {
                keys[i] = keys[j];
                values[i] = values[j];
                i = j;
            }
        }
        keys[i] = 0;
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int slot(long key) {
        int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int j = slot(oldKeys[i]);
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
            }
        }
    }

    void clear() {
        Arrays.fill(keys, 0);
        size = 0;
        hasZero = false;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }
}
