package dev.palisade.engine.wire;

/**
 * Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF,
 * no truncated sequences. Done before JSON parsing so that one rule holds for every reader,
 * whether the bytes come from a file, stdin or a request body: invalid UTF-8 is malformed input,
 * never silently replaced by U+FFFD.
 */
public final class Utf8 {
    private Utf8() {}

    /** The offset (from {@code off}) of the first invalid byte, or -1 when the range is valid UTF-8. */
    public static int firstInvalid(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                need = 3;
                min = 0x10000;
            } else {
                return i - off;
            }
            if (i + need >= end) { // truncated sequence
                return i - off;
            }
            int cp = c & (0x3f >> need);
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) {
                    return i - off;
                }
                cp = (cp << 6) | (cc & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                return i - off;
            }
            i += need + 1;
        }
        return -1;
    }
}
