package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.audit.AuditLogGenerator;
import dev.palisade.engine.batch.BatchReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost on Spark that {@code palisade batch} counts: malformed lines (anywhere in a
 * file, in whichever split), duplicate auditIDs (stages across files and splits, repeated stages,
 * an ID reused for another request, a RequestReceived that never completes) and gzip members
 * split across files (several members in one file, a line cut between two files, a truncated
 * gzip) come out the same, with the same places. JSON-lines files are cut into tiny splits so
 * that lines and requests straddle them.
 */
class NothingLostTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.shared();
    }

    /** A case: name, the logs it writes into a folder, what must hold of the (shared) report. */
    record Case(String name, LogWriter logs, long splitBytes, Consumer<BatchReport> check, long incomplete) {
    }

    interface LogWriter {
        List<Path> write(Path dir) throws IOException;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("malformed lines anywhere, and a pretty-printed document that breaks", NothingLostTest::malformed, 300,
                        r -> {
                            assertEquals(7, r.malformed(), "broken JSON, {\"kind\": 0}, invalid UTF-8, a lone {, [1,2], "
                                    + "a cut last line, the broken document");
                            assertEquals(41, r.events());
                        }, 1),
                new Case("duplicate auditIDs across files and splits", NothingLostTest::duplicates, 300,
                        r -> {
                            assertEquals(5, r.stagesMerged(), "A's completion in the other file, C's repeat, D's, E's across files, F's");
                            assertEquals(1, r.auditIdsReused(), "C comes back for dave");
                            assertEquals(1, r.recorded("unknown"), "B never completes");
                            assertEquals(30 + 9, r.requests(), "30 fillers; A, B, C (carol), C (dave), D, E, F, two without an auditID");
                        }, 0),
                new Case("gzip members split across files", NothingLostTest::gzipParts, 16_384,
                        r -> {
                            assertEquals(3, r.malformed(), "the line cut between part 1 and part 2 counts twice, once per file; "
                                    + "the truncated gzip once");
                            assertTrue(r.malformedExamples().get(2).message().contains("the rest of this file is skipped"),
                                    r.malformedExamples().get(2).message());
                            assertTrue(r.events() > 2_500 && r.stagesMerged() > 100, r.events() + " events");
                        }, 1))
                .map(c -> Arguments.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countedTheSameByBothPaths(String name, Case c, @TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("logs"));
        List<String> logs = c.logs().write(dir).stream().map(Path::toString).toList();
        Path config = SameAnswersTest.ROOT.resolve("examples/audit/palisade.yaml");
        ReplayComparison.Answers single = ReplayComparison.single(config, logs, tmp.resolve("single.jsonl"));
        ReplayComparison.Answers onSpark = ReplayComparison.spark(spark, config, logs, tmp.resolve("spark-events"), c.splitBytes());
        c.check().accept(single.report());
        assertEquals(c.incomplete(), single.incomplete(), "inputs cut short");
        ReplayComparison.assertSame(single, onSpark, true);
    }

    /**
     * The same inputs with small files packed into tasks, two or more to a task (Inputs.tasks; the
     * automatic size packs them when there are many more files than cores), so that one task
     * reads, settles and counts several files, some of whose requests cross into another task.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countedTheSameWithSmallFilesPackedIntoTasks(String name, Case c, @TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("logs"));
        List<String> logs = c.logs().write(dir).stream().map(Path::toString).toList();
        assertTrue(logs.size() >= 2, "several files: " + logs);
        Path config = SameAnswersTest.ROOT.resolve("examples/audit/palisade.yaml");
        ReplayComparison.Answers single = ReplayComparison.single(config, logs, tmp.resolve("single.jsonl"));
        long largest = 0;
        for (String log : logs) {
            largest = Math.max(largest, Files.size(Path.of(log)));
        }
        long twoFilesATask = 2 * (largest + Inputs.LOCAL_OPEN_COST); // any two files fit
        ReplayComparison.Answers onSpark = ReplayComparison.spark(spark, config, logs, tmp.resolve("spark-events"), twoFilesATask);
        assertTrue(onSpark.shape().tasks() < onSpark.shape().splits(), "files packed into tasks: " + onSpark.shape());
        ReplayComparison.assertSame(single, onSpark, true);
    }

    static String event(String auditID, String stage, String user, String verb, String uri, int code) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + auditID
                + "\",\"stage\":\"" + stage + "\",\"requestURI\":\"" + uri + "\",\"verb\":\"" + verb
                + "\",\"user\":{\"username\":\"" + user + "\",\"groups\":[\"system:authenticated\"]}"
                + (code > 0 ? ",\"responseStatus\":{\"code\":" + code + "}" : "")
                + ",\"requestReceivedTimestamp\":\"2026-12-01T10:00:00.000000Z\"}";
    }

    static String filler(int i) {
        return event("fill-" + i, "ResponseComplete", "alice", "get", "/api/v1/namespaces/default/pods/p" + i, 200);
    }

    static List<Path> malformed(Path dir) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add(filler(i));
            switch (i) {
                case 3 -> lines.add("{\"kind\":\"Event\",\"auditID\":");
                case 7 -> lines.add("");
                case 11 -> lines.add("{\"kind\": 0}");
                case 15 -> lines.add("INVALID-UTF8");
                case 22 -> lines.add("{");
                case 30 -> lines.add("[1,2]");
                default -> { }
            }
        }
        for (String l : lines) {
            if (l.equals("INVALID-UTF8")) {
                b.write("{\"kind\":\"Event\",\"user\":{\"username\":\"".getBytes(StandardCharsets.UTF_8));
                b.write(new byte[] {(byte) 0xff, (byte) 0xfe});
                b.write("\"}}\n".getBytes(StandardCharsets.UTF_8));
            } else {
                b.write((l + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        b.write("{\"kind\":\"Event\",\"apiVe".getBytes(StandardCharsets.UTF_8)); // cut: no newline
        Path lines1 = Files.write(dir.resolve("a.log"), b.toByteArray());
        Path doc = Files.writeString(dir.resolve("b.json"), "{\n  \"kind\": \"EventList\",\n  \"apiVersion\": \"audit.k8s.io/v1\",\n"
                + "  \"items\": [\n    " + filler(100) + ",\n    {\"kind\": \"Event\", \"auditID\": \n");
        return List.of(lines1, doc);
    }

    static List<Path> duplicates(Path dir) throws IOException {
        String pods = "/api/v1/namespaces/default/pods";
        List<String> a = new ArrayList<>();
        a.add(event("A", "RequestReceived", "alice", "list", pods, 0));
        a.add(event("B", "RequestReceived", "bob", "list", "/api/v1/namespaces/default/secrets", 0));
        for (int i = 0; i < 15; i++) {
            a.add(filler(i));
        }
        a.add(event("C", "ResponseComplete", "carol", "get", pods + "/web", 200));
        a.add(event("C", "ResponseComplete", "carol", "get", pods + "/web", 200));
        a.add(event("E", "ResponseStarted", "erin", "watch", pods, 200));
        for (int i = 15; i < 30; i++) {
            a.add(filler(i));
        }
        List<String> b = new ArrayList<>();
        b.add(event("A", "ResponseComplete", "alice", "list", pods, 200));
        b.add(event("C", "ResponseComplete", "dave", "get", pods + "/web", 403));
        b.add(event("D", "ResponseStarted", "dave", "watch", pods, 200));
        b.add(event("D", "ResponseComplete", "dave", "watch", pods, 200));
        b.add(event("E", "ResponseComplete", "erin", "watch", pods, 200));
        b.add(event("", "ResponseComplete", "frank", "get", "/healthz", 200));
        b.add(event("", "ResponseComplete", "frank", "get", "/healthz", 200));
        b.add(event("F", "RequestReceived", "gina", "get", "/api", 0));
        b.add(event("F", "ResponseComplete", "gina", "get", "/api", 200));
        return List.of(Files.write(dir.resolve("a.log"), a), Files.write(dir.resolve("b.log"), b));
    }

    static List<Path> gzipParts(Path dir) throws IOException {
        byte[] log = AuditLogGenerator.generate(3, 3_000);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < log.length; i++) {
            if (log[i] == '\n') {
                lines.add(Arrays.copyOfRange(log, start, i + 1));
                start = i + 1;
            }
        }
        byte[] cut = lines.get(1_600);
        int half = cut.length / 2;
        ByteArrayOutputStream part1 = new ByteArrayOutputStream();
        part1.write(gzip(lines.subList(0, 1_000)));
        part1.write(gzip(lines.subList(1_000, 1_600))); // a second member in the same file
        part1.write(gzip(List.of(Arrays.copyOfRange(cut, 0, half)))); // a third: half a line
        ByteArrayOutputStream part2 = new ByteArrayOutputStream();
        List<byte[]> rest = new ArrayList<>();
        rest.add(Arrays.copyOfRange(cut, half, cut.length)); // the other half
        rest.addAll(lines.subList(1_601, 2_400));
        part2.write(gzip(rest));
        byte[] last = gzip(lines.subList(2_700, lines.size()));
        return List.of(Files.write(dir.resolve("audit-1.log.gz"), part1.toByteArray()),
                Files.write(dir.resolve("audit-2.log.gz"), part2.toByteArray()),
                Files.write(dir.resolve("audit-3.log"), concat(lines.subList(2_400, 2_700))),
                Files.write(dir.resolve("audit-4.log.gz"), Arrays.copyOf(last, last.length / 2))); // truncated
    }

    static byte[] gzip(List<byte[]> lines) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(concat(lines));
        }
        return b.toByteArray();
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        parts.forEach(p -> b.write(p, 0, p.length));
        return b.toByteArray();
    }
}
