package dev.palisade.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authentication section, ABAC and Webhook authorizers: shape, defaults, and file:line:col errors. */
class AuthenticationConfigReaderTest {
    @TempDir
    Path dir;

    private Path config(String body) throws IOException {
        Files.writeString(dir.resolve("tokens.csv"), "t,u,1\n");
        Files.writeString(dir.resolve("abac.jsonl"), "{\"user\":\"u\"}\n");
        Files.writeString(dir.resolve("ca.pem"), "x");
        Path f = dir.resolve("palisade.yaml");
        Files.writeString(f, "apiVersion: palisade.dev/v1alpha1\nkind: Configuration\n" + body);
        return f;
    }

    @Test
    void fullShapeIsRead() throws IOException {
        Configuration c = ConfigLoader.load(config("""
                authentication:
                  anonymous: {enabled: true}
                  authenticators:
                    - type: TokenFile
                      file: tokens.csv
                    - type: ServiceAccount
                      issuers: [https://kubernetes.default.svc]
                      keyFiles: [ca.pem]
                      acceptLegacyTokens: false
                    - type: Webhook
                      name: corp
                      webhook: {url: "https://127.0.0.1:8443/authn", caFile: ca.pem, timeout: 3s, cacheTTL: 1m30s}
                authorization:
                  authorizers:
                    - type: ABAC
                      policyFile: abac.jsonl
                    - type: Webhook
                      webhook: {url: "https://authz.example/sar", failurePolicy: NoOpinion, authorizedTTL: 1m}
                """));
        AuthenticationConfig a = c.authentication();
        assertTrue(a.anonymousEnabled());
        assertEquals(3, a.authenticators().size());
        assertEquals(dir.resolve("tokens.csv").normalize(), a.authenticators().get(0).file());
        assertEquals(false, a.authenticators().get(1).acceptLegacyTokens());
        AuthenticationConfig.Webhook w = a.authenticators().get(2).webhook();
        assertEquals(Duration.ofSeconds(3), w.timeout());
        assertEquals(Duration.ofSeconds(90), w.positiveTTL());
        assertEquals(Duration.ofSeconds(30), w.negativeTTL());
        assertEquals(AuthorizerType.ABAC, c.authorizers().get(0).type());
        assertEquals(dir.resolve("abac.jsonl").normalize(), c.authorizers().get(0).policyFile());
        AuthenticationConfig.Webhook sar = c.authorizers().get(1).webhook();
        assertEquals("NoOpinion", sar.failurePolicy());
        assertEquals(Duration.ofMinutes(1), sar.positiveTTL());
        assertEquals(Duration.ofSeconds(10), sar.timeout());
    }

    @Test
    void everyProblemIsNamedWithItsPlace() throws IOException {
        Path f = config("""
                authentication:
                  anonymous: {enabled: maybe}
                  authenticators:
                    - type: TokenFile
                      file: missing.csv
                    - type: Kerberos
                    - type: X509
                      clientCA: ca.pem
                    - type: Webhook
                      webhook: {url: "http://plain.example", timeout: soon, failurePolicy: Allow}
                authorization:
                  authorizers:
                    - type: ABAC
                    - type: Webhook
                      webhook: {url: "https://x.example", failurePolicy: Allow}
                    - type: RBAC
                      paths: [tokens.csv]
                      policyFile: abac.jsonl
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        List<String> p = e.problems();
        String all = String.join("\n", p);
        assertTrue(all.contains(f + ":4:24: \"enabled\" must be true or false"), all);
        assertTrue(all.contains(f + ":7:13: file \"missing.csv\" is not a file"), all);
        assertTrue(all.contains(f + ":8:13: unknown authenticator type \"Kerberos\""), all);
        assertTrue(all.contains(f + ":10:7: unknown field \"clientCA\" in X509 authenticator"), all);
        assertTrue(all.contains(f + ":9:7: missing field \"clientCAFile\""), all);
        assertTrue(all.contains("webhook url must be an https:// URL"), all);
        assertTrue(all.contains("\"timeout\" is not a duration like 10s"), all);
        assertTrue(all.contains("failurePolicy must be Deny or NoOpinion"), all);
        assertTrue(all.contains(f + ":15:7: authorizer of type ABAC needs \"policyFile\""), all);
        assertTrue(all.contains(":20:7: unknown field \"policyFile\" in authorizer (known: failurePolicy, name, paths, type)"), all);
    }

    @Test
    void badCredentialFileFailsTheEngineBuildNamingTheLine() throws IOException {
        Path f = config("""
                authentication:
                  authenticators:
                    - type: TokenFile
                      file: tokens.csv
                authorization:
                  authorizers:
                    - type: ABAC
                      policyFile: abac.jsonl
                """);
        Files.writeString(dir.resolve("tokens.csv"), "ok,u,1\nsecret-value,only-two\n");
        Files.writeString(dir.resolve("abac.jsonl"), "{\"user\":\"u\",\"namspace\":\"x\"}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> dev.palisade.engine.PolicyEngine.fromConfig(f));
        String all = e.getMessage();
        assertTrue(all.contains("tokens.csv:2: needs at least 3 columns"), all);
        assertTrue(all.contains("abac.jsonl:1: unknown field \"namspace\""), all);
        assertTrue(!all.contains("secret-value"), all);
    }
}
