package dev.palisade.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationWatchedPathsTest {
    @TempDir
    Path dir;

    @Test
    void watchedPaths_listEveryReferencedFileAndFolderOnceConfigFirst() throws IOException {
        for (String folder : List.of("policies", "rbac", "authn-policies", "admission")) {
            Files.createDirectories(dir.resolve(folder));
        }
        for (String file : List.of("abac.jsonl", "tokens.csv", "basic.csv", "ca.pem", "sa.pub", "webhook-ca.pem", "crd.yaml")) {
            Files.writeString(dir.resolve(file), "");
        }
        Path config = dir.resolve("palisade.yaml");
        Files.writeString(config, """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                authentication:
                  authenticators:
                    - type: TokenFile
                      file: tokens.csv
                    - type: BasicAuthFile
                      file: basic.csv
                    - type: X509
                      clientCAFile: ca.pem
                    - type: ServiceAccount
                      keyFiles: [sa.pub]
                    - type: Webhook
                      webhook: {url: "https://authn.example", caFile: webhook-ca.pem}
                  policies:
                    paths: [authn-policies/]
                authorization:
                  authorizers:
                    - type: Policy
                      paths: [policies/, rbac/]
                    - type: RBAC
                      paths: [rbac/]
                    - type: ABAC
                      policyFile: abac.jsonl
                    - type: Webhook
                      webhook: {url: "https://authz.example", caFile: webhook-ca.pem}
                admission:
                  plugins:
                    - type: PodSecurity
                      level: restricted
                    - type: Policy
                      paths: [admission/]
                      schemas: [crd.yaml]
                """);

        List<Path> watched = ConfigLoader.load(config).watchedPaths();

        assertEquals(List.of("palisade.yaml", "policies", "rbac", "abac.jsonl", "webhook-ca.pem", "tokens.csv", "basic.csv",
                        "ca.pem", "sa.pub", "authn-policies", "admission", "crd.yaml"),
                watched.stream().map(p -> dir.relativize(p.toAbsolutePath().normalize()).toString()).toList());
    }

    @Test
    void watchedPaths_ofAChainWithoutFilesIsTheConfigurationAlone() {
        Path config = dir.resolve("palisade.yaml");
        Configuration c = new Configuration(config, List.of(new AuthorizerConfig(AuthorizerType.ALWAYS_DENY, "deny", List.of(), "x:1:1")));
        assertEquals(List.of(config), c.watchedPaths());
    }
}
