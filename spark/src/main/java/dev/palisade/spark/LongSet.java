package dev.palisade.spark;

/**
 * A growing set of longs (open addressing, linear probing): one bucket's distinct values in
 * {@link BucketedLongs}, which keeps each small enough to stay in cache. Sorting the scan's
 * hashes instead was a third of the scan.
 */
final class LongSet {
    private long[] slots;
    private int mask;
    private int size;
    private boolean hasZero; // 0 marks a free slot

    LongSet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        this.slots = new long[capacity];
        this.mask = capacity - 1;
    }

    /** Adds {@code v}: false when it was there already. */
    boolean add(long v) {
        if (v == 0) {
            if (hasZero) {
                return false;
            }
            hasZero = true;
            size++;
            return true;
        }
        int i = slot(v, mask);
        while (slots[i] != 0) {
            if (slots[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = v;
        if (++size * 2 > slots.length) {
            grow();
        }
        return true;
    }

    int size() {
        return size;
    }

    /** The values, in no particular order. */
    long[] toArray() {
        long[] out = new long[size];
        int n = 0;
        if (hasZero) {
            out[n++] = 0;
        }
        for (long v : slots) {
            if (v != 0) {
                out[n++] = v;
            }
        }
        return out;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = slots.length - 1;
        for (long v : old) {
            if (v != 0) {
                int i = slot(v, mask);
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = v;
            }
        }
    }

    /** Hashes of few bits (tests force collisions) still spread: the high bits are folded in. */
    private static int slot(long v, int mask) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
