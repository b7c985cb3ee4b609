package dev.palisade.engine.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.nodes.Node;

class SafeYamlTest {
    private static String problem(String text, YamlLimits limits) {
        return assertThrows(YamlReadException.class, () -> SafeYaml.load("f.yaml", text, limits)).getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            control character after CRLF lines    | a: 1\\r\\nb: 2\\r\\nc: \\u0001                | f.yaml:3:4: control character U+0001 is not allowed in YAML
            column counts code points, not chars  | a: \\ud83d\\ude00\\u0002                      | f.yaml:1:5: control character U+0002 is not allowed in YAML
            lone surrogate                        | a: \\ud800                                    | f.yaml:1:4: unpaired surrogate character is not allowed in YAML
            delete character                      | a: x\\u007f                                  | f.yaml:1:5: control character U+007F is not allowed in YAML
            python tag refused by the safe constructor | a: !!python/object/apply:os.system [ls] | f.yaml:1:4: not valid YAML: Global tag is not allowed: tag:yaml.org,2002:python/object/apply:os.system
            java class tag refused                | !!java.net.URL [http://x]                     | f.yaml:1:1: not valid YAML: Global tag is not allowed: tag:yaml.org,2002:java.net.URL
            duplicate key where it matters        | token: a\\ntoken: b                            | f.yaml:2:1: not valid YAML: while constructing a mapping (from line 1): found duplicate key token
            """)
    void refusals(String name, String escaped, String expected) {
        String text = java.util.regex.Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(escaped)
                .replaceAll(m -> String.valueOf((char) Integer.parseInt(m.group(1), 16))).translateEscapes();
        assertEquals(expected, problem(text, YamlLimits.KUBECONFIG), name);
    }

    @Test
    void byteOrderMarkAtTheStartIsAllowed() {
        assertEquals(Map.of("a", 1), SafeYaml.load("f.yaml", "\ufeffa: 1\n", YamlLimits.CONFIG));
    }

    @Test
    void sizeLimitNamesWhereItIsPassed() {
        YamlLimits tiny = new YamlLimits(50, 50, 10, 100, true);
        assertEquals("f.yaml:2:2: file is longer than 10 characters", problem("abcdefgh\nxyz", tiny));
    }

    @Test
    void invalidUtf8NamesLineAndColumnOfTheByte() {
        byte[] bytes = "a: 1\nb: é".getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        bad[bytes.length] = (byte) 0x80;
        assertEquals("f.yaml:2:5: not valid UTF-8: byte 0x80",
                assertThrows(YamlReadException.class, () -> SafeYaml.decode("f.yaml", bad)).getMessage());
        assertEquals("a: 1\nb: é", SafeYaml.decode("f.yaml", bytes));
    }

    @Test
    void documentsBeforeABrokenOneAreStillSeen() {
        List<Node> seen = new ArrayList<>();
        YamlReadException e = assertThrows(YamlReadException.class,
                () -> SafeYaml.composeAll("f.yaml", "a: 1\n---\nb: [\n", YamlLimits.RBAC, seen::add));
        assertEquals(1, seen.size());
        assertEquals(4, e.line());
    }

    @Test
    void aliasesWithinTheExpansionBoundAreRead() {
        Object doc = SafeYaml.load("f.yaml", "r: &r [get, list]\na: *r\nb: *r\n", YamlLimits.CONFIG);
        assertEquals(Map.of("r", List.of("get", "list"), "a", List.of("get", "list"), "b", List.of("get", "list")), doc);
    }
}
