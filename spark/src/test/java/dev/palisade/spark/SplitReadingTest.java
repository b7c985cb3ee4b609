package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitReadingTest {
    /**
     * A local input is read as {@code batch} reads it, its bytes as they are: Hadoop's checksum
     * layer is not in the way (it looked for a {@code .crc} beside every input, and with one that
     * no longer matches, as here, it refused to read the file at all).
     */
    @Test
    void aLocalInputIsReadAsBatchReadsIt(@TempDir java.nio.file.Path dir) throws IOException {
        Configuration conf = new Configuration();
        Path log = new Path(dir.resolve("audit.log").toUri());
        try (OutputStream out = FileSystem.getLocal(conf).create(log)) {
            out.write("{\"auditID\":\"a\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(Files.exists(dir.resolve(".audit.log.crc")), "Hadoop wrote a checksum beside the log");
        // appended to, or rewritten, by something other than Hadoop: the checksum is stale
        Files.writeString(dir.resolve("audit.log"), "{\"auditID\":\"b\"}\n");
        try (InputStream in = SplitReading.openFile(log, conf)) {
            assertEquals("{\"auditID\":\"b\"}\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * A small gzip file is scanned with buffers sized by its compressed bytes; what it holds
     * decompressed is many times that, in lines longer than the buffer: every ID is still found.
     */
    @Test
    void aSmallGzipFileHoldingMoreThanItsBufferIsScannedWhole(@TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path log = dir.resolve("audit.log.gz");
        String padding = "x".repeat(9_000); // each line longer than the buffer
        try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(log))) {
            for (int i = 0; i < 500; i++) {
                out.write(("{\"auditID\":\"id-" + i + "\",\"pad\":\"" + padding + "\"}\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        long size = Files.size(log);
        Split whole = new Split(0, log.toString(), log.toUri().toString(), true, 0, size, 0);
        assertTrue(SplitReading.bufferBytes(whole) < 9_000, "a buffer smaller than a line: " + SplitReading.bufferBytes(whole));
        SplitScan.Result scanned = SplitScan.read(whole, new Configuration(), new IdHash(64), 1 << 20);
        assertEquals(false, scanned.opaque());
        assertEquals(500, scanned.hashes().length, "every auditID found");
    }
}
