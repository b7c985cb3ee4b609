package dev.palisade.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionReason;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.request.UserInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** palisade.yaml instantiates one parameterised policy twice, with values and a match each (issue 14 item 4). */
class PolicyInstancesConfigTest {
    @TempDir
    Path dir;

    private static final String POLICY = """
            package registries
            param allowed: list of string
            validate "allowed-registries" on CREATE, UPDATE pods
              for each c in object.spec.containers
              when not (lower(c.image) matches params.allowed)
              because "{c.name}: image {c.image} is from none of {params.allowed}"
            """;

    private Path config(String instances) throws IOException {
        Files.writeString(dir.resolve("registries.pal"), POLICY);
        Path config = dir.resolve("palisade.yaml");
        Files.writeString(config, """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                admission:
                  plugins:
                    - type: Policy
                      name: registries
                      paths: [registries.pal]
                      instances:
                """ + instances);
        return config;
    }

    private static AdmissionDecision admit(PolicyEngine engine, String namespace, String image, String team) {
        return engine.admit(AdmissionRequest.builder().operation("CREATE").resource("pods").namespace(namespace)
                .user(UserInfo.of("alice")).objectJson("{\"metadata\": {\"name\": \"p\", \"labels\": {\"team\": \"" + team + "\"}},"
                        + " \"spec\": {\"containers\": [{\"name\": \"app\", \"image\": \"" + image + "\"}]}}").build());
    }

    @Test
    void twoInstances_eachWithItsValuesAndMatch() throws IOException {
        Path config = config("""
                        - name: prod
                          params: {allowed: ["registry.example.com/*"]}
                          match: {namespaces: [prod], operations: [CREATE]}
                        - name: teams
                          params: {allowed: ["registry.example.com/*", "docker.io/library/*"]}
                          match: {excludedNamespaces: [prod, kube-system], labels: {team: payments}}
                """);
        try (PolicyEngine engine = PolicyEngine.fromConfig(config)) {
            AdmissionDecision prod = admit(engine, "prod", "docker.io/library/nginx", "payments");
            assertEquals(false, prod.allowed());
            assertEquals(List.of("registries/allowed-registries@prod"), prod.denials().stream().map(AdmissionReason::ruleId).toList());
            assertTrue(prod.message().contains("image docker.io/library/nginx is from none of registry.example.com/*"), prod.message());
            assertEquals(true, admit(engine, "dev", "docker.io/library/nginx", "payments").allowed());
            AdmissionDecision other = admit(engine, "dev", "quay.io/x", "payments");
            assertEquals(List.of("registries/allowed-registries@teams"), other.denials().stream().map(AdmissionReason::ruleId).toList());
            assertEquals(true, admit(engine, "dev", "quay.io/x", "search").allowed(), "the label match leaves other teams alone");
        }
    }

    @Test
    void aDuplicateInstanceName_isAConfigError() throws IOException {
        Path config = config("""
                        - name: prod
                          params: {allowed: ["registry.example.com/*"]}
                        - name: prod
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> PolicyEngine.fromConfig(config));
        assertEquals(List.of(config + ":11:17: instance \"prod\" is defined twice"), e.problems());
    }

    @Test
    void valuesThatDoNotFitTheParameters_areErrorsWithTheirPlace() throws IOException {
        Path config = config("""
                        - name: prod
                          params: {allowed: "registry.example.com/*", alowed: []}
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> PolicyEngine.fromConfig(config));
        assertEquals(List.of(config + ":10:63: instance \"prod\" gives parameter \"alowed\", which no policy of the plugin declares (declared: allowed)",
                config + ":10:29: parameter \"allowed\" of instance \"prod\" must be list of string, got a string"), e.problems());
    }
}
