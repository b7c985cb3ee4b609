package dev.palisade.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each endpoint's happy path in the Kubernetes wire format, and the apiserver's answers to bad input. */
class WebhookEndpointsTest {
    @TempDir
    static java.nio.file.Path dir;
    static TestServer s;

    static final String SAR = "/apis/authorization.k8s.io/v1/subjectaccessreviews";
    static final String SAR_BETA = "/apis/authorization.k8s.io/v1beta1/subjectaccessreviews";
    static final String TOKEN = "/apis/authentication.k8s.io/v1/tokenreviews";

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void sar_v1_allowedByRbac_statusFilledAndFieldsKept() throws Exception {
        HttpResponse<String> r = s.post(SAR, "application/json", """
                {"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","metadata":{"uid":"u-1"},
                 "spec":{"user":"alice@example.com","groups":["system:authenticated"],
                 "resourceAttributes":{"verb":"list","resource":"pods","namespace":"payments"}}}""");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
        JsonNode a = TestServer.json(r);
        assertEquals("authorization.k8s.io/v1", a.get("apiVersion").asText());
        assertEquals("u-1", a.path("metadata").path("uid").asText());
        assertTrue(a.path("status").path("allowed").asBoolean(), r.body());
    }

    @Test
    void sar_v1beta1_answeredInV1beta1_denied() throws Exception {
        HttpResponse<String> r = s.post(SAR_BETA, "application/json", """
                {"apiVersion":"authorization.k8s.io/v1beta1","kind":"SubjectAccessReview",
                 "spec":{"user":"mallory","group":["system:authenticated"],
                 "resourceAttributes":{"verb":"delete","resource":"secrets","namespace":"payments"}}}""");
        assertEquals(200, r.statusCode());
        JsonNode a = TestServer.json(r);
        assertEquals("authorization.k8s.io/v1beta1", a.get("apiVersion").asText());
        assertFalse(a.path("status").path("allowed").asBoolean(true), r.body());
    }

    @Test
    void tokenReview_authenticated_tokenNeverInTheAnswerLogOrMetrics() throws Exception {
        HttpResponse<String> r = s.post(TOKEN, "application/json", """
                {"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"secret-token-alice"}}""");
        assertEquals(200, r.statusCode());
        JsonNode a = TestServer.json(r);
        assertTrue(a.path("status").path("authenticated").asBoolean(), r.body());
        assertEquals("alice", a.path("status").path("user").path("username").asText());
        assertFalse(r.body().contains("secret-token-alice"), r.body());
        HttpResponse<String> bad = s.post(TOKEN, "application/json", """
                {"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"secret-wrong-token"}}""");
        assertFalse(TestServer.json(bad).path("status").path("authenticated").asBoolean(true));
        assertFalse(bad.body().contains("secret-wrong-token"), bad.body());
        HttpResponse<String> malformed = s.post(TOKEN, "application/json", "{\"spec\":{\"token\":\"secret-in-bad-json\"");
        assertEquals(400, malformed.statusCode());
        assertFalse(malformed.body().contains("secret-in-bad-json"), malformed.body());
        String metrics = s.get("/metrics").body();
        assertFalse(metrics.contains("secret-"), "a token reached the metrics");
        assertTrue(metrics.contains("endpoint=\"tokenreview\""), metrics);
        assertTrue(s.logs.stream().noneMatch(l -> l.contains("secret-")), s.logs.toString());
    }

    @Test
    void tokenReview_v1beta1_answeredInV1beta1() throws Exception {
        HttpResponse<String> r = s.post("/apis/authentication.k8s.io/v1beta1/tokenreviews", "application/json", """
                {"apiVersion":"authentication.k8s.io/v1beta1","kind":"TokenReview","spec":{"token":"secret-token-alice"}}""");
        JsonNode a = TestServer.json(r);
        assertEquals("authentication.k8s.io/v1beta1", a.get("apiVersion").asText());
        assertTrue(a.path("status").path("authenticated").asBoolean(), r.body());
    }

