package dev.palisade.spark;

import java.util.Arrays;

/**
 * Many longs (auditID hashes) collected, then the distinct ones, or those added more than once.
 * Each value is appended to one of 64 buckets by its hash's high bits as it comes (sequential
 * writes); each bucket is then deduplicated on its own, in a {@link LongSet} small enough to stay
 * in the CPU's cache. Inserting a split's ~150,000 hashes straight into one table of a few MB
 * missed the cache on nearly every insert: 40 % of the scan's time at 10M events.
 */
final class BucketedLongs {
    private static final int BITS = 6;
    private final long[][] buckets = new long[1 << BITS][];
    private final int[] sizes = new int[1 << BITS];
    private long count;

    void add(long v) {
        int b = bucket(v);
        long[] a = buckets[b];
        if (a == null) {
            a = buckets[b] = new long[64];
        } else if (sizes[b] == a.length) {
            a = buckets[b] = Arrays.copyOf(a, a.length * 2);
        }
        a[sizes[b]++] = v;
        count++;
    }

    void addAll(long[] values) {
        for (long v : values) {
            add(v);
        }
    }

    /** How many values were added (and not yet handed on by {@link #drain}). */
    long size() {
        return count;
    }

    /** What {@link #drain} hands each bucket's values to. */
    interface Drain {
        void bucket(long[] values, int n) throws java.io.IOException;
    }

    /** Hands every bucket's values on, as added, and forgets them. */
    void drain(Drain to) throws java.io.IOException {
        for (int b = 0; b < buckets.length; b++) {
            if (sizes[b] > 0) {
                to.bucket(buckets[b], sizes[b]);
            }
            buckets[b] = null;
            sizes[b] = 0;
        }
        count = 0;
    }

    /** The values added, each once, in no particular order. */
    long[] distinct() {
        return collect(false);
    }

    /** The values added more than once, each once, in no particular order. */
    long[] repeated() {
        return collect(true);
    }

    private long[] collect(boolean repeatedOnly) {
        // the repeated values are few: an array of one slot per value added is for distinct()
        long[] out = new long[repeatedOnly ? 16 : (int) Math.min(count, Integer.MAX_VALUE - 8)];
        int n = 0;
        for (int b = 0; b < buckets.length; b++) {
            if (sizes[b] == 0) {
                continue;
            }
            LongSet seen = new LongSet(sizes[b]);
            LongSet again = repeatedOnly ? new LongSet(16) : null;
            long[] a = buckets[b];
            for (int i = 0; i < sizes[b]; i++) {
                boolean first = seen.add(a[i]);
                if (!repeatedOnly && first) {
                    out[n++] = a[i];
                } else if (repeatedOnly && !first && again.add(a[i])) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    out[n++] = a[i];
                }
            }
            buckets[b] = null; // handed on: what is left of this one is garbage
        }
        return Arrays.copyOf(out, n);
    }

    private static int bucket(long v) {
        return (int) (spread(v) >>> (64 - BITS));
    }

    /** Whose high bits choose a value's bucket: few-bit values (tests force collisions) still spread. */
    static long spread(long v) {
        return v * 0x9E3779B97F4A7C15L;
    }
}
