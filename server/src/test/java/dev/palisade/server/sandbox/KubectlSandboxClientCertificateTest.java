package dev.palisade.server.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.server.FixedEngineSource;
import dev.palisade.server.TestPki;
import dev.palisade.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl authenticated by a client certificate (the server started with a client CA,
 * the engine with an X509 authenticator of the same CA): whoami names the certificate's CN.
 * Skipped with a message when kubectl is absent; under CI=true its absence fails the test.
 */
class KubectlSandboxClientCertificateTest {
    private static final Path KUBECTL = Path.of("/usr/bin/kubectl");

    @TempDir
    Path dir;

    @Test
    void whoamiNamesTheCertificateSubject() throws Exception {
        if (!Files.isExecutable(KUBECTL)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("kubectl is required under CI=true (.ci/run installs it with apt-get install kubectl)");
            }
            assumeTrue(false, "kubectl is not installed at " + KUBECTL + "; the kubectl sandbox tests are skipped");
        }
        TestPki.Issued clientCa = TestPki.ca("palisade-clients");
        Path clientCaFile = dir.resolve("clients-ca.crt");
        TestPki.writeCert(clientCaFile, clientCa.certificate());
        Files.writeString(dir.resolve("palisade.yaml"), """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                authentication:
                  authenticators:
                    - type: X509
                      clientCAFile: %s
                authorization:
                  authorizers:
                    - type: AlwaysDeny
                """.formatted(clientCaFile));
        FixedEngineSource engines = new FixedEngineSource(PolicyEngine.fromConfig(dir.resolve("palisade.yaml")));
        try (TestServer server = TestServer.start(dir, engines,
                b -> b.clientCaFile(clientCaFile).fallback(new KubectlSandbox(engines)))) {
            TestPki.Issued dave = TestPki.client(clientCa, "dave");
            Path crt = dir.resolve("dave.crt");
            Path key = dir.resolve("dave.key");
            Path serverCa = dir.resolve("server-ca.crt");
            TestPki.writeCert(crt, dave.certificate());
            TestPki.writeTraditional(key, dave.keys().getPrivate());
            TestPki.writeCert(serverCa, server.ca.certificate());
            Files.writeString(dir.resolve("kubeconfig"), """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: sandbox
                      cluster: {server: "https://127.0.0.1:%d", certificate-authority-data: %s}
                    users:
                    - name: dave
                      user: {client-certificate-data: %s, client-key-data: %s}
                    contexts:
                    - name: sandbox
                      context: {cluster: sandbox, user: dave}
                    current-context: sandbox
                    """.formatted(server.server.securePort(), b64(serverCa), b64(crt), b64(key)));
            ProcessBuilder pb = new ProcessBuilder(List.of(KUBECTL.toString(), "--kubeconfig", dir.resolve("kubeconfig").toString(),
                    "--cache-dir", dir.resolve("cache").toString(), "--request-timeout", "20s", "auth", "whoami"));
            pb.environment().put("HOME", dir.toString());
            pb.redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("kubectl auth whoami did not finish within 60 s");
            }
            String out = Files.readString(dir.resolve("out.txt"));
            System.out.println("$ kubectl auth whoami  (client certificate CN=dave)\n" + out);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.matches("(?s)ATTRIBUTE\\s+VALUE\\s+Username\\s+dave\\s+Groups\\s+\\[system:authenticated\\].*"), out);
        }
    }

    private static String b64(Path file) throws Exception {
        return Base64.getEncoder().encodeToString(Files.readString(file).getBytes(StandardCharsets.US_ASCII));
    }
}
