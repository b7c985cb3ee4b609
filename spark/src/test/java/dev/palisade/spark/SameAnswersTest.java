package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.audit.AuditLogGenerator;
import dev.palisade.engine.batch.BatchReport;
import dev.palisade.engine.testing.Conformance;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Spark job gives the single-machine replay's answers: every per-request decision line and
 * the whole summary, on the bundled example, the upstream audit events of the conformance set
 * and a 1,000,000-event synthetic log. Spark runs {@code local[2]}; JSON-lines files are cut into
 * splits (several per file) so that stage merging across tasks and line numbering are exercised.
 */
class SameAnswersTest {
    static final Path ROOT = projectRoot();
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.shared();
    }

    /** A case: name, configuration, logs, split size for Spark (0: automatic), what must hold of the report. */
    record Case(String name, Path config, List<String> logs, long splitBytes, boolean showLines,
                Consumer<BatchReport> check) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        Path audit = ROOT.resolve("examples/audit");
        return Stream.of(
                new Case("bundled example log, one split", audit.resolve("palisade.yaml"),
                        List.of(audit.resolve("audit.log").toString()), 0, true,
                        r -> assertTrue(r.flips() > 0 && r.malformed() > 0 && r.admission().replayed() > 0, "a telling example")),
                new Case("bundled example log, cut into 2 KiB splits", audit.resolve("palisade.yaml"),
                        List.of(audit.resolve("audit.log").toString()), 2048, true,
                        r -> assertTrue(r.flips() > 0 && r.malformed() > 0, "a telling example")))
                .map(c -> Arguments.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sparkGivesTheSingleMachineAnswers(String name, Case c, @TempDir Path tmp) throws Exception {
        compare(c, tmp);
    }

    @Test
    void upstreamAuditEventsOfTheConformanceSet(@TempDir Path tmp) throws Exception {
        Path dir = Conformance.dir(); // skips saying why when absent (fails under CI=true)
        Path config = tmp.resolve("palisade.yaml");
        Files.writeString(config, """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                authorization:
                  authorizers:
                    - type: RBAC
                      paths: [%s]
                admission:
                  plugins:
                    - type: PodSecurity
                      level: baseline
                """.formatted(dir.resolve("rbac-bootstrap-policy")));
        List<String> logs;
        try (Stream<Path> s = Files.walk(dir.resolve("audit-logs"))) {
            logs = s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".jsonl") || p.toString().endsWith(".json"))
                    .map(Path::toString).sorted().toList();
        }
        assertTrue(logs.size() > 40, "the audit2rbac and Falco logs and trace files: " + logs.size());
        compare(new Case("conformance audit-logs", config, logs, 4096, true,
                r -> assertTrue(r.events() > 80 && r.stagesMerged() > 0 && r.auditIdsReused() > 0 && r.malformed() > 0,
                        "merged stages, a reused auditID and a malformed file are in the set")), tmp);
    }

    @Test
    void oneMillionSyntheticEvents(@TempDir Path tmp) throws Exception {
        Path log = ROOT.resolve("spark/target/synthetic-1000000-seed7.log");
        if (!Files.isRegularFile(log)) {
            Path part = Files.createTempFile(log.getParent(), "synthetic", ".part");
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
                new AuditLogGenerator(7).write(out, 1_000_000);
            }
            Files.move(part, log, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        // watches open across the whole log (a watch lasts minutes, in which a busy cluster can log hundreds of
        // thousands of requests): their last stage, a million events later, merges into the request both ways
        Path started = tmp.resolve("watches-started.log");
        Path completed = tmp.resolve("watches-completed.log");
        write(started, longWatch("long-watch-1", "ResponseStarted") + longWatch("long-watch-2", "RequestReceived"));
        write(completed, longWatch("long-watch-1", "ResponseComplete") + longWatch("long-watch-2", "ResponseComplete"));
        compare(new Case("1,000,000 synthetic events between the stages of two watches", ROOT.resolve(SYNTHETIC_CONFIG),
                List.of(started.toString(), log.toString(), completed.toString()), 0, false,
                r -> {
                    assertEquals(1_000_004, r.events());
                    assertTrue(r.stagesMerged() > 50_000, "two-stage requests: " + r.stagesMerged());
                    // examples/synthetic fits the generator: a small set of flips, both ways (README there)
                    assertTrue(r.newlyDenied() > 0 && r.newlyAllowed() > 0 && r.flips() < r.requests() / 100,
                            r.newlyDenied() + " / " + r.newlyAllowed() + " flips of " + r.requests());
                }), tmp);
    }

    /**
     * Parquet from the lines of requests settled where they were read (the map side), or written
     * after the shuffle: every column the same as the line's, both ways. The
     * bundled example has every optional field: impersonatedBy, subresource, path, admission
     * warnings and a reason it was not replayed.
     */
    @ParameterizedTest(name = "crossing requests merged: {0}")
    @ValueSource(strings = {"map side", "shuffle"})
    void eventsAsParquetHoldTheEventsLines(String path, @TempDir Path tmp) throws Exception {
        Path audit = ROOT.resolve("examples/audit");
        List<String> logs = List.of(audit.resolve("audit.log").toString());
        ReplayComparison.Answers single = ReplayComparison.single(audit.resolve("palisade.yaml"), logs,
                tmp.resolve("single.jsonl"));
        Path parquet = tmp.resolve("decisions.parquet");
        SparkBatch.Options options = SparkBatch.Options.defaults().withEvents(parquet.toString()).withSplitBytes(2048);
        SparkBatch.run(spark, audit.resolve("palisade.yaml"), logs,
                path.equals("shuffle") ? options.withMapSide(0, 0) : options);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<Object> expected = new java.util.ArrayList<>();
        for (String line : ReplayComparison.sortedLines(single.eventFiles())) {
            expected.add(json.readValue(line, java.util.TreeMap.class));
        }
        for (String field : List.of("impersonatedBy", "subresource", "path", "warnings", "admissionReason")) {
            assertTrue(expected.stream().anyMatch(m -> ((java.util.Map<?, ?>) m).containsKey(field)), field + " in the example");
        }
        List<Object> got = new java.util.ArrayList<>();
        for (String row : spark.read().parquet(parquet.toString()).toJSON().collectAsList()) {
            got.add(json.readValue(row, java.util.TreeMap.class)); // Spark leaves out the nulls: the absent columns
        }
        java.util.Comparator<Object> bySource = java.util.Comparator.comparing(m -> String.valueOf(((java.util.Map<?, ?>) m).get("source")));
        expected.sort(bySource);
        got.sort(bySource);
        assertEquals(expected, got, "every column of every request, as --events writes it");
    }

    /** A kubelet's watch of its pods, as the generator writes one, at {@code stage}. */
    private static String longWatch(String auditID, String stage) {
        boolean responded = !stage.equals("RequestReceived");
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + auditID
                + "\",\"stage\":\"" + stage + "\",\"requestURI\":\"/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-1&watch=true\","
                + "\"verb\":\"watch\",\"user\":{\"username\":\"system:node:node-1\",\"groups\":[\"system:nodes\","
                + "\"system:authenticated\"]},\"sourceIPs\":[\"10.0.1.1\"],\"userAgent\":\"kubelet/v1.29.4\","
                + "\"objectRef\":{\"resource\":\"pods\",\"apiVersion\":\"v1\"},"
                + (responded ? "\"responseStatus\":{\"metadata\":{},\"code\":200}," : "")
                + "\"requestReceivedTimestamp\":\"2024-05-01T07:59:00.000000Z\",\"stageTimestamp\":\"2024-05-01T07:59:00.100000Z\"}\n";
    }

    static final String SYNTHETIC_CONFIG = "examples/synthetic/palisade.yaml";

    static void compare(Case c, Path tmp) throws Exception {
        long t0 = System.nanoTime();
        ReplayComparison.Answers single = ReplayComparison.single(c.config(), c.logs(), tmp.resolve("single.jsonl"));
        long t1 = System.nanoTime();
        ReplayComparison.Answers onSpark = ReplayComparison.spark(spark, c.config(), c.logs(), tmp.resolve("spark-events"),
                c.splitBytes());
        long t2 = System.nanoTime();
        System.out.printf("%s: %,d events, %,d requests; single machine %.1f s, Spark local[2] %.1f s%n", c.name(),
                single.report().events(), single.report().requests(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        c.check().accept(single.report());
        ReplayComparison.assertSame(single, onSpark, c.showLines());
    }

    static Path projectRoot() {
        String root = System.getenv("PALISADE_PROJECT_ROOT");
        Path p = root != null && !root.isBlank() ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
        return p.toAbsolutePath().normalize();
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }
}
