package dev.palisade.engine.webhook;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.palisade.engine.authn.TestPki;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.FailurePolicy;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Webhook replies from a server that misbehaves: a valid SubjectAccessReview answer mutated
 * (wrong kinds and versions, wrong types of {@code allowed}/{@code denied}, missing status,
 * non-objects, truncation, invalid bytes, HTTP errors) over real HTTPS. The authorizer must never
 * throw, and must ALLOW only when the reply is a well-formed SubjectAccessReview of
 * authorization.k8s.io whose {@code status.allowed} is {@code true} and {@code denied} is not.
 */
class WebhookReplyFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicReference<byte[]> reply = new AtomicReference<>(new byte[0]);
    private static final AtomicInteger status = new AtomicInteger(200);
    private static final AtomicInteger tried = new AtomicInteger();
    private static final AtomicInteger allowed = new AtomicInteger();
    private static HttpsServer server;
    private static Path caFile;
    /** One client for every try, as an authorizer has: a fresh TLS handshake per try would dominate the run. */
    private static WebhookClient client;

    private static final String VALID = "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SubjectAccessReview\","
            + "\"status\":{\"allowed\":true,\"reason\":\"ok\"}}";
    private static final List<String> VALUES = List.of("true", "false", "\"true\"", "1", "0", "null", "[]", "{}",
            "\"yes\"", "\"SubjectAccessReview\"", "\"Status\"", "\"authorization.k8s.io/v1beta1\"", "\"v1\"", "1e400");

    @BeforeContainer
    static void start() throws IOException {
        TestPki.Issued ca = TestPki.ca("fuzz-ca");
        TestPki.Issued cert = TestPki.server(ca);
        caFile = Files.createTempFile("webhook-fuzz-ca", ".pem");
        Files.writeString(caFile, ca.pem());
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestPki.serverContext(cert)));
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] out = reply.get();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.start();
        URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/authorize");
        client = new WebhookClient(new WebhookEndpoint(url, caFile, Duration.ofSeconds(5)));
    }

    @AfterContainer
    static void stop() throws IOException {
        server.stop(0);
        Files.deleteIfExists(caFile);
        System.out.printf("webhook reply fuzz: %,d replies tried, %,d allowed (each a well-formed allow), 0 exceptions%n",
                tried.get(), allowed.get());
    }

    /** 200 tries: each is a real HTTPS exchange with the JDK's test server (~20-40 ms), so -Pfuzz does not raise it. */
    @Property(tries = 200)
    void aSubjectAccessReviewReply_allowsOnlyWhenWellFormedAndAllowed(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] body = mutate(r);
        int code = r.nextInt(10) == 0 ? List.of(500, 403, 301, 204, 201).get(r.nextInt(5)) : 200;
        reply.set(body);
        status.set(code);
        SubjectAccessReviewAuthorizer webhook = new SubjectAccessReviewAuthorizer("Webhook", client, Duration.ofMinutes(5),
                Duration.ofSeconds(30), r.nextBoolean() ? FailurePolicy.DENY : FailurePolicy.NO_OPINION, Clock.systemUTC());
        RequestAttributes request = RequestAttributes.builder().user(UserInfo.of("fuzz", "dev")).verb("get")
                .resource("pods").namespace("ns").build();

        Decision d = webhook.authorize(request); // must not throw
        tried.incrementAndGet();
        assertNotNull(d);
        if (d.verdict() == Verdict.ALLOW) {
            allowed.incrementAndGet();
        }
        if (!(code / 100 == 2 && wellFormedAllow(body))) {
            assertNotEquals(Verdict.ALLOW, d.verdict(), () -> "allowed on HTTP " + code + ": " + new String(body));
        }
    }

    /** The oracle, written independently of the authorizer. */
    private static boolean wellFormedAllow(byte[] body) {
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (IOException e) {
            return false;
        }
        return n != null && n.isObject()
                && n.path("kind").isTextual() && n.path("kind").textValue().equals("SubjectAccessReview")
                && n.path("apiVersion").isTextual() && n.path("apiVersion").textValue().startsWith("authorization.k8s.io/")
                && n.path("status").path("allowed").isBoolean() && n.path("status").path("allowed").booleanValue()
                && !(n.path("status").has("denied") && n.path("status").path("denied").asBoolean(false));
    }

    private static byte[] mutate(Random r) {
        String text = VALID;
        int mutations = r.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            switch (r.nextInt(9)) {
                case 0 -> text = text.replace("true", VALUES.get(r.nextInt(VALUES.size())));
                case 1 -> text = text.replace("\"SubjectAccessReview\"", VALUES.get(r.nextInt(VALUES.size())));
                case 2 -> text = text.replace("\"authorization.k8s.io/v1\"", VALUES.get(r.nextInt(VALUES.size())));
                case 3 -> text = text.replace("\"reason\":\"ok\"", "\"denied\":" + VALUES.get(r.nextInt(VALUES.size())));
                case 4 -> text = text.substring(0, r.nextInt(text.length() + 1));
                case 5 -> text = text.replace("\"status\"", r.nextBoolean() ? "\"Status\"" : "\"spec\"");
                case 6 -> text = r.nextBoolean() ? "[" + text + "]" : "{\"kind\":\"Status\",\"status\":{\"allowed\":true}}";
                case 7 -> text = text.replace("{\"allowed\"", "{\"allowed\":false,\"allowed\"");
                default -> {
                    int at = r.nextInt(text.length() + 1);
                    text = text.substring(0, at) + (char) r.nextInt(0x80) + text.substring(at);
                }
            }
        }
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (r.nextInt(15) == 0 && bytes.length > 0) {
            bytes[r.nextInt(bytes.length)] = (byte) (0x80 | r.nextInt(0x80)); // invalid UTF-8
        }
        return bytes;
    }
}
