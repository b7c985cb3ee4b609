package dev.palisade.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS on the webhook endpoints, and certificate rotation without a restart. */
class TlsTest {
    @TempDir
    Path dir;

    static final String SAR_BODY = """
            {"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview",
             "spec":{"user":"alice@example.com","resourceAttributes":{"verb":"list","resource":"pods","namespace":"payments"}}}""";
    static final String SAR = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

    @Test
    void mutualTls_clientSignedByTheClientCa_isAnswered() throws Exception {
        TestPki.Issued clientCa = TestPki.ca("client-ca");
        TestPki.writeCert(dir.resolve("client-ca.crt"), clientCa.certificate());
        try (TestServer s = TestServer.start(dir, b -> b.clientCaFile(dir.resolve("client-ca.crt")))) {
            HttpClient withCert = TestPki.httpClient(s.ca, TestPki.client(clientCa, "kube-apiserver"));
            var r = s.send(withCert, SAR, "application/json", SAR_BODY);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"allowed\":true"), r.body());
        }
    }

    @Test
    void mutualTls_noClientCertificate_webhookRefused_healthOpen() throws Exception {
        TestPki.Issued clientCa = TestPki.ca("client-ca");
        TestPki.writeCert(dir.resolve("client-ca.crt"), clientCa.certificate());
        try (TestServer s = TestServer.start(dir, b -> b.clientCaFile(dir.resolve("client-ca.crt")))) {
            var r = s.post(SAR, "application/json", SAR_BODY);
            WebhookEndpointsTest.assertStatus(r, 401, "Unauthorized", "client certificate");
            assertEquals(200, s.get("/healthz").statusCode());
        }
    }

    @Test
    void mutualTls_clientSignedByAnotherCa_isRefused() throws Exception {
        TestPki.Issued clientCa = TestPki.ca("client-ca");
        TestPki.writeCert(dir.resolve("client-ca.crt"), clientCa.certificate());
        try (TestServer s = TestServer.start(dir, b -> b.clientCaFile(dir.resolve("client-ca.crt")))) {
            HttpClient stranger = TestPki.httpClient(s.ca, TestPki.client(TestPki.ca("other-ca"), "mallory"));
            // the JDK client offers only a certificate from an issuer the server names, so it either
            // presents none (401) or the handshake fails; never an answer
            try {
                WebhookEndpointsTest.assertStatus(s.send(stranger, SAR, "application/json", SAR_BODY), 401,
                        "Unauthorized", "client certificate");
            } catch (IOException handshakeRefused) {
                // refused at the TLS layer
            }
            // the server goes on
            assertEquals(200, s.get("/healthz").statusCode());
        }
    }

    @Test
    void http2_negotiatedByAlpn_answersTheWebhook_withTheClientCertificateOfTheConnection() throws Exception {
        TestPki.Issued clientCa = TestPki.ca("client-ca");
        TestPki.writeCert(dir.resolve("client-ca.crt"), clientCa.certificate());
        try (TestServer s = TestServer.start(dir, b -> b.clientCaFile(dir.resolve("client-ca.crt")))) {
            HttpClient h2 = TestPki.httpClient(s.ca, TestPki.client(clientCa, "kube-apiserver"), HttpClient.Version.HTTP_2);
            for (int i = 0; i < 3; i++) {
                var r = s.send(h2, SAR, "application/json", SAR_BODY);
                assertEquals(HttpClient.Version.HTTP_2, r.version());
                assertEquals(200, r.statusCode(), r.body());
                assertTrue(r.body().contains("\"allowed\":true"), r.body());
            }
            HttpClient h2NoCert = TestPki.httpClient(s.ca, null, HttpClient.Version.HTTP_2);
            var refused = s.send(h2NoCert, SAR, "application/json", SAR_BODY);
            assertEquals(HttpClient.Version.HTTP_2, refused.version());
            WebhookEndpointsTest.assertStatus(refused, 401, "Unauthorized", "client certificate");
            String big = "{\"x\":\"" + "a".repeat(PalisadeServer.MAX_BODY_BYTES) + "\"}";
            WebhookEndpointsTest.assertStatus(s.send(h2, SAR, "application/json", big), 413, "RequestEntityTooLarge", "limit");
        }
    }

    @Test
    void rotatedCertificateIsServedWithoutRestart_brokenOneKeepsTheOld() throws Exception {
        try (TestServer s = TestServer.start(dir)) {
            BigInteger first = servedSerial(s);
            TestPki.Issued next = TestPki.server(s.ca, TestPki.ec());
            // a broken rotation first: a key that does not parse
            Files.writeString(s.key, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
            waitForLog(s, "keeping the previous certificate");
            assertEquals(first, servedSerial(s));
            // then a new certificate with a key that is not its own
            s.logs.clear();
            TestPki.writeCert(s.cert, next.certificate());
            TestPki.writePkcs8(s.key, TestPki.ec().getPrivate());
            waitForLog(s, "does not belong to the certificate");
            assertEquals(first, servedSerial(s));
            // then a good one (cert-manager writes both files)
            TestPki.writeCert(s.cert, next.certificate());
            TestPki.writePkcs8(s.key, next.keys().getPrivate());
            long deadline = System.nanoTime() + 10_000_000_000L;
            BigInteger served = first;
            while (System.nanoTime() < deadline && !served.equals(next.certificate().getSerialNumber())) {
                Thread.sleep(100);
                served = servedSerial(s);
            }
            assertEquals(next.certificate().getSerialNumber(), served, "rotated certificate not served within 10 s");
            assertEquals(200, s.get("/healthz").statusCode());
        }
    }

    private static void waitForLog(TestServer s, String text) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (s.logs.stream().anyMatch(l -> l.contains(text))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no log line with \"" + text + "\" within 10 s: " + s.logs);
    }

    /** The serial of the certificate a fresh TLS connection is shown. */
    private static BigInteger servedSerial(TestServer s) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {}
            public void checkServerTrusted(X509Certificate[] c, String a) {}
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", s.server.securePort())) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }
}
