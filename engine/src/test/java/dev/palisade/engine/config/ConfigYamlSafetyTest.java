package dev.palisade.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * D9: a palisade.yaml that SnakeYAML refuses came out as a raw stack trace with no place. Each
 * case must now be one {@code file:line:col: reason} problem and nothing of SnakeYAML's.
 */
class ConfigYamlSafetyTest {
    private static final String HEAD = "apiVersion: palisade.dev/v1alpha1\nkind: Configuration\n";

    @TempDir
    Path dir;

    private String problemFor(byte[] bytes) throws IOException {
        Path f = dir.resolve("palisade.yaml");
        Files.write(f, bytes);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertEquals(1, e.problems().size(), e.getMessage());
        String problem = e.problems().get(0);
        assertFalse(problem.contains("org.yaml") || problem.contains("Exception") || problem.contains("\n"), problem);
        return problem.substring(f.toString().length());
    }

    private String problemFor(String text) throws IOException {
        return problemFor(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void d9_invalidUtf8IsRefusedAtItsByte() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((HEAD + "authorization:\n  authorizers:\n    - type: Always").getBytes(StandardCharsets.UTF_8));
        out.write(0xC3); // a lead byte followed by a non-continuation
        out.writeBytes("X\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(":5:19: not valid UTF-8: byte 0xC3", problemFor(out.toByteArray()));
    }

    @Test
    void d9_controlCharacterIsRefusedAtItsPlace() throws IOException {
        assertEquals(":4:16: control character U+0007 is not allowed in YAML",
                problemFor(HEAD + "authorization:\n  authorizers: \u0007\n"));
    }

    @Test
    void d9_nestingDeeperThan50IsRefusedAtTheLevelPastTheLimit() throws IOException {
        String deep = "[".repeat(60) + "]".repeat(60);
        assertEquals(":3:78: nested deeper than 50 levels",
                problemFor(HEAD + "authorization: {authorizers: " + deep + "}\n"));
    }

    @Test
    void d9_moreThan50AliasesAreRefusedAtTheFirstOnePastTheLimit() throws IOException {
        StringBuilder yaml = new StringBuilder(HEAD + "x: &a [1]\nauthorization:\n  authorizers:\n");
        for (int i = 0; i < 51; i++) {
            yaml.append("    - *a\n");
        }
        assertEquals(":56:7: more than 50 aliases to lists or mappings", problemFor(yaml.toString()));
    }

    @Test
    void d9_anAliasCycleIsRefusedNotWalkedForever() throws IOException {
        assertEquals(":3:16: this node contains itself through an alias",
                problemFor(HEAD + "authorization: &a {authorizers: [*a]}\n"));
    }

    @Test
    void d9_aSyntaxErrorNamesLineAndColumn() throws IOException {
        String p = problemFor(HEAD + "authorization:\n  authorizers: [\n");
        assertEquals(":5:1: not valid YAML: while parsing a flow node: expected the node content, but found '<stream end>'", p);
    }
}
