package dev.palisade.server.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** The little DER this package needs: writing a TLV, and finding the curve of a SEC1 EC key. */
final class Der {
    private Der() {}

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(content.length + 6);
        b.write(tag);
        int n = content.length;
        if (n < 0x80) {
            b.write(n);
        } else {
            int bytes = n > 0xFFFFFF ? 4 : n > 0xFFFF ? 3 : n > 0xFF ? 2 : 1;
            b.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                b.write((n >>> (8 * i)) & 0xFF);
            }
        }
        b.writeBytes(content);
        return b.toByteArray();
    }

    /**
     * The curve OID (a whole TLV) of a SEC1 ECPrivateKey: SEQUENCE { version, privateKey,
     * [0] parameters OPTIONAL, [1] publicKey OPTIONAL }; null when absent or malformed.
     */
    static byte[] ecCurveOid(byte[] der) {
        try {
            int[] seq = header(der, 0);
            if (der[0] != 0x30) {
                return null;
            }
            int pos = seq[0];
            int end = pos + seq[1];
            while (pos < end) {
                int tag = der[pos] & 0xFF;
                int[] h = header(der, pos);
                if (tag == 0xA0) {
                    int oid = h[0];
                    int[] oh = header(der, oid);
                    if (der[oid] != 0x06) {
                        return null;
                    }
                    return Arrays.copyOfRange(der, oid, oh[0] + oh[1]);
                }
                pos = h[0] + h[1];
            }
            return null;
        } catch (ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** {content start, content length} of the TLV at {@code pos}. */
    private static int[] header(byte[] der, int pos) {
        int len = der[pos + 1] & 0xFF;
        int start = pos + 2;
        if (len >= 0x80) {
            int bytes = len & 0x7F;
            if (bytes == 0 || bytes > 4) {
                throw new ArrayIndexOutOfBoundsException("bad DER length");
            }
            len = 0;
            for (int i = 0; i < bytes; i++) {
                len = (len << 8) | (der[start + i] & 0xFF);
            }
            start += bytes;
        }
        if (len < 0 || start + len > der.length) {
            throw new ArrayIndexOutOfBoundsException("DER length past the end");
        }
        return new int[] {start, len};
    }
}