    static String review(String apiVersion, String uid, String image) {
        return """
                {"apiVersion":"%s","kind":"AdmissionReview","request":{"uid":"%s",
                 "kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},
                 "namespace":"default","name":"p","operation":"CREATE","userInfo":{"username":"alice"},
                 "object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
                           "spec":{"containers":[{"name":"web","image":"%s"}]}}}}""".formatted(apiVersion, uid, image);
    }

    @Test
    void validate_deniesWithTheRuleMessage_uidEchoed_neverPatches() throws Exception {
        HttpResponse<String> r = s.post("/validate", "application/json", review("admission.k8s.io/v1", "abc-1", "nginx:latest"));
        assertEquals(200, r.statusCode());
        JsonNode resp = TestServer.json(r).get("response");
        assertEquals("abc-1", resp.get("uid").asText());
        assertFalse(resp.get("allowed").asBoolean());
        assertEquals("container web must pin its image", resp.path("status").path("message").asText());
        assertFalse(resp.has("patch"), r.body());
        JsonNode ok = TestServer.json(s.post("/validate", "application/json",
                review("admission.k8s.io/v1", "abc-2", "nginx:1.27"))).get("response");
        assertTrue(ok.get("allowed").asBoolean());
        assertFalse(ok.has("patch"), "the mutating rule would patch this pod, /validate must not");
    }

    @Test
    void mutate_patches_v1beta1AnsweredInV1beta1() throws Exception {
        HttpResponse<String> r = s.post("/mutate", "application/json", review("admission.k8s.io/v1beta1", "m-1", "nginx:latest"));
        JsonNode a = TestServer.json(r);
        assertEquals("admission.k8s.io/v1beta1", a.get("apiVersion").asText());
        JsonNode resp = a.get("response");
        assertEquals("m-1", resp.get("uid").asText());
        assertTrue(resp.get("allowed").asBoolean(), "validation is /validate's business");
        assertEquals("JSONPatch", resp.get("patchType").asText());
        String patch = new String(Base64.getDecoder().decode(resp.get("patch").asText()), StandardCharsets.UTF_8);
        assertTrue(patch.contains("/spec/securityContext") && patch.contains("runAsNonRoot"), patch);
    }

    @Test
    void health_liveness_readiness() throws Exception {
        for (String p : new String[] {"/healthz", "/livez", "/readyz"}) {
            HttpResponse<String> r = s.get(p);
            assertEquals(200, r.statusCode(), p);
            assertEquals("ok", r.body(), p);
        }
    }

