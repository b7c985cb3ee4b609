package dev.palisade.engine.webhook;

import dev.palisade.engine.authz.FailurePolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.palisade.engine.authn.AuthenticationMethod;
import dev.palisade.engine.authn.AuthenticationResult;
import dev.palisade.engine.authn.AuthenticatorChain;
import dev.palisade.engine.authn.AuthnAttempt;
import dev.palisade.engine.authn.Credentials;
import dev.palisade.engine.authn.TestPki;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import dev.palisade.engine.testing.Conformance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook clients against a real HTTPS server on 127.0.0.1, started here with a certificate made
 * for the run: answers, caches and their TTLs, slow, failing and untrusted servers.
 */
class WebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static HttpsServer server;
    static Path caFile;
    static Path otherCaFile;
    static final AtomicReference<String> body = new AtomicReference<>();
    static final AtomicInteger status = new AtomicInteger(200);
    static final AtomicInteger delayMillis = new AtomicInteger();
    static final AtomicInteger stallAfterHeadersMillis = new AtomicInteger();
    static final AtomicInteger calls = new AtomicInteger();
    static final List<JsonNode> received = new CopyOnWriteArrayList<>();

    final MutableClock clock = new MutableClock();

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        TestPki.Issued ca = TestPki.ca("webhook-ca");
        TestPki.Issued cert = TestPki.server(ca);
        caFile = dir.resolve("ca.pem");
        Files.writeString(caFile, ca.pem());
        otherCaFile = dir.resolve("other.pem");
        Files.writeString(otherCaFile, TestPki.ca("other").pem());
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestPki.serverContext(cert)));
        server.setExecutor(Executors.newCachedThreadPool()); // a sleeping handler must not hold up the next test
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            try {
                Thread.sleep(delayMillis.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] out = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (stallAfterHeadersMillis.get() > 0) { // headers and half the body, then silence
                exchange.sendResponseHeaders(status.get(), out.length);
                exchange.getResponseBody().write(out, 0, out.length / 2);
                exchange.getResponseBody().flush();
                try {
                    Thread.sleep(stallAfterHeadersMillis.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(status.get(), out.length);
            try {
                exchange.getResponseBody().write(out);
            } catch (IOException e) {
                // the client gave up on a body over its limit (D10): expected
            }
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void reset() {
        status.set(200);
        delayMillis.set(0);
        stallAfterHeadersMillis.set(0);
        calls.set(0);
        received.clear();
    }

    private static WebhookClient client(Path ca, Duration timeout) {
        URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/review");
        return new WebhookClient(new WebhookEndpoint(url, ca, timeout));
    }

    /** Generous for ordinary calls (a loaded CI machine is slow to shake hands); short where slowness is the test. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(800);
    private static final int SLOW_MILLIS = 2500;

    private TokenReviewAuthenticator tokenReviews(Path ca) {
        return tokenReviews(ca, TIMEOUT);
    }

    private TokenReviewAuthenticator tokenReviews(Path ca, Duration timeout) {
        return new TokenReviewAuthenticator("Webhook", client(ca, timeout), List.of(), Duration.ofMinutes(2),
                Duration.ofSeconds(10), clock);
    }

    private static String conformance(String file) throws IOException {
        return Files.readString(Conformance.resolve("webhook-wire-formats/authentication/" + file));
    }

    @Test
    void tokenReviewSuccessFromTheWireExampleAndCached() throws IOException {
        body.set(conformance("docs-authentication_tokenreview-v1_response_success.json"));
        TokenReviewAuthenticator a = tokenReviews(caFile);
        AuthenticationResult r = new AuthenticatorChain(List.of(a), false).authenticate(Credentials.bearer("tok-1"));
        assertTrue(r.authenticated(), r.reason());
        assertEquals("janedoe@example.com", r.user().name());
        assertEquals("42", r.user().uid());
        assertEquals(List.of("developers", "qa", "system:authenticated"), r.user().groups());
        assertEquals(Map.of("extrafield1", List.of("extravalue1", "extravalue2")), r.user().extra());
        assertEquals(AuthenticationMethod.WEBHOOK, r.method());
        JsonNode sent = received.get(0);
        assertEquals("authentication.k8s.io/v1", sent.get("apiVersion").asText());
        assertEquals("tok-1", sent.at("/spec/token").asText());
        a.authenticate(Credentials.bearer("tok-1"));
        assertEquals(1, calls.get(), "second ask answered from the cache");
        clock.advance(Duration.ofMinutes(3));
        a.authenticate(Credentials.bearer("tok-1"));
        assertEquals(2, calls.get(), "TTL over: asked again");
    }

    @Test
    void tokenReviewErrorIsAFailureCachedForTheShorterTtl() throws IOException {
        body.set(conformance("docs-authentication_tokenreview-v1_response_error.json"));
        TokenReviewAuthenticator a = tokenReviews(caFile);
        AuthnAttempt.Failure f = assertInstanceOf(AuthnAttempt.Failure.class, a.authenticate(Credentials.bearer("tok-2")));
        assertTrue(f.reason().contains("Credentials are expired"), f.reason());
        a.authenticate(Credentials.bearer("tok-2"));
        assertEquals(1, calls.get());
        clock.advance(Duration.ofSeconds(11));
        a.authenticate(Credentials.bearer("tok-2"));
        assertEquals(2, calls.get());
    }

    @Test
    void serverErrorsSlownessAndGarbageFailClosedAndAreNotCached() {
        TokenReviewAuthenticator a = tokenReviews(caFile);
        body.set("{}");
        status.set(500);
        for (int i = 0; i < 2; i++) {
            String reason = failure(a, "t");
            assertTrue(reason.contains("HTTP 500"), reason);
        }
        assertEquals(2, calls.get(), "errors are not cached");
        status.set(200);
        body.set("not json");
        assertTrue(failure(a, "t").contains("not JSON"));
        body.set("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"status\":{\"authenticated\":true}}");
        assertTrue(failure(a, "t").contains("status.user is missing"));
        body.set("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"status\":{\"authenticated\":\"yes\"}}");
        assertTrue(failure(a, "t").contains("must be true or false"));
        delayMillis.set(SLOW_MILLIS);
        TokenReviewAuthenticator impatient = tokenReviews(caFile, SHORT_TIMEOUT);
        String slow = failure(impatient, "slow");
        assertTrue(slow.contains("timed out"), slow);
        AuthenticationResult r = new AuthenticatorChain(List.of(impatient), true).authenticate(Credentials.bearer("slow"));
        assertFalse(r.authenticated(), "a failing webhook never yields anonymous either");
    }

    @Test
    void untrustedServerCertificateFails() {
        body.set("{}");
        String reason = failure(tokenReviews(otherCaFile), "t");
        assertTrue(reason.contains("TLS") || reason.contains("unreachable"), reason);
        assertEquals(0, received.size(), "no review (and so no token) reached an untrusted server");
    }

    @Test
    void tokenIsNeverInAFailure() {
        status.set(503);
        body.set("{}");
        assertFalse(failure(tokenReviews(caFile), "very-secret-token").contains("very-secret-token"));
    }

    private static String failure(TokenReviewAuthenticator a, String token) {
        return assertInstanceOf(AuthnAttempt.Failure.class, a.authenticate(Credentials.bearer(token))).reason();
    }

    private SubjectAccessReviewAuthorizer sar(FailurePolicy policy) {
        return sar(policy, TIMEOUT);
    }

    private SubjectAccessReviewAuthorizer sar(FailurePolicy policy, Duration timeout) {
        return new SubjectAccessReviewAuthorizer("Webhook", client(caFile, timeout), Duration.ofMinutes(5),
                Duration.ofSeconds(30), policy, clock);
    }

    private static final RequestAttributes GET_PODS = RequestAttributes.resource(
            new UserInfo("jane", "u1", List.of("dev"), Map.of("scopes", List.of("openid"))), "get", "prod", "", "pods", "log", "web-0");

    @Test
    void sarAllowDenyAndNoOpinionWithSeparateTtls() {
        SubjectAccessReviewAuthorizer a = sar(FailurePolicy.DENY);
        body.set("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"status\":{\"allowed\":true,\"reason\":\"ok by policy\"}}");
        Decision allow = a.authorize(GET_PODS);
        assertEquals(Verdict.ALLOW, allow.verdict());
        assertEquals("ok by policy", allow.reasons().get(0).message());
        JsonNode sent = received.get(0);
        assertEquals("pods", sent.at("/spec/resourceAttributes/resource").asText());
        assertEquals("log", sent.at("/spec/resourceAttributes/subresource").asText());
        assertEquals("dev", sent.at("/spec/groups/0").asText());
        assertEquals("openid", sent.at("/spec/extra/scopes/0").asText());
        clock.advance(Duration.ofMinutes(4));
        a.authorize(GET_PODS);
        assertEquals(1, calls.get(), "allow cached for 5 minutes");

        RequestAttributes other = RequestAttributes.nonResource(GET_PODS.user(), "get", "/metrics");
        body.set("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"status\":{\"allowed\":false,\"denied\":true,\"reason\":\"no metrics\"}}");
        assertEquals(Verdict.DENY, a.authorize(other).verdict());
        assertEquals("/metrics", received.get(1).at("/spec/nonResourceAttributes/path").asText());
        clock.advance(Duration.ofSeconds(31));
        body.set("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"status\":{\"allowed\":false}}");
        assertEquals(Verdict.NO_OPINION, a.authorize(other).verdict(), "deny TTL over: asked again");
        assertEquals(3, calls.get());
    }

    @Test
    void sarFailurePolicyDeniesOrPassesButNeverAllows() {
        status.set(500);
        body.set("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"status\":{\"allowed\":true}}");
        Decision deny = sar(FailurePolicy.DENY).authorize(GET_PODS);
        assertEquals(Verdict.DENY, deny.verdict());
        assertTrue(deny.errorText().contains("HTTP 500"), deny.errorText());
        Decision pass = sar(FailurePolicy.NO_OPINION).authorize(GET_PODS);
        assertEquals(Verdict.NO_OPINION, pass.verdict());
        assertFalse(pass.errors().isEmpty());
        status.set(200);
        body.set("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"status\":{\"allowed\":\"true\"}}");
        assertFalse(sar(FailurePolicy.NO_OPINION).authorize(GET_PODS).allowed(), "a non-boolean allowed is a failure");
        body.set("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"status\":{\"allowed\":true,\"denied\":true}}");
        assertFalse(sar(FailurePolicy.NO_OPINION).authorize(GET_PODS).allowed());
        delayMillis.set(SLOW_MILLIS);
        body.set("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"status\":{\"allowed\":true}}");
        Decision slow = sar(FailurePolicy.NO_OPINION, SHORT_TIMEOUT).authorize(GET_PODS);
        assertFalse(slow.allowed());
        assertTrue(slow.errorText().contains("timed out"), slow.errorText());
    }

    @Test
    void tokenReviewWireExamplesRoundTrip() throws Exception {
        JsonNode request = JSON.readTree(conformance("docs-authentication_tokenreview-v1_request.json"));
        assertEquals("014fbff9a07c...", TokenReviews.token(request));
        assertEquals(List.of("https://myserver.example.com", "https://myserver.internal.example.com"), TokenReviews.audiences(request));
        JsonNode v1beta1 = JSON.readTree(conformance("docs-authentication_tokenreview-v1beta1_response_success.json"));
        TokenReviews.Status s = TokenReviews.status(v1beta1);
        assertTrue(s.authenticated());
        AuthenticationResult result = new AuthenticationResult(true, s.user(), AuthenticationMethod.WEBHOOK, "Webhook", List.of());
        JsonNode written = TokenReviews.withStatus(TokenReviews.request("x", List.of()), result, s.audiences());
        JsonNode expected = JSON.readTree(conformance("docs-authentication_tokenreview-v1_response_success.json")).get("status");
        assertEquals(expected, written.get("status"));
        JsonNode error = JSON.readTree(conformance("docs-authentication_tokenreview-v1_response_error.json"));
        assertFalse(TokenReviews.status(error).authenticated());
        assertEquals("Credentials are expired", TokenReviews.status(error).error());
    }

    /** A clock the tests move forward to expire cache entries. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void d10_aStatusReplyIsNotAnAnswer_failClosed() {
        body.set("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":{\"allowed\":true}}");
        Decision d = sar(FailurePolicy.NO_OPINION, TIMEOUT).authorize(GET_PODS);
        assertFalse(d.allowed(), d.toString());
        assertTrue(d.errorText().contains("not a SubjectAccessReview"), d.errorText());
        body.set("{\"status\":{\"allowed\":true}}");
        assertFalse(sar(FailurePolicy.NO_OPINION, TIMEOUT).authorize(GET_PODS).allowed(), "no kind at all");
        body.set("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"status\":{\"allowed\":true}}");
        assertFalse(sar(FailurePolicy.NO_OPINION, TIMEOUT).authorize(GET_PODS).allowed(), "another review kind");
    }

    @Test
    void d10_aBodyOverOneMiB_failsAtTheLimit() {
        String pad = "a".repeat((1 << 20) + 1);
        body.set("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"status\":{\"allowed\":true},\"pad\":\"" + pad + "\"}");
        Decision d = sar(FailurePolicy.NO_OPINION, TIMEOUT).authorize(GET_PODS);
        assertFalse(d.allowed(), d.toString());
        assertTrue(d.errorText().contains("larger than 1048576 bytes"), d.errorText());
    }

    @Test
    void d10_headersThenAStall_failsAtTheTimeout() {
        body.set("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\",\"status\":{\"allowed\":true}}");
        stallAfterHeadersMillis.set(SLOW_MILLIS * 4);
        long start = System.nanoTime();
        Decision d = sar(FailurePolicy.NO_OPINION, SHORT_TIMEOUT).authorize(GET_PODS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(d.allowed(), d.toString());
        assertTrue(d.errorText().contains("timed out"), d.errorText());
        // the stall lasts 10 s; the deadline (0.8 s) must end the wait, with room for a slow machine
        assertTrue(millis < SLOW_MILLIS * 2, "waited " + millis + " ms");
    }
}
