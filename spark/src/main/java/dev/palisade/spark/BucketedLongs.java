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

    /** The values added, each once, in no particular order. */
    long[] distinct() {
        return collect(false);
    }

    /** The values added more than once, each once, in no particular order. */
    long[] repeated() {
        return collect(true);
    }

    private long[] collect(boolean repeatedOnly) {
        long[] out = new long[(int) Math.min(count, Integer.MAX_VALUE - 8)];
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
                    out[n++] = a[i];
                }
            }
            buckets[b] = null; // handed on: what is left of this one is garbage
        }
        return Arrays.copyOf(out, n);
    }

    /** The high bits after a multiply: few-bit values (tests force collisions) still spread. */
    private static int bucket(long v) {
        return (int) ((v * 0x9E3779B97F4A7C15L) >>> (64 - BITS));
    }
}
