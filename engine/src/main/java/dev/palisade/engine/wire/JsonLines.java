package dev.palisade.engine.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palisade.engine.config.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frames a byte stream (a file, stdin) of reviews into JSON values, streaming and bounded: the
 * reader behind {@code authorize}, {@code admit} and {@code authenticate}.
 *
 * <p>The framing: <b>one JSON value per line</b>. A line that is, apart from blanks, a lone
 * <code>{</code> or <code>[</code> opens a pretty-printed document, which runs until its value closes
 * (as {@code kubectl -o json} and {@code jq} write them). Nothing else ever joins lines: a
 * truncated or malformed line is that line's problem only. Each value is handed on as soon as
 * its last line has arrived, so answers keep pace with an open stdin.
 *
 * <p>Nothing is lost: every non-blank line outside a document, and every document, gets exactly
 * one call of the {@link Sink}. A document that turns out not to be valid JSON is reported at
 * its first line, and its other lines up to the one where it broke are then read again one by
 * one (a stray <code>{</code> line in a stream of JSON lines costs one answer, not the stream).
 *
 * <p>Bounded: a line or document over {@link Limits#maxRequestBytes()} is reported without
 * being held; nesting and string length are bounded by {@link JsonInput}. Lines are numbered
 * from 1; a document is numbered by its first line.
 */
public final class JsonLines {
    /** Receives each value or problem, in input order. */
    public interface Sink {
        void value(JsonNode value, long line);

        void malformed(long line, String message);

        /** Called before a read that may block: a good moment to flush answers. */
        default void idle() {
        }
    }

    private final JsonInput json;
    private final int maxBytes;

    public JsonLines(JsonInput json) {
        this.json = json;
        this.maxBytes = json.limits().maxRequestBytes();
    }

    public void read(InputStream in, Sink sink) throws IOException {
        new Framer(sink).run(in);
    }

    private final class Framer {
        final Sink sink;
        byte[] line = new byte[8192];
        int length;
        boolean tooLong;
        long number;
        Document document;

        Framer(Sink sink) {
            this.sink = sink;
        }

        void run(InputStream in) throws IOException {
            byte[] buf = new byte[1 << 16];
            int n;
            sink.idle();
            while ((n = in.read(buf)) >= 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        append(buf, start, i - start);
                        endLine();
                        start = i + 1;
                    }
                }
                append(buf, start, n - start);
                sink.idle();
            }
            if (length > 0 || tooLong) {
                endLine();
            }
            if (document != null) {
                document.endOfInput();
                document = null;
            }
        }

        void append(byte[] b, int off, int len) {
            if (tooLong || len == 0) {
                return;
            }
            if ((long) length + len > maxBytes) {
                tooLong = true;
                length = 0;
                return;
            }
            if (length + len > line.length) {
                line = Arrays.copyOf(line, Math.max(length + len, Math.min(line.length * 2, maxBytes)));
            }
            System.arraycopy(b, off, line, length, len);
            length += len;
        }

        void endLine() {
            number++;
            try {
                if (document != null) {
                    if (tooLong) {
                        document.overLong(number);
                        document = null;
                    } else if (document.feed(line, length, number)) {
                        document = null;
                    }
                } else if (tooLong) {
                    sink.malformed(number, "line longer than " + maxBytes + " bytes (limits.maxRequestBytes)");
                } else if (!blank(line, length)) {
                    if (opensDocument(line, length)) {
                        document = new Document(number);
                        if (document.feed(line, length, number)) {
                            document = null;
                        }
                    } else {
                        single(line, 0, length, number);
                    }
                }
            } finally {
                tooLong = false;
                length = 0;
                if (line.length > 1 << 20) {
                    line = new byte[8192]; // a long line's buffer is not kept for the rest of the stream
                }
            }
        }

        void single(byte[] b, int off, int len, long at) {
            JsonNode value;
            try {
                value = json.parse(b, off, len);
            } catch (MalformedJsonException e) {
                sink.malformed(at, e.getMessage());
                return;
            }
            sink.value(value, at);
        }

        /** A pretty-printed value being collected: its bytes (while within the limit) and a tokenizer telling when it closes. */
        final class Document {
            final long first;
            final JsonParser tokens = tokenizer();
            byte[] held = new byte[8192];
            int used;
            final List<long[]> lines = new ArrayList<>(); // {line number, start, end} in held
            int depth;
            boolean oversize;

            private JsonParser tokenizer() {
                try {
                    return json.factory().createNonBlockingByteArrayParser();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e); // not thrown for an in-memory parser
                }
            }

            Document(long first) {
                this.first = first;
            }

            /** Adds one line; true when the document is done (answered or reported). */
            boolean feed(byte[] b, int len, long at) {
                if (!oversize) {
                    if ((long) used + len + 1 > maxBytes) {
                        oversize = true;
                        held = null;
                        lines.clear();
                    } else {
                        if (used + len + 1 > held.length) {
                            held = Arrays.copyOf(held, Math.max(used + len + 1, held.length * 2));
                        }
                        System.arraycopy(b, 0, held, used, len);
                        lines.add(new long[] {at, used, used + len});
                        used += len;
                        held[used++] = '\n';
                    }
                }
                byte[] chunk = Arrays.copyOf(b, len + 1);
                chunk[len] = '\n';
                try {
                    ((ByteArrayFeeder) tokens.getNonBlockingInputFeeder()).feedInput(chunk, 0, chunk.length);
                    JsonToken t;
                    while ((t = tokens.nextToken()) != null && t != JsonToken.NOT_AVAILABLE) {
                        if (t.isStructStart()) {
                            depth++;
                        } else if (t.isStructEnd() && --depth == 0) {
                            complete(at);
                            return true;
                        }
                    }
                    return false;
                } catch (JsonProcessingException e) {
                    broken(at, JsonInput.describe(e, json.limits(), false)); // its own line numbers count from the document's start
                    return true;
                } catch (IOException e) {
                    broken(at, "unreadable: " + e.getClass().getSimpleName());
                    return true;
                }
            }

            void complete(long last) {
                close();
                if (oversize) {
                    sink.malformed(first, tooLarge(last));
                    return;
                }
                JsonNode value;
                try {
                    value = json.parse(held, 0, used);
                } catch (MalformedJsonException e) {
                    broken(last, e.getMessage());
                    return;
                }
                sink.value(value, first);
            }

            void broken(long at, String reason) {
                close();
                if (oversize) {
                    sink.malformed(first, tooLarge(at) + ", and not valid JSON at line " + at + ": " + reason);
                    return;
                }
                sink.malformed(first, "the JSON document opened at line " + first + " is not valid at line " + at
                        + ": " + reason + (lines.size() > 1 ? "; its lines are read again one by one" : ""));
                for (int i = 1; i < lines.size(); i++) {
                    long[] l = lines.get(i);
                    if (!blank(held, (int) l[1], (int) l[2])) {
                        single(held, (int) l[1], (int) (l[2] - l[1]), l[0]);
                    }
                }
            }

            void overLong(long at) {
                close();
                sink.malformed(first, "the JSON document opened at line " + first + " has a line (" + at
                        + ") longer than " + maxBytes + " bytes (limits.maxRequestBytes)");
            }

            void endOfInput() {
                broken(number, "the input ends before the document closes");
            }

            String tooLarge(long last) {
                return "the JSON document of lines " + first + "-" + last + " is larger than " + maxBytes
                        + " bytes (limits.maxRequestBytes)";
            }

            private void close() {
                try {
                    tokens.close();
                } catch (IOException e) {
                    // nothing held but memory
                }
            }
        }
    }

    private static boolean blank(byte[] b, int len) {
        return blank(b, 0, len);
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A line holding only an opening brace or bracket (and blanks): how pretty printers start a document. */
    public static boolean opensDocument(byte[] b, int len) {
        return opensDocument(b, 0, len);
    }

    /** Whether {@code b[from, to)} is a line that opens a pretty-printed document (as {@link #opensDocument(byte[], int)}). */
    public static boolean opensDocument(byte[] b, int from, int to) {
        int opening = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '{' || c == '[') {
                opening++;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return opening == 1;
    }
}
