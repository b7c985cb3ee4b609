package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.batch.TextReportWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** spark-submit's command line: bad arguments and inputs get a message and exit 2, never a stack trace. */
class SubmitCommandTest {
    private static final Path ROOT = SameAnswersTest.ROOT;
    private static final String CONFIG = ROOT.resolve("examples/audit/palisade.yaml").toString();
    private static final String LOG = ROOT.resolve("examples/audit/audit.log").toString();

    record Run(int code, String out, String err, boolean sparkAsked) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicBoolean asked = new AtomicBoolean();
        int code = SubmitCommand.execute(() -> {
            asked.set(true);
            return org.apache.spark.api.java.JavaSparkContext.fromSparkContext(LocalSpark.shared().sparkContext());
        }, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString(), asked.get());
    }

    static Stream<Arguments> refusedBeforeSparkStarts() {
        return Stream.of(
                Arguments.of("no arguments", new String[] {}, "Missing required options"),
                Arguments.of("no log", new String[] {"-c", CONFIG}, "Missing required parameter: 'LOG'"),
                Arguments.of("unknown format", new String[] {"-c", CONFIG, "--format", "xml", LOG},
                        "expected one of [text, json, csv, html]"),
                Arguments.of("unknown option", new String[] {"-c", CONFIG, "--evnts", "x", LOG}, "Unknown option: '--evnts'"),
                Arguments.of("negative --top", new String[] {"-c", CONFIG, "--top", "-1", LOG}, "--top must be 0 or more"),
                Arguments.of("--examples not a number", new String[] {"-c", CONFIG, "--examples", "ten", LOG}, "'ten' is not an int"),
                Arguments.of("missing configuration", new String[] {"-c", "/nonexistent/palisade.yaml", LOG},
                        "/nonexistent/palisade.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refusedBeforeSparkStarts(String name, String[] args, String says) {
        Run r = run(args);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(says), "stderr names the problem (" + says + "): " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(r.sparkAsked(), "Spark is not started for arguments that cannot run");
        assertEquals("", r.out(), "nothing on standard output");
    }

    @Test
    void usageNamesTheClusterJar() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().replaceAll("\\s+", " ").contains("--class dev.palisade.spark.SparkBatch palisade-spark-VERSION-cluster.jar"),
                r.out()); // picocli wraps the synopsis
    }

    @Test
    void missingLogIsAMessageAndExit2() {
        Run r = run("-c", CONFIG, "/nonexistent/audit.log");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("palisade-spark: /nonexistent/audit.log: no such file"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void existingEventsFolderIsRefused(@TempDir Path dir) throws Exception {
        Path events = Files.createDirectory(dir.resolve("events"));
        Run r = run("-c", CONFIG, "--events", events.toString(), LOG);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("already exists"), r.err());
    }

    @Test
    void eventsOnAFileSystemThisClassPathLacksIsAMessageAndExit2() {
        Run r = run("-c", CONFIG, "--events", "s3a://bucket/replays/decisions", LOG);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("palisade-spark: s3a://bucket/replays/decisions: its file system is not on this class path"),
                r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"out", "out.parquet"})
    void eventsFolderThatCannotBeMadeIsNamedWithWhy(String name, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "");
        String events = file.resolve(name).toString();
        Run r = run("-c", CONFIG, "--events", events, LOG);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("palisade-spark: " + events + ": cannot write it: Parent path is not a directory"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    /**
     * A disk that fills while the tasks write their parts: the run ends with one line naming the
     * folder and the reason (Spark's own message was "Job aborted.", its reason ~470 lines above).
     */
    @Test
    void eventsFolderOnAFullDiskIsNamedWithWhy(@TempDir Path dir) {
        LocalSpark.shared().sparkContext().hadoopConfiguration()
                .set("fs." + FullDiskFileSystem.SCHEME + ".impl", FullDiskFileSystem.class.getName());
        String events = FullDiskFileSystem.SCHEME + "://" + dir.resolve("out");
        Run r = run("-c", CONFIG, "--events", events, LOG);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("palisade-spark: " + events + ": the run failed while writing it: No space left on device"),
                r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void reportIsTheSingleProcesssAndMalformedLinesAreOnStderr(@TempDir Path dir) throws Exception {
        Run r = run("-c", CONFIG, LOG);
        assertEquals(0, r.code(), r.err());
        ReplayComparison.Answers single = ReplayComparison.single(Path.of(CONFIG), List.of(LOG), dir.resolve("events.jsonl"));
        StringWriter expected = new StringWriter();
        TextReportWriter.write(single.report(), new PrintWriter(expected));
        assertEquals(expected.toString(), r.out());
        assertTrue(single.report().malformed() > 0, "the bundled example has a malformed line");
        assertTrue(r.err().contains(single.report().malformedExamples().get(0).render()), r.err());
    }

    @Test
    void failOnFlipExitsOneWhenARequestIsNowDenied() {
        Run r = run("-c", CONFIG, "--fail-on-flip", "--format", "json", LOG);
        assertTrue(r.out().contains("\"allowedToDenied\""), r.out());
        assertEquals(1, r.code(), "the bundled example has requests now denied: " + r.out());
    }
}
