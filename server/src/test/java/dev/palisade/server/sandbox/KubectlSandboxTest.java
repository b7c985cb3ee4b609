package dev.palisade.server.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.server.FixedEngineSource;
import dev.palisade.server.HttpRequest;
import dev.palisade.server.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The sandbox handler called directly: the answers kubectl does not show verbatim. */
class KubectlSandboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FixedEngineSource engines;
    private static KubectlSandbox sandbox;

    @BeforeAll
    static void load() throws Exception {
        Path config = Path.of(KubectlSandboxTest.class.getResource("/sandbox/palisade.yaml").toURI());
        engines = new FixedEngineSource(PolicyEngine.fromConfig(config));
        sandbox = new KubectlSandbox(engines);
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    private static HttpResponse call(String method, String path, String query, String token, String body) throws Exception {
        Map<String, List<String>> headers = token == null ? Map.of()
                : Map.of("authorization", List.of("Bearer " + token), "content-type", List.of("application/json"));
        return sandbox.handle(new HttpRequest(method, path, query, headers,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), List.of(), "127.0.0.1"));
    }

    private static JsonNode json(HttpResponse r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void discoveryNeedsNoCredentials() throws Exception {
        assertEquals("32", json(call("GET", "/version", "", null, null)).path("minor").asText());
        JsonNode v1 = json(call("GET", "/api/v1", "", null, null));
        assertEquals("APIResourceList", v1.path("kind").asText());
        assertTrue(v1.path("resources").findValuesAsText("name").contains("pods"));
        JsonNode apps = json(call("GET", "/apis/apps/v1", "", null, null));
        assertTrue(apps.path("resources").findValuesAsText("kind").contains("Deployment"));
        JsonNode index = json(call("GET", "/openapi/v3", "", null, null));
        String url = index.path("paths").path("apis/apps/v1").path("serverRelativeURL").asText();
        assertTrue(url.startsWith("/openapi/v3/apis/apps/v1?hash="), url);
        JsonNode doc = json(call("GET", "/openapi/v3/apis/apps/v1", "hash=x", null, null));
        JsonNode patch = doc.path("paths").path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").path("patch");
        assertEquals("Deployment", patch.path("x-kubernetes-group-version-kind").path("kind").asText());
        assertTrue(patch.path("parameters").findValuesAsText("name").contains("fieldValidation"));
    }

    @Test
    void unauthenticatedAnswerIsTheApiserversStatus() throws Exception {
        HttpResponse r = call("GET", "/api/v1/namespaces/team-a/pods", "", "wrong", null);
        assertEquals(401, r.status());
        JsonNode s = json(r);
        assertEquals("Unauthorized", s.path("message").asText());
        assertEquals("Unauthorized", s.path("reason").asText());
        assertEquals(401, s.path("code").asInt());
        assertFalse(new String(r.body(), StandardCharsets.UTF_8).contains("wrong"), "the token is never echoed");
    }

    static Stream<Arguments> resourceAnswers() {
        String pod = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"other\"},\"spec\":{}}";
        return Stream.of(
                Arguments.of("get of an object is NotFound", "GET", "/api/v1/namespaces/team-a/pods/web", "", null,
                        404, "pods \"web\" not found"),
                Arguments.of("get in another namespace is Forbidden with the name", "GET", "/api/v1/namespaces/team-a/pods/web", "", null,
                        403, "pods \"web\" is forbidden: User \"alice\" cannot get resource \"pods\" in API group \"\" in the namespace \"team-b\""),
                Arguments.of("cluster-scoped denial says at the cluster scope", "GET", "/api/v1/nodes", "", null,
                        403, "nodes is forbidden: User \"alice\" cannot list resource \"nodes\" in API group \"\" at the cluster scope"),
                Arguments.of("namespace of the body differs from the path", "POST", "/api/v1/namespaces/team-a/pods",
                        "dryRun=All", pod, 400, "the namespace of the provided object does not match the namespace sent on the request"),
                Arguments.of("kind of the body differs from the path", "POST", "/apis/apps/v1/namespaces/team-a/deployments",
                        "dryRun=All", pod, 400, "expected Deployment of apps/v1"),
                Arguments.of("unknown resource", "GET", "/api/v1/namespaces/team-a/widgets", "", null,
                        404, "the server could not find the requested resource"),
                Arguments.of("body that is not JSON", "POST", "/api/v1/namespaces/team-a/pods", "dryRun=All", "{",
                        400, "the body of the request was in an unknown format"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resourceAnswers")
    void resourceRequestAnswers(String name, String method, String path, String query, String body, int code,
                                String message) throws Exception {
        String effectivePath = name.contains("another namespace") ? path.replace("team-a", "team-b") : path;
        HttpResponse r = call(method, effectivePath, query, "token-alice-sandbox", body);
        assertEquals(code, r.status(), new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(json(r).path("message").asText().contains(message), json(r).path("message").asText());
    }

    @Test
    void listIsEmpty() throws Exception {
        JsonNode list = json(call("GET", "/api/v1/namespaces/team-a/pods", "", "token-alice-sandbox", null));
        assertEquals("PodList", list.path("kind").asText());
        assertEquals(0, list.path("items").size());
    }

    @Test
    void jsonAccessReviewDeniedHasNoReason() throws Exception {
        HttpResponse r = call("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", "", "token-carol-sandbox", """
                {"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1",
                 "spec":{"resourceAttributes":{"namespace":"team-a","verb":"create","resource":"pods"}}}""");
        JsonNode status = json(r).path("status");
        assertFalse(status.path("allowed").asBoolean(true));
        assertTrue(status.path("reason").asText("").isEmpty(), status.toString());
        assertEquals("create", json(r).path("spec").path("resourceAttributes").path("verb").asText());
    }

    @Test
    void accessReviewWithBothAttributesIsInvalid() throws Exception {
        HttpResponse r = call("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", "", "token-alice-sandbox", """
                {"spec":{"resourceAttributes":{"verb":"get"},"nonResourceAttributes":{"path":"/x","verb":"get"}}}""");
        assertEquals(422, r.status());
    }

    @Test
    void createWithoutDryRunIsRefusedAndDryRunCreateReturnsTheObject() throws Exception {
        String deployment = """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{}}}}""";
        HttpResponse refused = call("POST", "/apis/apps/v1/namespaces/team-a/deployments", "", "token-alice-sandbox", deployment);
        assertEquals(400, refused.status());
        assertTrue(json(refused).path("message").asText().contains("refused without dryRun=All"));
        HttpResponse created = call("POST", "/apis/apps/v1/namespaces/team-a/deployments", "dryRun=All&fieldValidation=Strict",
                "token-alice-sandbox", deployment);
        assertEquals(201, created.status(), new String(created.body(), StandardCharsets.UTF_8));
        assertEquals("team-a", json(created).path("metadata").path("namespace").asText());
        assertFalse(json(created).path("metadata").path("uid").asText().isEmpty());
    }
}
