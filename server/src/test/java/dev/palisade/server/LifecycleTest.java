package dev.palisade.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deadlines, failing handlers, the fallback, graceful shutdown, readiness. */
class LifecycleTest {
    @TempDir
    Path dir;

    @Test
    void gracefulShutdown_finishesTheRequestInFlight_thenRefusesNewConnections_andClosesTheEngine() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FixedEngineSource engines = new FixedEngineSource(TestServer.exampleEngine(dir));
        TestServer s = TestServer.start(dir, engines, b -> b.shutdownGrace(Duration.ofSeconds(10)).fallback(r -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return HttpResponse_text("slow done");
        }));
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return s.get("/slow");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the slow request never started");
        CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close);
        Thread.sleep(300);
        assertTrue(!closing.isDone(), "close did not wait for the request in flight");
        release.countDown();
        HttpResponse<String> r = slow.get(10, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        assertEquals("slow done", r.body());
        closing.get(10, TimeUnit.SECONDS);
        assertTrue(engines.engineClosed(), "the engine source was not closed");
        assertThrows(IOException.class, () -> s.get("/healthz"));
    }

    private static dev.palisade.server.HttpResponse HttpResponse_text(String body) {
        return dev.palisade.server.HttpResponse.text(200, body);
    }

    @Test
    void deadline_lateHandler_is504Status() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (TestServer s = TestServer.start(dir, b -> b.requestTimeout(Duration.ofMillis(300)).shutdownGrace(Duration.ZERO)
                .fallback(r -> {
                    never.await(5, TimeUnit.SECONDS);
                    return HttpResponse_text("too late");
                }))) {
            long start = System.nanoTime();
            WebhookEndpointsTest.assertStatus(s.get("/hang"), 504, "Timeout", "300 ms");
            assertTrue(System.nanoTime() - start < 4_000_000_000L, "deadline not enforced");
            never.countDown();
        }
    }

    @Test
    void handlerException_is500Status_withoutItsMessage() throws Exception {
        try (TestServer s = TestServer.start(dir, b -> b.fallback(r -> {
            throw new IllegalStateException("secret-detail");
        }))) {
            HttpResponse<String> r = s.get("/boom");
            WebhookEndpointsTest.assertStatus(r, 500, "InternalError", "internal error");
            assertTrue(!r.body().contains("secret-detail"), r.body());
            assertTrue(s.logs.stream().noneMatch(l -> l.contains("secret-detail")), s.logs.toString());
            assertEquals(200, s.get("/healthz").statusCode());
        }
    }

    @Test
    void fallbackAnswersUnroutedPaths_exactRoutesWin() throws Exception {
        try (TestServer s = TestServer.start(dir, b -> b.fallback(r -> HttpResponse_text("fallback " + r.path())))) {
            assertEquals("fallback /api/v1", s.get("/api/v1").body());
            assertEquals("ok", s.get("/healthz").body());
        }
    }

    @Test
    void pipelinedRequests_areAnsweredInOrder() throws Exception {
        try (TestServer s = TestServer.start(dir, b -> b.insecurePort(0).fallback(r -> {
            Thread.sleep(300);
            return HttpResponse_text("slow-answer");
        }))) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", s.server.insecurePort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                StringBuilder got = new StringBuilder();
                byte[] buf = new byte[4096];
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (System.nanoTime() < deadline && !(got.indexOf("slow-answer") >= 0 && got.toString().endsWith("ok"))) {
                    int n = socket.getInputStream().read(buf);
                    if (n < 0) {
                        break;
                    }
                    got.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII));
                }
                int slow = got.indexOf("slow-answer");
                int ok = got.lastIndexOf("\r\n\r\nok");
                assertTrue(slow >= 0 && ok > slow, "answers out of order or missing: " + got);
            }
        }
    }

    @Test
    void readyz_isNotReadyWithoutAnEngine() throws Exception {
        EngineSource notYet = new EngineSource() {
            public EngineLease acquire() {
                throw new IllegalStateException("not ready");
            }

            public boolean ready() {
                return false;
            }

            public long generation() {
                return 0;
            }

            public void close() {}
        };
        try (TestServer s = TestServer.start(dir, notYet, b -> {})) {
            assertEquals(503, s.get("/readyz").statusCode());
            assertEquals(200, s.get("/healthz").statusCode());
            WebhookEndpointsTest.assertStatus(s.post(WebhookEndpointsTest.SAR, "application/json", TlsTest.SAR_BODY), 503,
                    "ServiceUnavailable", "no policy");
            assertTrue(s.get("/metrics").body().contains("palisade_policy_generation 0.0"));
        }
    }
}
