package dev.palisade.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.engine.PolicyEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A server on 127.0.0.1 (free port) with a test CA's certificate, and an HTTPS client trusting it.
 * The example configuration of the project (DSL policies + RBAC), a token file, a mutating and a
 * validating admission rule and PodSecurity restricted.
 */
public final class TestServer implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    public final TestPki.Issued ca;
    public final Path dir;
    public final Path cert;
    public final Path key;
    public final PalisadeServer server;
    public final HttpClient client;
    public final List<String> logs = java.util.Collections.synchronizedList(new ArrayList<>());

    private TestServer(Path dir, TestPki.Issued ca, Consumer<PalisadeServer.Builder> tune, EngineSource engines) throws Exception {
        this.dir = dir;
        this.ca = ca;
        TestPki.Issued serverCert = TestPki.server(ca, TestPki.rsa());
        this.cert = dir.resolve("tls.crt");
        this.key = dir.resolve("tls.key");
        TestPki.writeCert(cert, serverCert.certificate());
        TestPki.writeTraditional(key, serverCert.keys().getPrivate());
        PalisadeServer.Builder b = PalisadeServer.builder().bindAddress("127.0.0.1").securePort(0).tls(cert, key)
                .engines(engines).log(logs::add);
        tune.accept(b);
        this.server = b.start();
        this.client = TestPki.httpClient(ca, null);
    }

    public static TestServer start(Path dir) throws Exception {
        return start(dir, b -> {});
    }

    public static TestServer start(Path dir, Consumer<PalisadeServer.Builder> tune) throws Exception {
        return new TestServer(dir, TestPki.ca("palisade-test-ca"), tune, new FixedEngineSource(exampleEngine(dir)));
    }

    public static TestServer start(Path dir, EngineSource engines, Consumer<PalisadeServer.Builder> tune) throws Exception {
        return new TestServer(dir, TestPki.ca("palisade-test-ca"), tune, engines);
    }

    /** The engine of the project's example configuration plus authentication and admission. */
    public static PolicyEngine exampleEngine(Path dir) throws Exception {
        Path examples = projectRoot().resolve("examples");
        Files.writeString(dir.resolve("tokens.csv"), "secret-token-alice,alice,1001,\"dev,support\"\n");
        Files.writeString(dir.resolve("rules.pal"), """
                mutate "default-non-root" on CREATE pods
                  when object.spec.securityContext.runAsNonRoot is absent
                  set object.spec.securityContext.runAsNonRoot = true
                validate "no-latest" on CREATE pods
                  for each c in object.spec.containers
                  deny when c.image == "nginx:latest"
                  because "container {c.name} must pin its image"
                """);
        Files.writeString(dir.resolve("palisade.yaml"), """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                authentication:
                  authenticators:
                    - type: TokenFile
                      file: tokens.csv
                authorization:
                  authorizers:
                    - type: Policy
                      name: cluster-policy
                      paths: [%s]
                    - type: RBAC
                      paths: [%s]
                admission:
                  plugins:
                    - type: Policy
                      name: rules
                      paths: [rules.pal]
                """.formatted(examples.resolve("policies"), examples.resolve("rbac")));
        return PolicyEngine.fromConfig(dir.resolve("palisade.yaml"));
    }

    public static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("examples")) && Files.isDirectory(p.resolve("server"))) {
                return p;
            }
        }
        throw new IllegalStateException("project root not found from " + Path.of("").toAbsolutePath());
    }

    public URI uri(String path) {
        return URI.create("https://localhost:" + server.securePort() + path);
    }

    public java.net.http.HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return send(client, path, contentType, body);
    }

    public java.net.http.HttpResponse<String> send(HttpClient c, String path, String contentType, String body) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .POST(BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return c.send(b.build(), BodyHandlers.ofString());
    }

    public java.net.http.HttpResponse<String> get(String path) throws Exception {
        return client.send(java.net.http.HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build(),
                BodyHandlers.ofString());
    }

    public static JsonNode json(java.net.http.HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Override
    public void close() {
        server.close();
    }
}
