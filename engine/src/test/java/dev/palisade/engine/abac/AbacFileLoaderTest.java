package dev.palisade.engine.abac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The policy file reader: every bad line named with its place and reason; a bad line loads nothing. */
class AbacFileLoaderTest {
    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path f = dir.resolve("policy.jsonl");
        Files.writeString(f, String.join("\n", lines));
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                  | {\"user\":\"a\"                                                  | not a JSON object",
            "a JSON array              | [1,2]                                                            | one JSON object",
            "unknown v0 key (typo)     | {\"user\":\"a\",\"namspace\":\"x\"}                              | unknown field \"namspace\"",
            "wrong type                | {\"user\":\"a\",\"readonly\":\"yes\"}                            | readonly must be true or false",
            "string typed as number    | {\"user\":7}                                                     | user must be a string",
            "unknown apiVersion        | {\"apiVersion\":\"abac.authorization.kubernetes.io/v2\",\"kind\":\"Policy\",\"spec\":{}} | is not an ABAC policy version",
            "missing kind              | {\"apiVersion\":\"abac.authorization.kubernetes.io/v1beta1\",\"spec\":{\"user\":\"a\"}} | expected \"Policy\"",
            "kind without apiVersion   | {\"kind\":\"Policy\",\"spec\":{\"user\":\"a\"}}                  | without apiVersion",
            "unknown spec key          | {\"apiVersion\":\"abac.authorization.kubernetes.io/v1beta1\",\"kind\":\"Policy\",\"spec\":{\"users\":\"a\"}} | unknown field \"users\" in spec",
            "missing spec              | {\"apiVersion\":\"abac.authorization.kubernetes.io/v1beta1\",\"kind\":\"Policy\"} | needs \"spec\"",
            "duplicate key             | {\"user\":\"a\",\"user\":\"b\"}                                  | Duplicate field",
            "trailing garbage          | {\"user\":\"a\"} x                                               | not a JSON object",
            "legacy and modern key     | {\"user\":\"a\",\"ns\":\"x\",\"namespace\":\"y\"}                | both \"ns\" and \"namespace\"",
    })
    void badLineFailsTheWholeFileNamingFileLineAndReason(String label, String badLine, String reason) throws IOException {
        Path f = write("# a comment", "{\"user\":\"ok\"}", "", badLine, "{\"user\":\"also-ok\"}");
        AbacLoadException e = assertThrows(AbacLoadException.class, () -> AbacFileLoader.load(f));
        assertEquals(1, e.problems().size(), e.getMessage());
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith(f + ":4: "), problem);
        assertTrue(problem.contains(reason), problem);
    }

    @Test
    void everyBadLineIsReported() throws IOException {
        Path f = write("{\"user\":1}", "{\"user\":\"ok\"}", "nope");
        AbacLoadException e = assertThrows(AbacLoadException.class, () -> AbacFileLoader.load(f));
        assertEquals(2, e.problems().size());
        assertTrue(e.problems().get(0).startsWith(f + ":1: "));
        assertTrue(e.problems().get(1).startsWith(f + ":3: "));
    }

    @Test
    void missingFileIsAProblemNotAnEmptyPolicy() {
        Path f = dir.resolve("absent.jsonl");
        AbacLoadException e = assertThrows(AbacLoadException.class, () -> AbacFileLoader.load(f));
        assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
    }

    @Test
    void commentsBlankLinesAndIndentationAreSkippedAndLineNumbersKept() throws IOException {
        Path f = write("", "   # comment", "\t\t{\"user\":\"a\"}", "  ", "{\"group\":\"g\",\"readonly\":true}\r");
        AbacPolicyFile loaded = AbacFileLoader.load(f);
        assertEquals(2, loaded.policies().size());
        assertEquals(3, loaded.policies().get(0).line());
        assertEquals(f + ":5", loaded.policies().get(1).source());
    }

    @Test
    void v0ConversionAppliesUpstreamDefaults() throws IOException {
        AbacPolicy p = AbacFileLoader.load(write("{\"user\":\"*\"}")).policies().get(0);
        assertEquals(new AbacPolicy("", "system:authenticated", false, "*", "*", "*", "*", 1, p.source()), p);
        AbacPolicy q = AbacFileLoader.load(write("{\"group\":\"g\",\"resource\":\"pods\"}")).policies().get(0);
        assertEquals(new AbacPolicy("", "g", false, "*", "pods", "*", "", 1, q.source()), q);
    }

    @Test
    void versionedV0LinesAreReadAsV0() throws IOException {
        AbacPolicy p = AbacFileLoader.load(write(
                "{\"apiVersion\":\"abac.authorization.kubernetes.io/v0\",\"kind\":\"Policy\",\"user\":\"a\",\"namespace\":\"n\"}"))
                .policies().get(0);
        assertEquals(new AbacPolicy("a", "", false, "*", "*", "n", "", 1, p.source()), p);
    }

    @Test
    void legacyKeysNarrowAndWarn() throws IOException {
        AbacPolicyFile loaded = AbacFileLoader.load(write("{\"user\":\"alice\", \"ns\": \"projectCaribou\"}",
                "{\"user\":\"scheduler\", \"readonly\": true, \"kind\": \"pods\"}"));
        assertEquals("projectCaribou", loaded.policies().get(0).namespace());
        assertEquals("", loaded.policies().get(0).nonResourcePath(), "a namespaced line grants no non-resource paths");
        assertEquals("pods", loaded.policies().get(1).resource());
        assertEquals(2, loaded.warnings().size(), loaded.warnings().toString());
        assertTrue(loaded.warnings().get(0).contains(":1: legacy key \"ns\""), loaded.warnings().toString());
    }

    @Test
    void v1beta1FieldsOnV0LinesAreIgnoredAsUpstreamButWarned() throws IOException {
        AbacPolicyFile loaded = AbacFileLoader.load(write("{\"group\":\"b\", \"readonly\": true, \"nonResourcePath\": \"/x\"}"));
        assertEquals(List.of(new AbacPolicy("", "b", true, "*", "*", "*", "*", 1, loaded.policies().get(0).source())),
                loaded.policies());
        assertTrue(loaded.warnings().get(0).contains("\"nonResourcePath\" is not a v0 field"), loaded.warnings().toString());
    }
}
