package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A local folder's files, as {@code palisade batch} takes them; a LOG that cannot be listed: a
 * message that names it and says why, whatever the file system.
 */
class InputsTest {
    @Test
    void aLocalFolderIsListedAsBatchListsIt(@TempDir Path dir) throws IOException {
        for (String name : List.of("b.log", "a.log.gz", "_early.log", ".hidden.log", "with: colon.log")) {
            Files.writeString(dir.resolve(name), name);
        }
        Files.createDirectory(dir.resolve("below"));
        Files.writeString(dir.resolve("below/deeper.log"), "not read: below the folder");
        Files.createSymbolicLink(dir.resolve("link.log"), dir.resolve("b.log"));
        Files.createSymbolicLink(dir.resolve("broken.log"), dir.resolve("gone.log"));
        // what batch's LogArguments keeps: regular files (links followed), not hidden, in path order
        List<String> batch;
        try (Stream<Path> s = Files.list(dir)) {
            batch = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().map(Path::toString).toList();
        }
        assertEquals(List.of("_early.log", "a.log.gz", "b.log", "link.log", "with: colon.log"),
                batch.stream().map(f -> Path.of(f).getFileName().toString()).toList());

        Configuration conf = new Configuration();
        List<Inputs.InputFile> files = Inputs.expand(List.of(dir.toString()), conf);
        assertEquals(batch, files.stream().map(Inputs.InputFile::name).toList(), "the names batch gives them");
        for (Inputs.InputFile f : files) {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(f.uri());
            assertEquals(Files.size(Path.of(f.name())), f.size(), f.name());
            assertEquals(Files.size(Path.of(f.name())), p.getFileSystem(conf).getFileStatus(p).getLen(),
                    "Hadoop finds the file by its uri: " + f.uri());
            assertEquals(f.name(), f.local(), "read by the JDK, as batch reads it");
        }
        assertEquals(dir.resolve("b.log").toString(), Inputs.expand(List.of(dir.resolve("b.log").toString()), conf).get(0).local(),
                "a local file named alone");
    }

    @Test
    void aFileSystemOfItsOwnReadsItsWay(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.log"), "{}\n");
        Configuration conf = new Configuration();
        conf.set("fs." + FullDiskFileSystem.SCHEME + ".impl", FullDiskFileSystem.class.getName()); // a RawLocalFileSystem
        for (String log : List.of(dir.toString(), dir.resolve("a.log").toString())) {
            List<Inputs.InputFile> files = Inputs.expand(List.of(FullDiskFileSystem.SCHEME + "://" + log), conf);
            assertEquals(1, files.size(), log);
            assertEquals(null, files.get(0).local(), "through Hadoop: " + files.get(0));
        }
    }

    static Stream<Arguments> logThatCannotBeListed() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // nothing listens there once it is closed
        }
        return Stream.of(
                Arguments.of("a scheme no file system takes", "nosuchscheme://host/audit.log",
                        IllegalArgumentException.class, "No FileSystem for scheme \"nosuchscheme\" on this class path"),
                // the test class path, as ./palisade's, has Hadoop's client without hadoop-aws
                Arguments.of("s3a without hadoop-aws", "s3a://bucket/logs/*.log",
                        IllegalArgumentException.class, "its file system is not on this class path"),
                Arguments.of("an HDFS name node that does not answer", "hdfs://127.0.0.1:" + closed + "/logs/audit.log",
                        IOException.class, "Connection refused"),
                Arguments.of("a missing file", "/nonexistent/audit.log", IllegalArgumentException.class, "no such file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void logThatCannotBeListed(String name, String log, Class<? extends Exception> thrown, String says) {
        Configuration conf = new Configuration();
        conf.setInt("ipc.client.connect.max.retries", 0); // one attempt at the name node, not ten
        Exception e = assertThrows(thrown, () -> Inputs.expand(List.of(log), conf));
        assertEquals(thrown, e.getClass());
        assertTrue(e.getMessage().startsWith(log + ": "), "names the LOG: " + e.getMessage());
        assertTrue(e.getMessage().contains(says), "says why (" + says + "): " + e.getMessage());
    }
}