    @Test
    void metrics_countRequestsByEndpointAndVerdict_withHistogramAndGeneration() throws Exception {
        s.post(SAR, "application/json", """
                {"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview",
                 "spec":{"user":"alice@example.com","resourceAttributes":{"verb":"list","resource":"pods","namespace":"payments"}}}""");
        HttpResponse<String> m = s.get("/metrics");
        assertEquals(200, m.statusCode());
        assertTrue(m.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        String text = m.body();
        assertTrue(text.contains("palisade_http_requests_seconds_count{code=\"200\",endpoint=\"subjectaccessreview\",verdict=\"allowed\"}"), text);
        assertTrue(text.contains("palisade_http_requests_seconds_bucket{code=\"200\",endpoint=\"subjectaccessreview\""), "histogram");
        assertTrue(text.contains("palisade_policy_generation 1.0"), text);
        assertTrue(text.contains("palisade_http_requests_in_flight"), text);
    }

    static Stream<Arguments> badRequests() {
        String sar = "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"spec\":{\"user\":\"a\","
                + "\"resourceAttributes\":{\"verb\":\"get\",\"resource\":\"pods\"}}}";
        return Stream.of(
                Arguments.of("malformed JSON", SAR, "application/json", "{\"apiVersion\":", 400, "BadRequest", "not valid JSON"),
                Arguments.of("JSON array", SAR, "application/json", "[1,2]", 400, "BadRequest", "not a JSON array"),
                Arguments.of("JSON string", "/validate", "application/json", "\"x\"", 400, "BadRequest", "not a JSON string"),
                Arguments.of("empty body", SAR, "application/json", "", 400, "BadRequest", "empty"),
                Arguments.of("wrong kind", SAR, "application/json", sar.replace("SubjectAccessReview", "TokenReview"), 400,
                        "BadRequest", "kind \"TokenReview\""),
                Arguments.of("wrong apiVersion", SAR, "application/json", sar.replace("authorization.k8s.io/v1", "v1"), 400,
                        "BadRequest", "apiVersion \"v1\""),
                Arguments.of("admission without request", "/validate", "application/json",
                        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}", 400, "BadRequest", "request"),
                Arguments.of("token review without token", TOKEN, "application/json",
                        "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":{}}", 400, "BadRequest", "token"),
                Arguments.of("text/plain", SAR, "text/plain", sar, 415, "UnsupportedMediaType", "application/json"),
                Arguments.of("no content type", "/mutate", null, "{}", 415, "UnsupportedMediaType", "application/json"),
                Arguments.of("unknown path", "/nope", "application/json", "{}", 404, "NotFound", "could not find"),
                Arguments.of("POST to healthz", "/healthz", "application/json", "{}", 405, "MethodNotAllowed", "GET"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInput_isAStatusFailure_neverAllowed(String name, String path, String contentType, String body, int code,
                                                String reason, String messagePart) throws Exception {
        HttpResponse<String> r = s.post(path, contentType, body);
        assertStatus(r, code, reason, messagePart);
    }

    @Test
    void wrongMethod_is405WithAllowHeader() throws Exception {
        HttpResponse<String> r = s.get(SAR);
        assertStatus(r, 405, "MethodNotAllowed", "POST");
        assertEquals("POST", r.headers().firstValue("allow").orElse(""));
    }

    @Test
    void oversizeBody_is413_beforeBeingBuffered() throws Exception {
        String big = "{\"x\":\"" + "a".repeat(PalisadeServer.MAX_BODY_BYTES) + "\"}";
        HttpResponse<String> r = s.post(SAR, "application/json", big);
        assertStatus(r, 413, "RequestEntityTooLarge", "limit of 3145728 bytes");
        // the server goes on
        assertEquals(200, s.get("/healthz").statusCode());
    }

    @Test
    void bodyJustUnderTheLimitIsRead() throws Exception {
        String pad = "a".repeat(PalisadeServer.MAX_BODY_BYTES - 300);
        HttpResponse<String> r = s.post(SAR, "application/json", "{\"apiVersion\":\"authorization.k8s.io/v1\","
                + "\"kind\":\"SubjectAccessReview\",\"metadata\":{\"annotations\":{\"pad\":\"" + pad + "\"}},"
                + "\"spec\":{\"user\":\"alice@example.com\",\"resourceAttributes\":{\"verb\":\"list\",\"resource\":\"pods\","
                + "\"namespace\":\"payments\"}}}");
        assertEquals(200, r.statusCode(), r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
    }

    static void assertStatus(HttpResponse<String> r, int code, String reason, String messagePart) throws Exception {
        assertEquals(code, r.statusCode(), r.body());
        JsonNode st = TestServer.json(r);
        assertEquals("Status", st.get("kind").asText());
        assertEquals("v1", st.get("apiVersion").asText());
        assertEquals("Failure", st.get("status").asText());
        assertEquals(reason, st.get("reason").asText());
        assertEquals(code, st.get("code").asInt());
        assertTrue(st.get("message").asText().contains(messagePart), st.get("message").asText());
        assertFalse(r.body().contains("\"allowed\":true"), r.body());
        assertFalse(r.body().contains("at dev.palisade") || r.body().contains("Exception"), "stack trace in " + r.body());
    }
}
