package dev.palisade.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * The auditIDs one line of a log may hold, found without parsing it: every {@code "auditID"}
 * key at any depth (an event's own, an EventList item's, one inside a logged object: more is
 * harmless, it only makes more events cross the shuffle; fewer would be a wrong answer).
 *
 * <p>The byte scan is sure of itself on lines as the apiserver writes them: it looks for the
 * rare {@code D"} of {@code "auditID"}; in valid JSON a quote preceded by an even number of
 * backslashes and followed by {@code auditID":} opens that key (backslashes occur only inside
 * strings, where a quote needs one). Its value is read when it is a string of plain ASCII without
 * escapes. Anything else that could be an auditID — a value with escapes, non-ASCII or not a
 * string, a key whose letters are written as {@code \}{@code u} escapes — makes it unsure; the
 * caller then {@link #parse}s the line.
 */
final class AuditIds {
    private static final byte[] KEY = "\"auditID\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    // looser than any engine's limits: deeper or longer than these, the engine rejects the line anyway. One for
    // all scans (a factory is thread-safe): a run of 16,000 small files scans 16,000 splits
    private static final JsonFactory FACTORY = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE)
            .build()).build();
    private final IdHash hash;

    AuditIds(IdHash hash) {
        this.hash = hash;
    }

    /** Hands on the hashes of the line's auditIDs; false (some may be missing) when unsure. */
    boolean scan(byte[] b, int from, int to, LongConsumer out) {
        for (int i = ByteSearch.indexOf(b, from, to, (byte) 'D', (byte) '\\'); i < to;
                i = ByteSearch.indexOf(b, i + 1, to, (byte) 'D', (byte) '\\')) {
            if (b[i] == 'D') {
                int open = i - KEY.length + 2;
                if (open < from || i + 1 >= to || b[i + 1] != '"' || !startsWithKey(b, open) || escaped(b, from, open)) {
                    continue;
                }
                int j = blanks(b, i + 2, to);
                if (j >= to || b[j] != ':') {
                    continue; // the string "auditID" as a value
                }
                j = blanks(b, j + 1, to);
                if (j >= to || b[j] != '"') {
                    return false;
                }
                int k = j + 1;
                while (k < to && b[k] != '"' && b[k] != '\\' && b[k] >= 0) {
                    k++;
                }
                if (k >= to || b[k] != '"') {
                    return false;
                }
                out.accept(hash.ofAscii(b, j + 1, k));
                i = k;
            } else if (i + 5 < to && b[i + 1] == 'u' && spellsKeyLetter(b, i + 2)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hands on the hashes of every value of an {@code auditID} field of the line, as the engine's
     * parser reads it: up to the first syntax error, after which the engine reads no further
     * either. False when it cannot tell (a value it cannot decode, a limit).
     */
    boolean parse(byte[] b, int from, int to, LongConsumer out) {
        try (JsonParser p = FACTORY.createParser(b, from, to - from)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME && "auditID".equals(p.currentName())) {
                    JsonToken v = p.nextToken();
                    if (v != null && v.isScalarValue()) {
                        out.accept(hash.of(p.getText()));
                    }
                }
            }
            return true;
        } catch (JsonParseException e) {
            return true; // a syntax error (a cut line): the engine's parser stops there too, or earlier
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the quote at {@code at} is escaped: an odd number of backslashes before it. */
    private static boolean escaped(byte[] b, int from, int at) {
        int n = 0;
        while (at - n - 1 >= from && b[at - n - 1] == '\\') {
            n++;
        }
        return (n & 1) == 1;
    }

    private static boolean startsWithKey(byte[] b, int at) {
        for (int k = 0; k < KEY.length - 2; k++) {
            if (b[at + k] != KEY[k]) {
                return false;
            }
        }
        return true;
    }

    private static int blanks(byte[] b, int i, int to) {
        while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return i;
    }

    /** Four hex digits at {@code at} that spell one of the letters of {@code auditID}. */
    private static boolean spellsKeyLetter(byte[] b, int at) {
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(b[at + k], 16);
            if (d < 0) {
                return false;
            }
            v = v * 16 + d;
        }
        return "auditID".indexOf(v) >= 0;
    }
}
