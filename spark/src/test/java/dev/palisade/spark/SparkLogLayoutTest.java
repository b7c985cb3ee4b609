package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/**
 * Spark's log under ./palisade (palisade-spark-log4j2.properties): one line per event. A failed
 * task's stack traces, in Spark's messages and in what it logs with them, ran to ~470 lines
 * before palisade's own message said why.
 */
class SparkLogLayoutTest {
    @Test
    void oneLinePerEventWithoutStackTraces() throws IOException {
        Properties config = new Properties();
        try (InputStream in = SparkLogLayoutTest.class.getClassLoader().getResourceAsStream("palisade-spark-log4j2.properties")) {
            config.load(in);
        }
        PatternLayout layout = PatternLayout.newBuilder().withPattern(config.getProperty("appender.console.layout.pattern")).build();
        LogEvent lost = Log4jLogEvent.newBuilder().setLoggerName("org.apache.spark.scheduler.TaskSetManager").setLevel(Level.WARN)
                .setMessage(new SimpleMessage("Lost task 1.0 in stage 0.0 (TID 1): org.apache.spark.SparkException: "
                        + "Task failed while writing rows\n\tat org.apache.spark.internal.io.SparkHadoopWriter$.executeTask"))
                .setThrown(new IOException("No space left on device", new IllegalStateException("under it")))
                .build();
        String line = layout.toSerializable(lost);
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.matches("\\d\\d:\\d\\d:\\d\\d WARN TaskSetManager: Lost task 1\\.0 in stage 0\\.0 \\(TID 1\\): "
                + "org\\.apache\\.spark\\.SparkException: Task failed while writing rows \\(\\.\\.\\.\\)\\R"), line);
    }
}
