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

    /** The index of the first {@code a} or {@code b} in {@code bytes[from, to)}, or {@code to}. */
    static int indexOf(byte[] bytes, int from, int to, byte a, byte b) {
        long pa = (a & 0xff) * ONES;
        long pb = (b & 0xff) * ONES;
        int i = from;
        while (i + 8 <= to) {
            long w = (long) LONGS.get(bytes, i);
            if (hasZeroByte(w ^ pa) || hasZeroByte(w ^ pb)) {
                break;
            }
            i += 8;
        }
        for (; i < to; i++) {
            if (bytes[i] == a || bytes[i] == b) {
                return i;
            }
        }
        return to;
    }

    private static boolean hasZeroByte(long x) {
        return ((x - ONES) & ~x & HIGHS) != 0;
    }
}
