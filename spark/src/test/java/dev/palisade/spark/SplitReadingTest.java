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
}
