package dev.palisade.engine.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import dev.palisade.engine.config.Limits;
import dev.palisade.engine.wire.JsonInput;
import dev.palisade.engine.wire.JsonLines;

/**
 * Cuts logs into {@link Chunk}s of whole lines, for the workers. Runs on one thread; it only
 * looks for newlines (parsing is the workers' job), so it keeps ahead of them.
 *
 * <p>A file whose first non-blank line is a lone {@code {} or {@code [} (how {@code kubectl -o
 * json} and {@code jq} start a document) is one pretty-printed document instead: an EventList,
 * an array of Events or a single Event. Its items are streamed one at a time, each handed on as
 * a "line" numbered where the item starts. Any other first line — a truncated event included —
 * is a line like the others: a malformed one is reported and the rest of the file is read.
 *
 * <p>Memory: a line longer than {@code limits.maxAuditLineBytes} is reported and skipped, never
 * held; nesting and string length are bounded as everywhere ({@link JsonInput#constraints}).
 */
final class LogReader {
    private static final int CHUNK_LINES = 256;
    private static final int CHUNK_BYTES = 1 << 20;
    /**
     * A chunk's first buffer. A chunk is handed on at CHUNK_LINES lines, ~110 KB of a typical
     * log, long before CHUNK_BYTES: each chunk's buffer is sized by the one before it and grows
     * when its lines need more, rather than being 1 MiB for every 256 lines (and every small file).
     */
    private static final int FIRST_BUFFER = 64 << 10;
    private final Limits limits;
    /**
     * For pretty-printed documents only, made for the first one: a distributed replay makes a
     * reader per part, and 16,000 small files made 16,000 mappers (~270 MB of allocation).
     */
    private ObjectMapper json;

    /** Where chunks go; blocks when the workers are behind (that is what bounds memory). */
    interface ChunkSink {
        void accept(Chunk chunk) throws InterruptedException;
    }

    private final ChunkSink sink;
    private final AtomicLong rawBytes = new AtomicLong();
    private long sequence;

    LogReader(ChunkSink sink, Limits limits) {
        this.sink = sink;
        this.limits = limits;
    }

    private ObjectMapper json() {
        if (json == null) {
            json = new ObjectMapper(JsonFactory.builder().streamReadConstraints(JsonInput.constraints(limits)).build());
        }
        return json;
    }

    long rawBytes() {
        return rawBytes.get();
    }

    /** Reads one log to its end; any read failure becomes a problem at the line it happened. */
    void read(LogSource source) throws InterruptedException {
        int bufferBytes = LogSource.bufferBytes(source.size());
        Builder chunk = new Builder(source.name(), bufferBytes);
        try (InputStream in = source.open(rawBytes, bufferBytes)) {
            read(chunk, in, true, bufferBytes);
        } catch (IOException e) {
            chunk.problem(new Problem(new Place(source.name(), 1, -1),
                    "cannot read further: " + e + "; the rest of this file is skipped", true));
            chunk.finish();
        }
    }

    /**
     * Reads {@code in} (already decompressed) to its end as the log {@code name}, lines numbered
     * from 1. {@code fileStart}: the stream is a file's beginning, so a lone {@code {} or
     * {@code [} first line opens a pretty-printed document; a part cut out of a JSON-lines file
     * (distributed replay) reads lines only.
     */
    void read(String name, InputStream in, boolean fileStart, int bufferBytes) throws InterruptedException {
        read(new Builder(name, bufferBytes), in, fileStart, bufferBytes);
    }

