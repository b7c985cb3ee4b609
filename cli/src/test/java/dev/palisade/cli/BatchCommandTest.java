package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code palisade batch} end to end on the bundled example log: reports against golden files, exit codes. */
class BatchCommandTest {
    static final Path ROOT = CliTest.projectRoot();
    static final String CONFIG = ROOT.resolve("examples/palisade.yaml").toString();
    /** The same cluster with Pod Security (baseline) admission: the bundled log's golden reports use this. */
    static final String ADMISSION_CONFIG = ROOT.resolve("examples/audit/palisade.yaml").toString();
    static final String LOG = ROOT.resolve("examples/audit/audit.log").toString();
    static final Path GOLDEN = Path.of("src/test/resources/golden/batch");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"text,report.txt", "json,report.json", "csv,report.csv"})
    void reportsOnTheExampleLogAreAsTheGoldenFilesSay(String format, String golden) throws IOException {
        CliTest.Run r = CliTest.run("", "batch", "-c", ADMISSION_CONFIG, LOG, "--format", format);
        assertEquals(0, r.exit(), r.err());
        Path file = GOLDEN.resolve(golden);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, r.out());
        }
        assertEquals(Files.readString(file), r.out());
    }

    /**
     * docs/example-report.html is what {@code batch --format html} writes for the bundled example
     * from the project root (this test runs in cli/, so its paths start with ../).
     */
    @Test
    void theHtmlReportOfTheExampleIsTheOneInDocs() throws IOException {
        CliTest.Run r = CliTest.run("", "batch", "-c", ADMISSION_CONFIG, LOG, "--format", "html");
        assertEquals(0, r.exit(), r.err());
        String fromRoot = r.out().replace("../examples/", "examples/");
        Path docs = ROOT.resolve("docs/example-report.html");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(docs, fromRoot);
        }
        assertEquals(Files.readString(docs), fromRoot, "regenerate with -Dgolden.update=true");
    }

    /** With --spark, --events may name a folder on another file system: its URI reaches the job as written. */
    @ParameterizedTest
    @CsvSource({"hdfs://namenode:8020/replays/decisions", "s3a://audit/replays/decisions.parquet", "out/events.jsonl"})
    void eventsIsTakenAsWritten(String events) {
        BatchCommand batch = new BatchCommand();
        new picocli.CommandLine(batch).parseArgs("-c", CONFIG, "--spark", "local[2]", "--events", events, LOG);
        assertEquals(events, String.valueOf(batch.events)); // a java.nio Path made hdfs:/namenode:8020/...
    }

    /** A disk that fills while --events is written: the file is named with why, exit 2. */
    @Test
    void eventsOnAFullDiskNamesTheFile() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")),
                "no /dev/full on this system (a device whose every write fails as a full disk's)");
        CliTest.Run r = CliTest.run("", "batch", "-c", CONFIG, "--events", "/dev/full", LOG);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("palisade batch: /dev/full: No space left on device"), r.err());
    }

    /** A failed Spark run says why, where Spark's own exception (a job aborted) is only its symptom. */
    @Test
    void aSparkFailureNamesWhatItCameFrom() {
        IOException full = new IOException("No space left on device");
        Exception aborted = new IllegalStateException("Job aborted.\n\tat somewhere",
                new RuntimeException("Task failed while writing rows", new Error(full.toString(), full)));
        assertEquals(" (caused by java.io.IOException: No space left on device)", BatchCommand.rootCause(aborted));
        assertEquals("", BatchCommand.rootCause(full), "nothing to add to a failure that is its own reason");
    }

    @Test
    void eachMalformedLineGoesToStderrWithItsPlace() {
        CliTest.Run r = CliTest.run("", "batch", "-c", CONFIG, LOG);
        assertEquals(List.of(LOG + ":26: malformed JSON: Unexpected end-of-input in field name (column 240)"),
                r.err().lines().toList());
    }

    @Test
    void eventsFileHasOneLinePerJudgedRequestInInputOrder() throws IOException {
        Path events = tmp.resolve("events.jsonl");
        CliTest.Run r = CliTest.run("", "batch", "-c", ADMISSION_CONFIG, LOG, "--events", events.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(events);
        assertEquals(22, lines.size());
        ObjectMapper json = new ObjectMapper();
        JsonNode erin = json.readTree(lines.get(2));
        assertEquals("6f1c2a10-0003-4b1e-9a11-000000000003", erin.get("auditID").asText());
        assertEquals("erin", erin.get("user").asText());
        assertEquals("get", erin.get("verb").asText());
        assertEquals("secrets", erin.get("resource").asText());
        assertEquals("payments", erin.get("namespace").asText());
        assertEquals("payments-db", erin.get("name").asText());
        assertEquals("allow", erin.get("recorded").asText());
        assertEquals("deny", erin.get("decision").asText());
        assertEquals("example.cluster/no-secrets-for-interns", erin.get("rule").asText());
        assertTrue(erin.get("reason").asText().startsWith("interns may not read secrets"));
        assertTrue(erin.get("admission") == null, "a read has no admission part");
        JsonNode debugger = json.readTree(lines.get(16)); // root's privileged pod: RBAC allows, Pod Security denies
        assertEquals("6f1c2a10-0020-4b1e-9a11-000000000020", debugger.get("auditID").asText());
        assertEquals("allow", debugger.get("recorded").asText());
        assertEquals("deny", debugger.get("decision").asText());
        assertEquals("deny", debugger.get("admission").asText());
        assertEquals("admission:hostNamespaces,privileged", debugger.get("rule").asText());
        assertTrue(debugger.get("reason").asText().startsWith("violates PodSecurity \"baseline:latest\""));
        JsonNode deployment = json.readTree(lines.get(18)); // a workload is warned, not denied
        assertEquals("allow", deployment.get("decision").asText());
        assertTrue(deployment.get("warnings").get(0).asText().contains("hostNetwork=true"), deployment.toString());
        Path golden = GOLDEN.resolve("events.jsonl");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, Files.readString(events));
        }
        assertEquals(Files.readString(golden), Files.readString(events));
    }

    @Test
    void failOnFlipExitsOneWhenAnAllowedRequestWouldNowBeDenied() throws IOException {
        assertEquals(1, CliTest.run("", "batch", "-c", CONFIG, LOG, "--fail-on-flip").exit());
        assertEquals(0, CliTest.run("", "batch", "-c", CONFIG, LOG).exit());
        // only the denied -> allowed flip (dave's exec): not what --fail-on-flip guards against
        Path onlyNewlyAllowed = tmp.resolve("exec.log");
        Files.write(onlyNewlyAllowed, Files.readAllLines(Path.of(LOG)).subList(3, 6));
        CliTest.Run r = CliTest.run("", "batch", "-c", CONFIG, onlyNewlyAllowed.toString(), "--fail-on-flip");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("0 allowed -> now denied, 1 denied -> now allowed"), r.out());
    }

    @Test
    void stdinIsALog() throws IOException {
        CliTest.Run r = CliTest.run(Files.readString(Path.of(LOG)), "batch", "-c", CONFIG, "-", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"requests\" : 22"), r.out());
        assertTrue(r.err().startsWith("<stdin>:26: "), r.err());
    }

    @Test
    void withoutAdmissionPluginsOnlyAuthorizationIsJudged() {
        CliTest.Run r = CliTest.run("", "batch", "-c", CONFIG, LOG);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("  policy:    15 allowed, 7 denied"), r.out());
        assertFalse(r.out().contains("admission"), r.out());
    }

    @Test
    void usageAndInputErrorsExitTwo() {
        assertEquals(2, CliTest.run("", "batch", "-c", CONFIG, "no/such.log").exit());
        assertEquals(2, CliTest.run("", "batch", "-c", "no/such.yaml", LOG).exit());
        assertEquals(2, CliTest.run("", "batch", LOG).exit());
        assertEquals(2, CliTest.run("", "batch", "-c", CONFIG, LOG, "--format", "xml").exit());
    }

    @Test
    void generateAuditWritesTheSameLogForTheSameSeed() throws IOException {
        Path a = tmp.resolve("a.log");
        Path b = tmp.resolve("b.log.gz");
        assertEquals(0, CliTest.run("", "generate-audit", "--events", "500", "--seed", "9", "-o", a.toString()).exit());
        assertEquals(0, CliTest.run("", "generate-audit", "--events", "500", "--seed", "9", "-o", b.toString(),
                "--gzip").exit());
        assertEquals(500, Files.readAllLines(a).size());
        CliTest.Run plain = CliTest.run("", "batch", "-c", CONFIG, a.toString(), "--format", "json");
        CliTest.Run gzipped = CliTest.run("", "batch", "-c", CONFIG, b.toString(), "--format", "json");
        assertEquals(plain.out().replace(a.toString(), "LOG"), gzipped.out().replace(b.toString(), "LOG"));
    }
}
