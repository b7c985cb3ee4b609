package dev.palisade.spark;

import java.io.Serializable;

/**
 * An auditID's 64-bit hash, the same whether taken from a scanned line's bytes (ASCII only) or
 * from the parsed string: FNV-1a over the characters, then a finalizer so that every bit
 * depends on every character.
 *
 * @param bits how many of its bits are kept: 64, or fewer in tests, to force collisions (which
 *        must only make more events cross the shuffle)
 */
record IdHash(int bits) implements Serializable {
    IdHash {
        if (bits < 1 || bits > 64) {
            throw new IllegalArgumentException("bits: 1-64, not " + bits);
        }
    }

    long of(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = id.length(); i < n; i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        return finish(h);
    }

    /** The hash of the string these bytes spell: only for bytes below 0x80 (one character each). */
    long ofAscii(byte[] b, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h = (h ^ b[i]) * 0x100000001b3L;
        }
        return finish(h);
    }

    private long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return bits == 64 ? h : h & ((1L << bits) - 1);
    }
}