    /** @param bufferBytes how much to read at a time, and a chunk's first buffer ({@link LogSource#bufferBytes}) */
    private void read(Builder chunk, InputStream in, boolean fileStart, int bufferBytes) throws InterruptedException {
        long line = 0;
        try {
            byte[] buf = new byte[bufferBytes];
            boolean firstSeen = !fileStart;
            int n;
            while ((n = in.read(buf)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') {
                        continue;
                    }
                    chunk.append(buf, start, i - start);
                    start = i + 1;
                    line++;
                    if (!firstSeen && !chunk.currentBlank()) {
                        firstSeen = true;
                        if (startsDocument(chunk.currentLine())) {
                            byte[] head = chunk.takeCurrentLine();
                            InputStream rest = new SequenceInputStream(new ByteArrayInputStream(
                                    concat(head, new byte[] {'\n'}, Arrays.copyOfRange(buf, start, n))), in);
                            readDocument(rest, chunk, line);
                            chunk.finish();
                            return;
                        }
                    }
                    chunk.endLine(line);
                }
                chunk.append(buf, start, n - start);
            }
            if (chunk.hasCurrent()) {
                line++;
                if (!firstSeen && !chunk.currentBlank() && startsDocument(chunk.currentLine())) {
                    byte[] head = chunk.takeCurrentLine();
                    readDocument(new ByteArrayInputStream(head), chunk, line);
                } else {
                    chunk.endLine(line);
                }
            }
        } catch (IOException e) {
            chunk.problem(new Problem(new Place(chunk.source, line + 1, -1),
                    "cannot read further: " + e + "; the rest of this file is skipped", true));
        }
        chunk.finish();
    }

    /** A first line that is a lone opening brace or bracket: the file is one pretty-printed document. */
    private static boolean startsDocument(byte[] line) {
        return JsonLines.opensDocument(line, line.length);
    }

    private void readDocument(InputStream in, Builder chunk, long firstLine) throws InterruptedException {
        long offset = firstLine - 1;
        try (JsonParser p = json().getFactory().createParser(in)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    streamItems(p, chunk, offset);
                } else if (t == JsonToken.START_OBJECT) {
                    readObjectDocument(p, chunk, offset);
                } else {
                    long at = offset + p.currentTokenLocation().getLineNr();
                    chunk.problem(new Problem(new Place(chunk.source, at, -1),
                            "expected a JSON object (an audit Event or EventList), found " + t.asString()
                                    + "; the rest of this file is skipped", true));
                    return;
                }
            }
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? firstLine : offset + e.getLocation().getLineNr();
            chunk.problem(new Problem(new Place(chunk.source, at, -1),
                    "malformed JSON document: " + JsonInput.describe(e, limits, false) + "; the rest of this file is skipped", true));
        } catch (IOException e) {
            chunk.problem(new Problem(new Place(chunk.source, firstLine, -1),
                    "cannot read further: " + e + "; the rest of this file is skipped", true));
        }
    }

    /** An object document: an EventList's items are streamed; anything else is one event. */
    private void readObjectDocument(JsonParser p, Builder chunk, long offset) throws IOException, InterruptedException {
        long startLine = offset + p.currentTokenLocation().getLineNr();
        long start = p.currentTokenLocation().getByteOffset();
        ObjectNode header = json().createObjectNode();
        boolean items = false;
        boolean tooLarge = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("items".equals(field) && value == JsonToken.START_ARRAY) {
                items = true;
                streamItems(p, chunk, offset);
            } else if (tooLarge) {
                p.skipChildren();
            } else {
                // the fields besides items are one event (or a list's header): bounded as one line
                JsonNode v = boundedValue(p, start);
                if (v == null) {
                    tooLarge = true;
                    chunk.problem(new Problem(new Place(chunk.source, startLine, -1), tooLarge()));
                } else {
                    header.set(field, v);
                }
            }
        }
        if (tooLarge) {
            return;
        }
        if (!items) {
            chunk.addLine(json().writeValueAsBytes(header), startLine);
            return;
        }
        // an EventList's own header: the parser checks kind and apiVersion when given it with no items
        header.putArray("items");
        chunk.addLine(json().writeValueAsBytes(header), startLine);
    }

    private void streamItems(JsonParser p, Builder chunk, long offset) throws IOException, InterruptedException {
        while (p.nextToken() != JsonToken.END_ARRAY) {
            long itemLine = offset + p.currentTokenLocation().getLineNr();
            JsonNode item = boundedValue(p, p.currentTokenLocation().getByteOffset());
            if (item == null) {
                chunk.problem(new Problem(new Place(chunk.source, itemLine, -1), tooLarge()));
            } else {
                chunk.addLine(json().writeValueAsBytes(item), itemLine);
            }
        }
    }

    private String tooLarge() {
        return "document item larger than " + limits.maxAuditLineBytes() + " bytes (limits.maxAuditLineBytes); skipped";
    }

    /**
     * The value at the parser as a tree, or null — the value then skipped to its end, never held —
     * when the bytes since {@code start} exceed {@code limits.maxAuditLineBytes}: an item of a
     * pretty-printed document is bounded as a line is.
     */
    private JsonNode boundedValue(JsonParser p, long start) throws IOException {
        TokenBuffer copy = new TokenBuffer(p, null);
        int depth = 0;
        do {
            JsonToken t = p.currentToken();
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            }
            if (p.currentLocation().getByteOffset() - start > limits.maxAuditLineBytes()) {
                copy.close();
                while (depth > 0) {
                    JsonToken n = p.nextToken();
                    if (n == null) {
                        break;
                    }
                    if (n.isStructStart()) {
                        depth++;
                    } else if (n.isStructEnd()) {
                        depth--;
                    }
                }
                return null;
            }
            copy.copyCurrentEvent(p);
        } while (depth > 0 && p.nextToken() != null);
        try (JsonParser tree = copy.asParser(p.getCodec() == null ? json() : p.getCodec())) {
            return json().readTree(tree);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Accumulates lines into the chunk being built; hands it on when full. */
    private final class Builder {
        final String source;
        byte[] data;
        int used;
        int lineStart;
        boolean tooLong;
        int[] starts = new int[CHUNK_LINES];
        int[] ends = new int[CHUNK_LINES];
        long[] numbers = new long[CHUNK_LINES];
        int count;
        List<Problem> problems = new ArrayList<>();

        /** @param firstBuffer at most FIRST_BUFFER: less for a small input */
        Builder(String source, int firstBuffer) {
            this.source = source;
            this.data = new byte[Math.min(FIRST_BUFFER, firstBuffer)];
        }

        void append(byte[] b, int off, int len) {
            if (tooLong || len == 0) {
                return;
            }
            if ((long) used - lineStart + len > limits.maxAuditLineBytes()) {
                tooLong = true;
                used = lineStart;
                return;
            }
            ensure(used + len);
            System.arraycopy(b, off, data, used, len);
            used += len;
        }

        boolean hasCurrent() {
            return used > lineStart || tooLong;
        }

        boolean currentBlank() {
            for (int i = lineStart; i < used; i++) {
                byte c = data[i];
                if (c != ' ' && c != '\t' && c != '\r') {
                    return false;
                }
            }
            return !tooLong;
        }

        byte[] currentLine() {
            return Arrays.copyOfRange(data, lineStart, used);
        }

        byte[] takeCurrentLine() {
            byte[] line = currentLine();
            used = lineStart;
            return line;
        }

        void endLine(long number) throws InterruptedException {
            if (tooLong) {
                tooLong = false;
                used = lineStart;
                problem(new Problem(new Place(source, number, -1),
                        "line longer than " + limits.maxAuditLineBytes() + " bytes (limits.maxAuditLineBytes); skipped"));
                return;
            }
            if (currentBlank()) {
                used = lineStart;
                return;
            }
            record(lineStart, used, number);
        }

        void addLine(byte[] line, long number) throws InterruptedException {
            ensure(used + line.length);
            System.arraycopy(line, 0, data, used, line.length);
            int start = used;
            used += line.length;
            record(start, used, number);
        }

        private void record(int start, int end, long number) throws InterruptedException {
            starts[count] = start;
            ends[count] = end;
            numbers[count] = number;
            count++;
            lineStart = used;
            if (count == CHUNK_LINES || used >= CHUNK_BYTES) {
                flush();
            }
        }

        void problem(Problem p) throws InterruptedException {
            problems.add(p);
            if (problems.size() >= CHUNK_LINES) {
                flush();
            }
        }

        /** Hands on the complete lines; a partial current line moves to the new buffer. */
        void flush() throws InterruptedException {
            handOn(true);
        }

        /**
         * Hands on what is left at the input's end, without a buffer for a chunk that will not
         * come: with many small files, that was 64 KiB more per file.
         */
        void finish() throws InterruptedException {
            handOn(false);
        }

        private void handOn(boolean more) throws InterruptedException {
            if (count == 0 && problems.isEmpty()) {
                return;
            }
            int carried = used - lineStart;
            int handed = lineStart; // the bytes of the lines handed on: the next chunk likely needs about as many
            byte[] full = data;
            sink.accept(new Chunk(sequence++, source, full, starts, ends, numbers, count, rawBytes.get(), problems));
            int next = Math.min(CHUNK_BYTES + 4096, Math.max(FIRST_BUFFER, handed + (handed >> 2)));
            data = more || carried > 0 ? new byte[Math.max(next, carried + 4096)] : new byte[0];
            System.arraycopy(full, lineStart, data, 0, carried);
            used = carried;
            lineStart = 0;
            starts = new int[CHUNK_LINES];
            ends = new int[CHUNK_LINES];
            numbers = new long[CHUNK_LINES];
            count = 0;
            problems = new ArrayList<>();
        }

        private void ensure(int capacity) {
            if (capacity > data.length) {
                data = Arrays.copyOf(data, Math.max(capacity, data.length * 2));
            }
        }
    }
}
