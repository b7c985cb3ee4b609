package dev.palisade.engine.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.testing.Conformance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubjectAccessReviewsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode conformance(String name) throws IOException {
        Path p = Conformance.resolve("webhook-wire-formats/authorization/" + name);
        return JSON.readTree(p.toFile());
    }

    @Test
    void v1ResourceReviewWithExtra() throws Exception {
        RequestAttributes a = SubjectAccessReviews.toAttributes(conformance("docs-authorization_sar-v1_request_resource_with-extra.json"));
        assertEquals("jane", a.user().name());
        assertEquals(List.of("group1", "group2"), a.user().groups());
        assertEquals(Map.of("scopes", List.of("openid", "profile")), a.user().extra());
        assertEquals("get", a.verb());
        assertEquals("kittensandponies", a.namespace());
        assertEquals("unicorn.example.org", a.apiGroup());
        assertEquals("pods", a.resource());
        assertTrue(a.resourceRequest());
    }

    @Test
    void v1beta1NonResourceReview() throws Exception {
        RequestAttributes a = SubjectAccessReviews.toAttributes(conformance("docs-webhook_sar-v1beta1_request_nonresource.json"));
        assertFalse(a.resourceRequest());
        assertEquals("/debug", a.path());
        assertEquals("get", a.verb());
        assertEquals(List.of("group1", "group2"), a.user().groups());
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("docs-authorization_sar-v1_request_resource_with-extra.json"),
                Arguments.of("docs-authorization_sar-v1_response_allowed_apiserver-body.json"),
                Arguments.of("docs-webhook_sar-v1beta1_request_nonresource.json"),
                Arguments.of("docs-webhook_sar-v1beta1_request_resource.json"));
    }

    /** Round trip: the answer is the same object, every field kept, with status set. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void answerKeepsEveryFieldAndSetsStatus(String file) throws Exception {
        JsonNode original = conformance(file);
        SubjectAccessReviews.toAttributes(original);
        ObjectNode answered = SubjectAccessReviews.withStatus(((ObjectNode) original).deepCopy(),
                Decision.deny(new Reason("x", "rule-7", "user does not have read access to the namespace", "")));
        ObjectNode expected = ((ObjectNode) original).deepCopy();
        expected.set("status", JSON.readTree(
                "{\"allowed\":false,\"denied\":true,\"reason\":\"user does not have read access to the namespace [rule-7]\"}"));
        assertEquals(expected, answered);
    }

    @Test
    void statusShapesMatchTheWebhookExamples() throws IOException {
        JsonNode allowed = SubjectAccessReviews.withStatus(JSON.createObjectNode(), Decision.allow(new Reason("a", "", "", ""))).get("status");
        assertEquals(conformance("docs-webhook_sar-v1beta1_response_allowed.json").get("status"), allowed);
        JsonNode noOpinion = SubjectAccessReviews.withStatus(JSON.createObjectNode(),
                new Decision(dev.palisade.engine.authz.Verdict.NO_OPINION,
                        List.of(new Reason("a", "", "user does not have read access to the namespace", "")), List.of())).get("status");
        assertEquals(conformance("docs-webhook_sar-v1beta1_response_no-opinion.json").get("status"), noOpinion);
        JsonNode denied = SubjectAccessReviews.withStatus(JSON.createObjectNode(),
                Decision.deny(new Reason("a", "", "user does not have read access to the namespace", ""))).get("status");
        assertEquals(conformance("docs-webhook_sar-v1beta1_response_denied.json").get("status"), denied);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("not an object", "[]", "expected a SubjectAccessReview JSON object"),
                Arguments.of("wrong apiVersion", "{\"apiVersion\":\"v1\",\"kind\":\"SubjectAccessReview\",\"spec\":{}}", "apiVersion \"v1\" is not supported"),
                Arguments.of("wrong kind", "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"Pod\",\"spec\":{}}", "kind \"Pod\" is not a SubjectAccessReview"),
                Arguments.of("no spec", "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\"}", "spec is missing"),
                Arguments.of("no user or groups", sar("{\"resourceAttributes\":{\"verb\":\"get\"}}"), "at least one of spec.user and spec.groups"),
                Arguments.of("both attribute kinds", sar("{\"user\":\"a\",\"resourceAttributes\":{},\"nonResourceAttributes\":{}}"), "exactly one of"),
                Arguments.of("neither attribute kind", sar("{\"user\":\"a\"}"), "exactly one of"),
                Arguments.of("groups not a list", sar("{\"user\":\"a\",\"groups\":\"x\",\"resourceAttributes\":{}}"), "spec.groups must be a list of strings"),
                Arguments.of("verb not a string", sar("{\"user\":\"a\",\"resourceAttributes\":{\"verb\":3}}"), "spec.resourceAttributes.verb must be a string"));
    }

    static String sar(String spec) {
        return "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"spec\":" + spec + "}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidReviewsSayWhy(String name, String json, String expected) throws IOException {
        JsonNode node = JSON.readTree(json);
        InvalidReviewException e = assertThrows(InvalidReviewException.class, () -> SubjectAccessReviews.toAttributes(node));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        JsonNode answer = SubjectAccessReviews.invalid(node, e.getMessage());
        assertFalse(answer.get("status").get("allowed").asBoolean());
        assertTrue(answer.get("status").get("evaluationError").asText().contains(expected));
    }
}
