package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI end to end, in process, on the bundled examples. */
class CliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = projectRoot();
    static final Path CONFIG = ROOT.resolve("examples/palisade.yaml");
    static final Path GOLDEN = Path.of("src/test/resources/golden/cli");

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Relative (tests run in engine/), so that reports in golden files do not depend on the clone's folder. */
    static Path projectRoot() {
        return Path.of("..");
    }

    static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PalisadeCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int exit = cl.execute(args);
            return new Run(exit, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void authorizeAnswersTheExampleReviewsAsTheGoldenFileSays() throws IOException {
        Run r = run("", "authorize", "-c", CONFIG.toString(), ROOT.resolve("examples/reviews.jsonl").toString());
        assertEquals(0, r.exit(), r.err());
        Path golden = GOLDEN.resolve("authorize-examples.jsonl");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, r.out());
        }
        assertEquals(Files.readString(golden), r.out());
    }

    @Test
    void authorizeDecisionsOnTheExamples() {
        Run r = run("", "authorize", "-c", CONFIG.toString(), ROOT.resolve("examples/reviews.jsonl").toString());
        List<Boolean> allowed = r.lines().stream().map(CliTest::allowed).toList();
        assertEquals(List.of(true, false, true, true, false, false, true, false, true, false, true, true, false, false), allowed);
    }

    @Test
    void malformedLineIsAnsweredAndTheStreamGoesOn() throws IOException {
        String good = Files.readAllLines(ROOT.resolve("examples/reviews.jsonl")).get(0);
        Run r = run(good + "\n{not json\n" + good + "\n", "authorize", "-c", CONFIG.toString());
        assertEquals(2, r.exit());
        List<String> lines = r.lines();
        assertEquals(3, lines.size(), r.out());
        assertTrue(allowed(lines.get(0)));
        JsonNode bad = parse(lines.get(1));
        assertFalse(bad.get("status").get("allowed").asBoolean());
        assertTrue(bad.get("status").get("evaluationError").asText().startsWith("line 2: malformed JSON"), lines.get(1));
        assertTrue(allowed(lines.get(2)));
        assertTrue(r.err().contains("<stdin>:2: malformed JSON"), r.err());
    }

    @Test
    void invalidReviewIsNeverAllowed() {
        Run r = run("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"spec\":{\"resourceAttributes\":{\"verb\":\"get\"}}}\n",
                "authorize", "-c", CONFIG.toString());
        assertEquals(2, r.exit());
        JsonNode status = parse(r.lines().get(0)).get("status");
        assertFalse(status.get("allowed").asBoolean());
        assertTrue(status.get("evaluationError").asText().contains("spec.user"), status.toString());
    }

    @Test
    void aPrettyPrintedDocumentIsOneReview() {
        String doc = """
                {
                  "apiVersion": "authorization.k8s.io/v1",
                  "kind": "SubjectAccessReview",
                  "spec": {
                    "user": "erin",
                    "groups": ["system:masters"],
                    "nonResourceAttributes": {"verb": "get", "path": "/metrics"}
                  }
                }
                """;
        Run r = run(doc, "authorize", "-c", CONFIG.toString(), "-");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.lines().size());
        assertTrue(allowed(r.lines().get(0)));
    }

    @Test
    void checkAcceptsTheExamplePolicies() {
        Run r = run("", "check", ROOT.resolve("examples/policies").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("ok: 3 authorization rules (1 allow, 2 deny) in 1 file,"), r.out());
    }

    @Test
    void checkCompilesEveryStage() {
        Run r = run("", "check", ROOT.resolve("rules/policies/authn").toString(),
                ROOT.resolve("rules/policies/admission/runaway-jobs.pal").toString(), ROOT.resolve("examples/policies").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("ok: 3 authorization rules \\(1 allow, 2 deny\\), \\d+ authentication rules \\(reject\\), "
                + "\\d+ admission rules \\(\\d+ validate, 0 mutate\\) in 3 files, compiled to Drools in \\d+ ms\\R"), r.out());
    }

    @Test
    void checkReportsEveryErrorWithItsPlace() throws IOException {
        Path bad = tmp.resolve("bad.pal");
        Files.writeString(bad, "package p\nallow \"a\" when user.nmae == \"x\"\ndeny \"b\" when user.groups == \"x\"\n");
        Run r = run("", "check", bad.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains(bad + ":2:16: error: unknown attribute 'user.nmae'"), r.err());
        assertTrue(r.err().contains(bad + ":3:"), r.err());
        assertTrue(r.err().contains("2 errors found"), r.err());
    }

    @Test
    void d11_checkNeverPrintsTheTargetOfALinkLeavingThePolicyFolder() throws IOException {
        Path secret = Files.writeString(tmp.resolve("environ"), "GITHUB_TOKEN=fake-secret-ghp_0000\0PATH=/bin\0");
        Path policies = Files.createDirectories(tmp.resolve("policies"));
        Files.writeString(policies.resolve("a.pal"), "allow \"a\" when user.name == \"alex\"\n");
        Files.createSymbolicLink(policies.resolve("env.pal"), secret);
        Run r = run("", "check", policies.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertFalse((r.out() + r.err()).contains("fake-secret"), r.err());
        assertTrue(r.err().contains(policies.resolve("env.pal") + ":1:1: error: cannot read policy file: a symbolic link"), r.err());
    }

    @Test
    void configurationErrorsExitWithTwo() throws IOException {
        Path cfg = tmp.resolve("palisade.yaml");
        Files.writeString(cfg, "apiVersion: palisade.dev/v1alpha1\nkind: Configuration\nauthorization:\n  authorizers:\n    - type: Nope\n");
        Run r = run("", "authorize", "-c", cfg.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(cfg + ":5:13: unknown authorizer type \"Nope\""), r.err());
    }

    @Test
    void aPolicyThatDoesNotCompileIsAConfigurationError() throws IOException {
        Files.createDirectories(tmp.resolve("policies"));
        Files.writeString(tmp.resolve("policies/p.pal"), "allow \"x\" when verb = \"get\"\n");
        Path cfg = tmp.resolve("palisade.yaml");
        Files.writeString(cfg, "apiVersion: palisade.dev/v1alpha1\nkind: Configuration\nauthorization:\n  authorizers:\n    - type: Policy\n      paths: [policies]\n");
        Run r = run("", "authorize", "-c", cfg.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("p.pal:1:"), r.err());
    }

    @Test
    void missingConfigOptionIsAUsageError() {
        Run r = run("", "authorize");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--config"), r.err());
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    static boolean allowed(String line) {
        return parse(line).get("status").get("allowed").asBoolean();
    }
}
