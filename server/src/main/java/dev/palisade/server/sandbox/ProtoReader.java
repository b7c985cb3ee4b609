package dev.palisade.server.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of the protobuf wire format, enough for the few messages kubectl sends the sandbox:
 * varints and length-delimited fields (fixed32/fixed64 are skipped). Bad bytes raise
 * {@link MalformedProtobufException} naming the offset, never an index error.
 */
final class ProtoReader {
    /** The fields of one message: number to every value (byte[] for length-delimited, Long for varints). */
    record Message(Map<Integer, List<Object>> fields) {
        byte[] bytes(int number) {
            List<Object> v = fields.get(number);
            return v == null ? null : v.get(v.size() - 1) instanceof byte[] b ? b : null;
        }

        String string(int number) {
            byte[] b = bytes(number);
            return b == null ? "" : new String(b, StandardCharsets.UTF_8);
        }

        Message message(int number) throws MalformedProtobufException {
            byte[] b = bytes(number);
            return b == null ? null : parse(b);
        }

        List<String> strings(int number) {
            List<String> out = new ArrayList<>();
            for (Object o : fields.getOrDefault(number, List.of())) {
                if (o instanceof byte[] b) {
                    out.add(new String(b, StandardCharsets.UTF_8));
                }
            }
            return out;
        }
    }

    static final class MalformedProtobufException extends Exception {
        MalformedProtobufException(String message) {
            super(message);
        }
    }

    private final byte[] in;
    private int pos;

    private ProtoReader(byte[] in) {
        this.in = in;
    }

    static Message parse(byte[] bytes) throws MalformedProtobufException {
        ProtoReader r = new ProtoReader(bytes);
        Map<Integer, List<Object>> fields = new LinkedHashMap<>();
        while (r.pos < bytes.length) {
            int at = r.pos;
            long key = r.varint();
            int number = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (number <= 0) {
                throw new MalformedProtobufException("field number 0 at byte " + at);
            }
            Object value = switch (wire) {
                case 0 -> r.varint();
                case 1 -> r.skip(8);
                case 2 -> r.delimited();
                case 5 -> r.skip(4);
                default -> throw new MalformedProtobufException("unsupported wire type " + wire + " at byte " + at);
            };
            if (value != null) {
                fields.computeIfAbsent(number, k -> new ArrayList<>()).add(value);
            }
        }
        return new Message(fields);
    }

    private long varint() throws MalformedProtobufException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= in.length) {
                throw new MalformedProtobufException("truncated varint at byte " + pos);
            }
            byte b = in[pos++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new MalformedProtobufException("varint longer than 10 bytes at byte " + pos);
    }

    private byte[] delimited() throws MalformedProtobufException {
        int at = pos;
        long length = varint();
        if (length < 0 || length > in.length - pos) {
            throw new MalformedProtobufException("length " + length + " at byte " + at + " runs past the end ("
                    + (in.length - pos) + " bytes left)");
        }
        byte[] out = java.util.Arrays.copyOfRange(in, pos, pos + (int) length);
        pos += (int) length;
        return out;
    }

    private Object skip(int n) throws MalformedProtobufException {
        if (in.length - pos < n) {
            throw new MalformedProtobufException("truncated fixed field at byte " + pos);
        }
        pos += n;
        return null;
    }
}
