package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A LOG that cannot be listed: a message that names it and says why, whatever the file system. */
class InputsTest {
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
