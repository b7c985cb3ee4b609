package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code authenticate} and {@code request} end to end on the bundled examples/authn. */
class AuthnCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONFIG = CliTest.ROOT.resolve("examples/authn/palisade.yaml");

    @Test
    void authenticateAnswersEachTokenReview() throws Exception {
        CliTest.Run r = CliTest.run("", "authenticate", "-c", CONFIG.toString(),
                CliTest.ROOT.resolve("examples/authn/tokenreviews.jsonl").toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        JsonNode alice = JSON.readTree(lines.get(0)).get("status");
        assertTrue(alice.get("authenticated").asBoolean());
        assertEquals("alice", alice.at("/user/username").asText());
        assertEquals("[\"dev\",\"support\",\"system:authenticated\"]", alice.at("/user/groups").toString());
        JsonNode unknown = JSON.readTree(lines.get(2)).get("status");
        assertFalse(unknown.get("authenticated").asBoolean());
        assertTrue(unknown.get("error").asText().contains("invalid bearer token"), unknown.toString());
        // secrets are never written back out, neither in answers nor in errors
        for (String secret : List.of("example-token-alice", "example-token-bob", "not-a-known-token")) {
            assertFalse(r.out().contains(secret), r.out());
            assertFalse(r.err().contains(secret), r.err());
        }
    }

    @Test
    void authenticateReportsMalformedLinesAndGoesOn() {
        CliTest.Run r = CliTest.run("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":{}}\nnot json\n"
                + "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":{\"token\":\"example-token-bob\"}}\n",
                "authenticate", "-c", CONFIG.toString());
        assertEquals(2, r.exit());
        assertEquals(3, r.out().lines().count(), r.out());
        assertTrue(r.err().contains("<stdin>:1: spec.token is missing"), r.err());
        assertTrue(r.err().contains("<stdin>:2: malformed JSON"), r.err());
        assertTrue(r.out().lines().toList().get(2).contains("\"username\":\"bob\""), r.out());
    }

    @Test
    void requestTellsTheWholeStory() {
        CliTest.Run r = CliTest.run("", "request", "-c", CONFIG.toString(), "-H", "Authorization: Bearer example-token-alice",
                "/api/v1/namespaces/dev/pods/web-0/log");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("authenticated:  \"alice\" uid 1001 groups [dev, support, system:authenticated] via token (TokenFile)"), r.out());
        assertTrue(r.out().contains("attributes:     get pods/log \"web-0\" in namespace \"dev\""), r.out());
        assertTrue(r.out().contains("decision:       ALLOW — allowed by ABAC policy line 2"), r.out());
        assertFalse(r.out().contains("example-token-alice"), "the token is never printed");
    }

    @Test
    void requestRefusalsAndImpersonation() {
        CliTest.Run denied = CliTest.run("", "request", "-c", CONFIG.toString(), "-X", "DELETE",
                "-H", "Authorization: Bearer example-token-bob", "/api/v1/namespaces/dev/pods");
        assertEquals(1, denied.exit());
        assertTrue(denied.out().contains("attributes:     deletecollection pods in namespace \"dev\""), denied.out());
        assertTrue(denied.out().contains("HTTP 403"), denied.out());
        CliTest.Run nobody = CliTest.run("", "request", "-c", CONFIG.toString(), "/healthz");
        assertEquals(1, nobody.exit());
        assertTrue(nobody.out().contains("HTTP 401"), nobody.out());
        CliTest.Run asBob = CliTest.run("", "request", "-c", CONFIG.toString(), "-H", "Authorization: Bearer example-token-alice",
                "-H", "Impersonate-User: bob", "/api/v1/namespaces/prod/pods?watch=true");
        assertEquals(1, asBob.exit(), "bob as impersonated has no readers group, so no ABAC line allows");
        assertTrue(asBob.out().contains("impersonate:  impersonate users \"bob\""), asBob.out());
        assertTrue(asBob.out().contains("acting as:      \"bob\""), asBob.out());
        assertTrue(asBob.out().contains("attributes:     watch pods in namespace \"prod\""), asBob.out());
        CliTest.Run bobAsAlice = CliTest.run("", "request", "-c", CONFIG.toString(), "-H", "Authorization: Bearer example-token-bob",
                "-H", "Impersonate-User: alice", "/api/v1/namespaces/dev/pods");
        assertEquals(1, bobAsAlice.exit());
        assertTrue(bobAsAlice.out().contains("HTTP 403 — user \"bob\" cannot impersonate users \"alice\""), bobAsAlice.out());
    }

    /** kubectl's impersonation flags: --as and --as-group become the Impersonate-* headers. */
    @Test
    void requestAsAndAsGroup_impersonateLikeKubectl() {
        CliTest.Run asBob = CliTest.run("", "request", "-c", CONFIG.toString(), "-H", "Authorization: Bearer example-token-alice",
                "--as", "bob", "--as-group", "readers", "--as-group", "devs", "/api/v1/namespaces/prod/pods?watch=true");
        assertTrue(asBob.out().contains("impersonate:  impersonate users \"bob\" (cluster-wide) → ALLOW"), asBob.out());
        assertTrue(asBob.out().contains("impersonate:  impersonate groups \"readers\" (cluster-wide) → DENY"), asBob.out());
        assertTrue(asBob.out().contains("HTTP 403 — user \"alice\" cannot impersonate groups \"readers\""), asBob.out());
        assertTrue(asBob.out().contains("credentials:    a bearer token (not shown) from request headers"), asBob.out());
        assertTrue(!asBob.out().contains("Credentials["), "no Java record syntax reaches a user: " + asBob.out());
        CliTest.Run bobAsAlice = CliTest.run("", "request", "-c", CONFIG.toString(), "-H", "Authorization: Bearer example-token-bob",
                "--as", "alice", "/api/v1/namespaces/dev/pods");
        assertEquals(1, bobAsAlice.exit());
        assertTrue(bobAsAlice.out().contains("HTTP 403 — user \"bob\" cannot impersonate users \"alice\""), bobAsAlice.out());
    }

    @Test
    void requestWithKubeconfig(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path kc = dir.resolve("kubeconfig");
        java.nio.file.Files.writeString(kc, """
                current-context: dev
                contexts: [{name: dev, context: {cluster: c, user: bob}}]
                users: [{name: bob, user: {token: example-token-bob}}]
                """);
        CliTest.Run r = CliTest.run("", "request", "-c", CONFIG.toString(), "--kubeconfig", kc.toString(), "/api/v1/pods");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("context \"dev\", user \"bob\""), r.out());
        assertTrue(r.out().contains("list pods (cluster-wide)"), r.out());
    }
}
