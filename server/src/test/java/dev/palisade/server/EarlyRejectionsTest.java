package dev.palisade.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers the transport gives before a request reaches a handler — a body over the limit (413),
 * a request line that is not HTTP (400) — are counted in /metrics and written to the access
 * log like every other answer, and so are the dispatcher's own 404 and 405.
 */
class EarlyRejectionsTest {
    @TempDir
    static Path dir;
    static TestServer s;
    static final ByteArrayOutputStream log = new ByteArrayOutputStream();
    static final AccessLog access = new AccessLog(log);

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start(dir, b -> b.accessLog(access));
    }

    @AfterAll
    static void stop() throws Exception {
        s.close();
    }

    private static List<String> accessLines() {
        access.flush();
        synchronized (log) {
            return log.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void oversizeBody_413_isCountedAndLogged() throws Exception {
        String big = "{\"x\":\"" + "a".repeat(PalisadeServer.MAX_BODY_BYTES) + "\"}";
        assertEquals(413, s.post(WebhookEndpointsTest.SAR, "application/json", big).statusCode());
        String metrics = s.get("/metrics").body();
        assertTrue(metrics.contains("palisade_http_requests_seconds_count{code=\"413\",endpoint=\"subjectaccessreview\",verdict=\"error\"} 1"),
                metrics);
        assertTrue(accessLines().stream().anyMatch(l -> l.contains("\"path\":\"/apis/authorization.k8s.io/v1/subjectaccessreviews\"")
                && l.contains("\"status\":413")), accessLines().toString());
    }

    @Test
    void unknownPathAndWrongMethod_areCountedAndLogged() throws Exception {
        assertEquals(404, s.get("/nowhere").statusCode());
        assertEquals(405, s.get(WebhookEndpointsTest.SAR).statusCode());
        String metrics = s.get("/metrics").body();
        assertTrue(metrics.contains("code=\"404\""), metrics);
        assertTrue(metrics.contains("code=\"405\""), metrics);
        assertTrue(accessLines().stream().anyMatch(l -> l.contains("\"path\":\"/nowhere\"") && l.contains("\"status\":404")));
    }

    @Test
    void malformedRequest_400_isCountedAndLogged() throws Exception {
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) s.client.sslContext().getSocketFactory()
                .createSocket("127.0.0.1", s.server.securePort())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 400", answer);
        }
        String metrics = s.get("/metrics").body();
        assertTrue(metrics.contains("code=\"400\""), metrics);
        assertTrue(accessLines().stream().anyMatch(l -> l.contains("\"path\":\"(malformed)\"") && l.contains("\"status\":400")),
                accessLines().toString());
    }
}
