package dev.palisade.engine.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.testing.Conformance;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/** The direct tree walk gives exactly what Jackson's convertValue gave: same values, same classes, same order. */
class PlainJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty object       | {}",
            "empty array        | []",
            "string             | \"x\"",
            "booleans and null  | [true, false, null]",
            "int, long, bigint  | [1, -7, 2147483648, -9223372036854775808, 18446744073709551616]",
            "floats             | [1.5, -0.0, 1e300, 3.0]",
            "field order kept   | {\"z\": 1, \"a\": 2, \"m\": {\"y\": [1, {\"b\": null}], \"c\": \"\"}}",
            "unicode and quotes | {\"k/\\\"x\\\"\": \"\\u00e9\\n\"}",
    })
    void convertsJsonTextAsJacksonDoes(String name, String json) throws IOException {
        assertSameAsJackson(JSON.readTree(json));
    }

    @Test
    void nodesOnlyCodeBuilds_areLeftToJackson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("short", (short) 3).put("float", 1.5f).put("decimal", new BigDecimal("1.10"))
                .put("binary", new byte[] {1, 2, 3}).putPOJO("pojo", List.of("a"));
        assertSameAsJackson(node);
    }

    @Test
    void absentIsNull() {
        assertNull(PlainJson.of(null));
        assertNull(PlainJson.of(JSON.missingNode()));
        assertNull(PlainJson.of(JSON.nullNode()));
    }

    /** Every Pod Security fixture object (4,537 real pods and workloads). */
    @Test
    void podSecurityFixtures() throws IOException {
        Path testdata = Conformance.resolve("pod-security-admission/testdata");
        int count = 0;
        try (Stream<Path> files = Files.walk(testdata)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".yaml"))::iterator) {
                for (Object doc : new Yaml().loadAll(Files.readString(f))) {
                    if (doc != null) {
                        assertSameAsJackson(JSON.readTree(JSON.writeValueAsString(doc))); // as parsed from the wire
                    }
                }
                count++;
            }
        }
        assertTrue(count > 4000, "only " + count + " fixtures found under " + testdata);
    }

    private static void assertSameAsJackson(JsonNode node) {
        Object expected = JSON.convertValue(node, Object.class);
        Object actual = PlainJson.of(node);
        assertDeepSame(expected, actual, "$");
    }

    /** equals() would let a map in another order, or an Integer for a Long, pass. */
    @SuppressWarnings("unchecked")
    private static void assertDeepSame(Object expected, Object actual, String at) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, at);
            return;
        }
        if (expected instanceof Map<?, ?>) {
            // read-only and compact (FrozenJsonObject), not a LinkedHashMap; the order is checked below
            assertTrue(actual instanceof Map<?, ?>, at + " is a " + actual.getClass());
            assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) actual).put("x", 1), at);
        } else {
            assertEquals(expected.getClass(), actual.getClass(), at);
        }
        if (expected instanceof Map<?, ?> e) {
            Map<?, ?> a = (Map<?, ?>) actual;
            assertEquals(List.copyOf(e.keySet()), List.copyOf(a.keySet()), at + " keys");
            for (Object k : e.keySet()) {
                assertDeepSame(e.get(k), a.get(k), at + "." + k);
            }
        } else if (expected instanceof List<?> e) {
            List<?> a = (List<?>) actual;
            assertEquals(e.size(), a.size(), at + " size");
            for (int i = 0; i < e.size(); i++) {
                assertDeepSame(e.get(i), a.get(i), at + "[" + i + "]");
            }
        } else if (expected instanceof byte[] e) {
            assertEquals(java.util.Arrays.toString(e), java.util.Arrays.toString((byte[]) actual), at);
        } else {
            assertEquals(expected, actual, at);
        }
    }
}
