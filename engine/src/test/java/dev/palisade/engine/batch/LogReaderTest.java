package dev.palisade.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.palisade.engine.config.Limits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The reader's buffers for a small input: a log shipper's folder holds thousands of files of a
 * few KB, and a distributed replay makes a reader for each.
 */
class LogReaderTest {
    private static final String EVENT = "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"%s\","
            + "\"stage\":\"ResponseComplete\",\"verb\":\"get\",\"user\":{\"username\":\"alice\"}}";

    /** What a reader read: each line's number and text. */
    private static List<String> read(byte[] file) throws Exception {
        List<String> lines = new ArrayList<>();
        LogReader reader = new LogReader(chunk -> {
            for (int i = 0; i < chunk.count(); i++) {
                lines.add(chunk.lineNumbers()[i] + ": " + new String(chunk.data(), chunk.starts()[i],
                        chunk.ends()[i] - chunk.starts()[i], StandardCharsets.UTF_8));
            }
        }, Limits.DEFAULTS);
        int buffer = LogSource.bufferBytes(file.length);
        try (InputStream in = LogSource.decompressed(new ByteArrayInputStream(file), buffer)) {
            reader.read("small.log", in, true, buffer);
        }
        return lines;
    }

    @Test
    void aSmallFileIsReadWithBuffersOfItsSize() throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean bean && bean.isThreadAllocatedMemorySupported(),
                "this JVM does not count the bytes a thread allocates");
        var bean = (com.sun.management.ThreadMXBean) threads;
        byte[] file = (EVENT.formatted("a") + "\n" + EVENT.formatted("b") + "\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(2, read(file).size());
        long before = bean.getCurrentThreadAllocatedBytes();
        int reads = 200;
        for (int i = 0; i < reads; i++) {
            read(file);
        }
        long perRead = (bean.getCurrentThreadAllocatedBytes() - before) / reads;
        // three 64 KiB buffers and a JSON mapper made it ~220 KB
        assertTrue(perRead < 48 * 1024, "reading a file of " + file.length + " bytes allocated " + perRead + " bytes");
    }

    @Test
    void aSmallGzipFileWithLongLinesIsReadWhole() throws Exception {
        String longLine = EVENT.formatted("x".repeat(50_000));
        String text = EVENT.formatted("a") + "\n" + longLine + "\n\n" + EVENT.formatted("c");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(gz.size() < 4096, "smaller than its smallest buffer: " + gz.size());
        assertEquals(List.of("1: " + EVENT.formatted("a"), "2: " + longLine, "4: " + EVENT.formatted("c")), read(gz.toByteArray()));
    }

    @Test
    void aSmallFileOfManyShortLinesIsReadWholeInOrder() throws Exception {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            text.append("{}\n");
            expected.add(i + ": {}");
        }
        assertTrue(text.length() < 4096, "read with 4 KiB buffers, in chunks of 256 lines: " + text.length());
        assertEquals(expected, read(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPrettyPrintedDocumentIsStillRead() throws Exception {
        String document = "{\n  \"kind\": \"EventList\",\n  \"items\": [\n    " + EVENT.formatted("a") + ",\n    "
                + EVENT.formatted("b") + "\n  ]\n}\n";
        // its items where they start, then the list's own fields (where the document starts)
        assertEquals(List.of("4: " + EVENT.formatted("a"), "5: " + EVENT.formatted("b"), "1: {\"kind\":\"EventList\",\"items\":[]}"),
                read(document.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bufferBytesFollowTheSizeOnDiskUpTo64KiB() throws IOException {
        assertEquals(4096, LogSource.bufferBytes(0));
        assertEquals(4096, LogSource.bufferBytes(100));
        assertEquals(10_001, LogSource.bufferBytes(10_000));
        assertEquals(65_536, LogSource.bufferBytes(1L << 40));
        assertEquals(65_536, LogSource.bufferBytes(-1), "unknown (stdin)");
    }
}
