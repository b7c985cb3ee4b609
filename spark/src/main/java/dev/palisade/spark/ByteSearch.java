package dev.palisade.spark;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds bytes eight at a time: the scan before the replay looks at every byte of the input for
 * newlines, and of every line for the few bytes an auditID key can hide behind; a byte-by-byte
 * loop made that pass cost more than a third of reading and judging a split.
 */
final class ByteSearch {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteSearch() {}

    /** The index of the first {@code a} in {@code bytes[from, to)}, or {@code to}. */
    static int indexOf(byte[] bytes, int from, int to, byte a) {
        long pa = (a & 0xff) * ONES;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long z = zeroBytes((long) LONGS.get(bytes, i) ^ pa);
            if (z != 0) {
                return i + first(z);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == a) {
                return i;
            }
        }
        return to;
    }

    /** The index of the first {@code a} or {@code b} in {@code bytes[from, to)}, or {@code to}. */
    static int indexOf(byte[] bytes, int from, int to, byte a, byte b) {
        long pa = (a & 0xff) * ONES;
        long pb = (b & 0xff) * ONES;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(bytes, i);
            long z = zeroBytes(w ^ pa) | zeroBytes(w ^ pb);
            if (z != 0) {
                return i + first(z);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == a || bytes[i] == b) {
                return i;
            }
        }
        return to;
    }

    /**
     * The high bit of each zero byte of {@code x} set. A borrow can also mark a byte above a zero
     * one, never one below: the lowest mark is always a zero byte.
     */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /** The offset of the lowest marked byte (the words are read little-endian: the lowest byte comes first). */
    private static int first(long marks) {
        return Long.numberOfTrailingZeros(marks) >>> 3;
    }
}
