package dev.palisade.cli;

import static dev.palisade.cli.CliTest.CONFIG;
import static dev.palisade.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check -c CONFIG}, {@code check -} and {@code check -o json} (issue 11 item 4). */
class CheckCommandTest {
    private static final String TYPO = "package x\nallow \"a\" when verb == \"get\" and resourse == \"pods\"\n";

    @TempDir
    Path tmp;

    @Test
    void checkConfig_buildsEverythingItNames() {
        CliTest.Run r = run("", "check", "-c", CONFIG.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("ok: " + CONFIG + ": 2 authorizers, 0 admission plugins, 0 authenticators", r.out().strip());
    }

    @Test
    void checkConfig_reportsEveryProblemWithItsPlace() throws IOException {
        Files.writeString(tmp.resolve("palisade.yaml"), """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                authorization:
                  authorizers:
                    - type: RBAC
                      paths: [missing-rbac/]
                    - type: ABAC
                      policyFile: missing.jsonl
                """);
        CliTest.Run r = run("", "check", "-c", tmp.resolve("palisade.yaml").toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains("palisade.yaml:6:"), r.err());
        assertTrue(r.err().contains("missing-rbac"), r.err());
        assertTrue(r.err().contains("missing.jsonl"), r.err());
        assertTrue(r.err().strip().endsWith("2 problems found in " + tmp.resolve("palisade.yaml")), r.err());
    }

    @Test
    void checkConfig_json_givesEachProblemItsLineAndColumn() throws IOException {
        Files.writeString(tmp.resolve("palisade.yaml"), """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                authorization:
                  authorizers:
                    - type: RBAC
                      paths: [missing-rbac/]
                """);
        CliTest.Run r = run("", "check", "-o", "json", "-c", tmp.resolve("palisade.yaml").toString());
        assertEquals(1, r.exit());
        JsonNode problems = CliTest.JSON.readTree(r.out());
        assertEquals(1, problems.size(), r.out());
        assertEquals(6, problems.get(0).path("line").asInt());
        assertEquals("error", problems.get(0).path("severity").asText());
    }

    @Test
    void checkStdin_namesItStdin() {
        CliTest.Run r = run(TYPO, "check", "-");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("<stdin>:2:34: error: unknown attribute 'resourse'"), r.err());
        CliTest.Run ok = run("package x\nallow \"a\" when verb == \"get\"\n", "check", "-");
        assertEquals(0, ok.exit(), ok.err());
    }

    @Test
    void checkStdin_importsAreErrorsNotSilentlyIgnored() {
        CliTest.Run r = run("package x\nimport \"other.pal\"\nallow \"a\" when verb == \"get\"\n", "check", "-");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("cannot import 'other.pal' from <stdin>"), r.err());
    }

    @Test
    void checkJson_isOneArrayForEditors() throws IOException {
        CliTest.Run r = run(TYPO, "check", "-o", "json", "-");
        assertEquals(1, r.exit());
        JsonNode d = CliTest.JSON.readTree(r.out()).get(0);
        assertEquals("<stdin>", d.path("file").asText());
        assertEquals(2, d.path("line").asInt());
        assertEquals(34, d.path("column").asInt());
        assertEquals(41, d.path("endColumn").asInt());
        assertEquals("did you mean 'resource'?", d.path("help").asText());
        CliTest.Run clean = run("package x\nallow \"a\" when verb == \"get\"\n", "check", "-o", "json", "-");
        assertEquals(0, clean.exit());
        assertEquals("[]", clean.out().strip());
    }

    @Test
    void checkWithoutAnythingToCheck_isAUsageError() {
        CliTest.Run r = run("", "check");
        assertEquals(2, r.exit());
        assertEquals("check needs policy paths, '-' for stdin, or -c CONFIG", r.err().strip());
    }

    /** Found as a new user: the versioned Pod Security files repeat rule ids by design and made "check rules/" fail 24 times. */
    @Test
    void checkRules_versionedCatalogFilesAreEachTheirOwnPolicySet() {
        CliTest.Run r = run("", "check", CliTest.ROOT.resolve("rules").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("versioned catalog files each checked on its own"), r.out());
    }

    @Test
    void duplicateIdsOutsideACatalogAreStillErrors() throws IOException {
        Files.writeString(tmp.resolve("a.pal"), "package p\nallow \"x\" when verb == \"get\"\n");
        Files.writeString(tmp.resolve("b.pal"), "package p\nallow \"x\" when verb == \"list\"\n");
        CliTest.Run r = run("", "check", tmp.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("duplicate rule id 'p/x'"), r.err());
    }
}
