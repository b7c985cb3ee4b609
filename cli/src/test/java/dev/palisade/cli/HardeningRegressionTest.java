package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The regression tests of issue 10's CLI defects, each named after its D-number. */
class HardeningRegressionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = CliTest.ROOT;
    private static final String CONFIG = CliTest.CONFIG.toString();
    private static final String AUTHN_CONFIG = ROOT.resolve("examples/authn/palisade.yaml").toString();
    private static final String LOG = ROOT.resolve("examples/audit/audit.log").toString();

    @TempDir
    Path tmp;

    private static String goodReview() throws IOException {
        return Files.readAllLines(ROOT.resolve("examples/reviews.jsonl")).get(0); // allowed
    }

    private static JsonNode status(String answer) {
        try {
            return JSON.readTree(answer).get("status");
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer, e);
        }
    }

    private static void assertNoStackTrace(CliTest.Run r) {
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void d1_jsonLinesThatAreNotObjectsAreAnsweredAndTheStreamGoesOn() throws IOException {
        String good = goodReview();
        CliTest.Run r = CliTest.run(String.join("\n", good, "[]", "1", "\"x\"", "null", good) + "\n",
                "authorize", "-c", CONFIG);
        assertEquals(2, r.exit());
        assertNoStackTrace(r);
        List<String> lines = r.lines();
        assertEquals(6, lines.size(), r.out());
        assertTrue(status(lines.get(0)).get("allowed").asBoolean());
        for (int i = 1; i <= 4; i++) {
            JsonNode s = status(lines.get(i));
            assertFalse(s.get("allowed").asBoolean(), lines.get(i));
            assertTrue(s.get("evaluationError").asText().startsWith("line " + (i + 1) + ": expected a SubjectAccessReview"), lines.get(i));
        }
        assertTrue(status(lines.get(5)).get("allowed").asBoolean());
    }

    private static byte[] withInvalidUtf8(String good) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] g = (good + "\n").getBytes(StandardCharsets.UTF_8);
        b.writeBytes(g);
        String bad = good.replace("\"alice@", "\"ali\u0000ce@"); // the placeholder NUL becomes a lone 0xFF byte
        byte[] badBytes = (bad + "\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < badBytes.length; i++) {
            if (badBytes[i] == 0) {
                badBytes[i] = (byte) 0xff;
            }
        }
        b.writeBytes(badBytes);
        b.writeBytes(g);
        return b.toByteArray();
    }

    private static void assertMiddleLineMalformed(CliTest.Run r) {
        assertEquals(2, r.exit(), r.err());
        List<String> lines = r.lines();
        assertEquals(3, lines.size(), r.out());
        assertTrue(status(lines.get(0)).get("allowed").asBoolean());
        JsonNode bad = status(lines.get(1));
        assertFalse(bad.get("allowed").asBoolean());
        assertTrue(bad.get("evaluationError").asText().startsWith("line 2: invalid UTF-8"), bad.toString());
        assertTrue(status(lines.get(2)).get("allowed").asBoolean());
        assertFalse(r.out().contains("\ufffd"), "never silently replaced");
    }

    @Test
    void d2_invalidUtf8InAFileIsThatLinesProblem() throws IOException {
        assertTrue(goodReview().contains("\"alice@"), "the first example review is alice's");
        Path file = tmp.resolve("reviews.jsonl");
        Files.write(file, withInvalidUtf8(goodReview()));
        assertMiddleLineMalformed(CliTest.run("", "authorize", "-c", CONFIG, file.toString()));
    }

    @Test
    void d2_invalidUtf8OnStdinIsThatLinesProblem() throws IOException {
        assertMiddleLineMalformed(runWithStdin(new ByteArrayInputStream(withInvalidUtf8(goodReview())),
                "authorize", "-c", CONFIG));
    }

    @Test
    void d3_aMalformedFirstLineIsOneAnswerNotTheWholeInput() throws IOException {
        String good = goodReview();
        String truncated = good.substring(0, good.length() / 2);
        CliTest.Run r = CliTest.run(truncated + "\n" + good + "\n" + good + "\n", "authorize", "-c", CONFIG);
        assertEquals(2, r.exit());
        List<String> lines = r.lines();
        assertEquals(3, lines.size(), r.out());
        assertFalse(status(lines.get(0)).get("allowed").asBoolean());
        assertTrue(status(lines.get(1)).get("allowed").asBoolean());
        assertTrue(status(lines.get(2)).get("allowed").asBoolean());
    }

    @Test
    void d3_answersComeAsLinesArriveOnAnOpenStdin() throws Exception {
        String good = goodReview();
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(writer, 1 << 16);
        StringWriter out = new StringWriter();
        CommandLine cl = PalisadeCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        InputStream saved = System.in;
        System.setIn(stdin);
        try {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("authorize", "-c", CONFIG));
            writer.write((good.substring(0, 40) + "\n" + good + "\n").getBytes(StandardCharsets.UTF_8));
            writer.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (out.toString().lines().count() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<String> lines = out.toString().lines().toList();
            assertEquals(2, lines.size(), "both answers while stdin is still open: " + out);
            assertFalse(status(lines.get(0)).get("allowed").asBoolean());
            assertTrue(status(lines.get(1)).get("allowed").asBoolean());
            writer.close();
            assertEquals(2, exit.get(20, TimeUnit.SECONDS));
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void d4_aTruncatedFirstEventNeitherSkipsTheFileNorOpensTheFlipGate() throws IOException {
        List<String> log = Files.readAllLines(Path.of(LOG));
        CliTest.Run whole = CliTest.run("", "batch", "-c", CONFIG, LOG, "--fail-on-flip", "--no-progress");
        assertEquals(1, whole.exit(), "the example log has allowed→denied flips: " + whole.err());
        Path cut = tmp.resolve("cut.log");
        String first = log.get(0);
        Files.writeString(cut, first.substring(0, first.length() / 3) + "\n"
                + String.join("\n", log.subList(1, log.size())) + "\n");
        CliTest.Run r = CliTest.run("", "batch", "-c", CONFIG, cut.toString(), "--fail-on-flip", "--no-progress");
        assertEquals(1, r.exit(), "the gate still fails: " + r.out() + r.err());
        assertTrue(r.err().startsWith(cut + ":1: malformed JSON"), r.err());
        assertTrue(r.out().contains("allowed -> now denied"), r.out());
    }

    @Test
    void d5_deepNestingAndHugeStringsInAnAuditLineAreMalformedLinesAndTheRunReports() throws IOException {
        String good = Files.readAllLines(Path.of(LOG)).get(0);
        String deep = "{\"kind\":\"Event\",\"x\":" + "[".repeat(1_500) + "]".repeat(1_500) + "}";
        String huge = "{\"kind\":\"Event\",\"auditID\":\"" + "a".repeat(20_000_001) + "\"}";
        Path log = tmp.resolve("hostile.log");
        Files.writeString(log, good + "\n" + deep + "\n" + huge + "\n" + good + "\n");
        CliTest.Run r = CliTest.run("", "batch", "-c", CONFIG, log.toString(), "--no-progress");
        assertEquals(0, r.exit(), r.err());
        assertNoStackTrace(r);
        assertTrue(r.err().contains(log + ":2: nested deeper than 1000 levels (limits.maxNestingDepth)"), r.err());
        assertTrue(r.err().contains(log + ":3: a string longer than 20000000 characters (limits.maxStringLength)"), r.err());
        assertTrue(r.out().contains("2 malformed"), r.out());
    }

    @Test
    void d6_aLoneSurrogateInAUserNameIsWrittenEscapedToTheEventsFile() throws IOException {
        String good = Files.readAllLines(Path.of(LOG)).get(0);
        assertTrue(good.contains("\"username\":\"bob\""));
        Path log = tmp.resolve("surrogate.log");
        Files.writeString(log, good.replace("\"username\":\"bob\"", "\"username\":\"bob\\ud800\"") + "\n");
        Path events = tmp.resolve("events.jsonl");
        CliTest.Run r = CliTest.run("", "batch", "-c", CONFIG, log.toString(), "--events", events.toString(), "--no-progress");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Replayed 1 requests"), r.out());
        String written = Files.readString(events, StandardCharsets.UTF_8); // strict: valid UTF-8 or it throws
        assertTrue(written.contains("\"user\":\"bob\\uD800\""), written);
        assertEquals("bob\ud800", JSON.readTree(written).get("user").asText(), "the escape says what the log said");
    }

    @Test
    void d12_aHeaderWithoutItsColonIsNotEchoed() {
        CliTest.Run r = CliTest.run("", "request", "-c", AUTHN_CONFIG, "-H", "Authorization Bearer s3cr3t-t0ken", "/api");
        assertEquals(2, r.exit());
        assertFalse(r.out().contains("s3cr3t-t0ken") || r.err().contains("s3cr3t-t0ken"), r.out() + r.err());
        assertTrue(r.err().contains("-H #1: a header must be written 'Name: value'"), r.err());
    }

    @Test
    void d13_aTokenUnderAnyCaseOfTokenOrAsTheWholeSpecIsNeverEchoed() {
        String head = "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":";
        String input = String.join("\n",
                head + "{\"Token\":\"example-token-alice\"}}",
                head + "{\"TOKEN\":\"example-token-alice\",\"token\":\"example-token-bob\"}}",
                head + "\"example-token-alice\"}",
                head + "[\"example-token-alice\"]}") + "\n";
        CliTest.Run r = CliTest.run(input, "authenticate", "-c", AUTHN_CONFIG);
        assertFalse(r.out().contains("example-token") || r.err().contains("example-token"), r.out() + r.err());
        List<String> lines = r.lines();
        assertEquals(4, lines.size(), r.out());
        assertTrue(status(lines.get(0)).get("error").asText().contains("spec.Token is not read"), lines.get(0));
        assertTrue(status(lines.get(1)).get("authenticated").asBoolean(), "spec.token is read: " + lines.get(1));
        assertFalse(status(lines.get(2)).get("authenticated").asBoolean());
        assertFalse(status(lines.get(3)).get("authenticated").asBoolean());
    }

    @Test
    void d14_controlCharactersInAuditDataCannotForgeReportLines() throws IOException {
        List<String> log = Files.readAllLines(Path.of(LOG));
        String erin = log.stream().filter(l -> l.contains("6f1c2a10-0003-")).findFirst().orElseThrow();
        String forged = erin.replace("\"username\":\"erin\"",
                "\"username\":\"erin\\n  FORGED  ok\\u001b[2J\\u202e\\u0085\"");
        Path hostile = tmp.resolve("forged.log");
        Files.writeString(hostile, forged + "\n{\"kind\":\"Nope\\u001b[31m\"}\n");
        for (String format : List.of("text", "csv")) {
            CliTest.Run r = CliTest.run("", "batch", "-c", CONFIG, hostile.toString(), "--format", format, "--no-progress");
            assertEquals(0, r.exit(), r.err());
            for (String text : List.of(r.out(), r.err())) {
                assertFalse(text.lines().anyMatch(l -> l.startsWith("  FORGED")), text);
                assertTrue(text.chars().noneMatch(c -> c == 0x1b || c == 0x202e || c == 0x85), text);
            }
            assertTrue(r.out().contains("erin\\n  FORGED  ok\\x1b[2J\\u202e\\x85"), r.out());
        }
    }

    @Test
    void d14_checkEscapesControlCharactersInItsDiagnostics() throws IOException {
        Path policy = tmp.resolve("forged.pal");
        // C0 controls such as ESC make the file "not policy text" (D11) before it is parsed; a bidi
        // override is policy text, and the diagnostic that quotes its line must escape it
        Files.writeString(policy, "package p\nallow \"x\" when verb = \"\u202e\" # \r  FORGED\n");
        CliTest.Run r = CliTest.run("", "check", policy.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("\\u202e"), r.err());
        assertTrue(r.err().chars().noneMatch(c -> c == 0x1b || c == 0x202e || c == '\r'), r.err());
        Path escape = tmp.resolve("escape.pal");
        Files.writeString(escape, "package p\nallow \"x\" when verb = \"\u001b[2J\"\n");
        CliTest.Run refused = CliTest.run("", "check", escape.toString());
        assertEquals(1, refused.exit(), refused.err());
        assertTrue(refused.err().contains("not policy text"), refused.err());
        assertTrue(refused.err().chars().noneMatch(c -> c == 0x1b), refused.err());
    }

    private static CliTest.Run runWithStdin(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PalisadeCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        InputStream saved = System.in;
        try {
            System.setIn(stdin);
            return new CliTest.Run(cl.execute(args), out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }
}
