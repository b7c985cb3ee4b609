package dev.palisade.server.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.server.sandbox.SelfReviewBodies.BadBodyException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The Kubernetes protobuf envelope and the Self*Review messages, from bytes made by hand. */
class SelfReviewBodiesTest {
    /** Field {@code number} as a length-delimited value. */
    private static byte[] field(int number, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (number << 3) | 2);
        varint(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] field(int number, String value) {
        return field(number, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] envelope(String apiVersion, String kind, byte[] raw) {
        return concat(new byte[] {'k', '8', 's', 0},
                field(1, concat(field(1, apiVersion), field(2, kind))), field(2, raw),
                field(4, "application/vnd.kubernetes.protobuf"));
    }

    @Test
    void resourceAttributesOfAnAccessReview() throws Exception {
        byte[] ra = concat(field(1, "team-a"), field(2, "create"), field(3, "apps"), field(4, "v1"),
                field(5, "deployments"), field(6, "scale"), field(7, "web"));
        byte[] review = concat(field(1, new byte[0]), field(2, field(1, ra)), field(3, new byte[0]));
        ObjectNode json = SelfReviewBodies.read(SelfReviewBodies.PROTOBUF,
                envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview", review), "SelfSubjectAccessReview");
        assertEquals("authorization.k8s.io/v1", json.path("apiVersion").asText());
        Map<String, String> expected = Map.of("namespace", "team-a", "verb", "create", "group", "apps", "version", "v1",
                "resource", "deployments", "subresource", "scale", "name", "web");
        expected.forEach((k, v) -> assertEquals(v, json.path("spec").path("resourceAttributes").path(k).asText(), k));
    }

    @Test
    void nonResourceAttributesOfAnAccessReview() throws Exception {
        byte[] review = field(2, field(2, concat(field(1, "/healthz"), field(2, "get"))));
        ObjectNode json = SelfReviewBodies.read(null,
                envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview", review), "SelfSubjectAccessReview");
        assertEquals("/healthz", json.path("spec").path("nonResourceAttributes").path("path").asText());
        assertEquals("get", json.path("spec").path("nonResourceAttributes").path("verb").asText());
        assertTrue(json.path("spec").path("resourceAttributes").isMissingNode());
    }

    @Test
    void namespaceOfARulesReviewAndAnEmptySelfReview() throws Exception {
        ObjectNode rules = SelfReviewBodies.read(SelfReviewBodies.PROTOBUF,
                envelope("authorization.k8s.io/v1", "SelfSubjectRulesReview", field(2, field(1, "team-a"))),
                "SelfSubjectRulesReview");
        assertEquals("team-a", rules.path("spec").path("namespace").asText());
        ObjectNode self = SelfReviewBodies.read(SelfReviewBodies.PROTOBUF,
                envelope("authentication.k8s.io/v1", "SelfSubjectReview", new byte[0]), "SelfSubjectReview");
        assertEquals("SelfSubjectReview", self.path("kind").asText());
    }

    @Test
    void jsonIsAcceptedToo() throws Exception {
        ObjectNode json = SelfReviewBodies.read("application/json", """
                {"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1",
                 "spec":{"resourceAttributes":{"verb":"get","resource":"pods"}}}""".getBytes(StandardCharsets.UTF_8),
                "SelfSubjectAccessReview");
        assertEquals("pods", json.path("spec").path("resourceAttributes").path("resource").asText());
    }

    static Stream<Arguments> badBodies() {
        byte[] good = envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview", new byte[0]);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        byte[] longLength = concat(new byte[] {'k', '8', 's', 0}, new byte[] {0x12, (byte) 0xff, 0x7f});
        byte[] runawayVarint = concat(new byte[] {'k', '8', 's', 0}, new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80});
        byte[] wireType3 = concat(new byte[] {'k', '8', 's', 0}, new byte[] {0x0b});
        return Stream.of(
                Arguments.of("no envelope magic", "k8s".getBytes(StandardCharsets.US_ASCII), "k8s\\0"),
                Arguments.of("truncated envelope", truncated, "malformed"),
                Arguments.of("length past the end", longLength, "runs past the end"),
                Arguments.of("unterminated varint", runawayVarint, "truncated varint"),
                Arguments.of("group wire type", wireType3, "unsupported wire type 3"),
                Arguments.of("another kind", envelope("v1", "Pod", new byte[0]), "the body is a Pod"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badProtobufIsAClearError(String name, byte[] body, String expected) {
        BadBodyException e = assertThrows(BadBodyException.class,
                () -> SelfReviewBodies.read(SelfReviewBodies.PROTOBUF, body, "SelfSubjectAccessReview"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void badJsonIsAClearError() {
        BadBodyException e = assertThrows(BadBodyException.class, () -> SelfReviewBodies.read("application/json",
                "{\"kind\":".getBytes(StandardCharsets.UTF_8), "SelfSubjectAccessReview"));
        assertTrue(e.getMessage().startsWith("the body is not valid JSON"), e.getMessage());
    }
}
