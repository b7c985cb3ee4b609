package dev.palisade.server.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.admission.AdmissionTarget;
import dev.palisade.dsl.ast.AdmissionRule.Kind;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

class WebhookConfigPrinterTest {
    static final Path EXAMPLE = Path.of("..", "examples", "serve", "palisade.yaml");
    static final Path CA = Path.of("src", "test", "resources", "deploy", "test-ca.pem");
    static final Path GOLDEN = Path.of("src", "test", "resources", "deploy", "webhook-config.golden.yaml");
    static final URI URL = URI.create("https://palisade.palisade.svc:443/");

    static String printed() {
        return WebhookConfigPrinter.print(EXAMPLE, URL, CA, Duration.ofSeconds(3));
    }

    /** Run with -Dgolden.update=true to rewrite the golden file (then review the diff). */
    @Test
    void print_exampleConfig_matchesTheGoldenFile() throws IOException {
        String actual = printed();
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), actual,
                "golden file " + GOLDEN + " (run with -Dgolden.update=true to rewrite)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void print_parsesAsYamlWithTheFieldsTheApiserverReads() throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new LoaderOptions()).loadAll(printed())) {
            if (doc != null) {
                docs.add((Map<String, Object>) doc);
            }
        }
        assertEquals(List.of("Config", "Config", "AuthorizationConfiguration", "ValidatingWebhookConfiguration",
                "MutatingWebhookConfiguration"), docs.stream().map(d -> d.get("kind")).toList());
        String caData = Base64.getEncoder().encodeToString(Files.readAllBytes(CA));

        Map<String, Object> authz = cluster(docs.get(0));
        assertEquals("https://palisade.palisade.svc:443/apis/authorization.k8s.io/v1/subjectaccessreviews", authz.get("server"));
        assertEquals(caData, authz.get("certificate-authority-data"));
        assertEquals("https://palisade.palisade.svc:443/apis/authentication.k8s.io/v1/tokenreviews", cluster(docs.get(1)).get("server"));

        Map<String, Object> authzConfig = docs.get(2);
        assertEquals("apiserver.config.k8s.io/v1", authzConfig.get("apiVersion"));
        List<Map<String, Object>> authorizers = (List<Map<String, Object>>) authzConfig.get("authorizers");
        assertEquals(List.of("Node", "Webhook", "RBAC"), authorizers.stream().map(a -> a.get("type")).toList());
        Map<String, Object> webhook = (Map<String, Object>) authorizers.get(1).get("webhook");
        assertEquals("3s", webhook.get("timeout"));
        assertEquals("v1", webhook.get("subjectAccessReviewVersion"));
        assertEquals("v1", webhook.get("matchConditionSubjectAccessReviewVersion"));
        assertEquals("Deny", webhook.get("failurePolicy"));
        assertTrue(webhook.containsKey("authorizedTTL") && webhook.containsKey("unauthorizedTTL"));
        assertEquals("KubeConfigFile", ((Map<String, Object>) webhook.get("connectionInfo")).get("type"));

        Map<String, Object> validating = webhook(docs.get(3));
        assertEquals("admissionregistration.k8s.io/v1", docs.get(3).get("apiVersion"));
        assertEquals("https://palisade.palisade.svc:443/validate", ((Map<String, Object>) validating.get("clientConfig")).get("url"));
        assertEquals(caData, ((Map<String, Object>) validating.get("clientConfig")).get("caBundle"));
        assertEquals("Fail", validating.get("failurePolicy"));
        assertEquals("None", validating.get("sideEffects"));
        assertEquals("Equivalent", validating.get("matchPolicy"));
        assertEquals(3, validating.get("timeoutSeconds"));
        assertEquals(List.of("v1", "v1beta1"), validating.get("admissionReviewVersions"));
        // PodSecurity and the example's validate rules: pods, workloads, jobs and services, on CREATE and UPDATE
        List<Map<String, Object>> rules = (List<Map<String, Object>>) validating.get("rules");
        assertEquals(List.of(List.of("CREATE", "UPDATE")), rules.stream().map(r -> r.get("operations")).toList());
        assertTrue(((List<String>) rules.get(0).get("resources")).containsAll(
                List.of("pods", "pods/ephemeralcontainers", "deployments", "cronjobs", "jobs", "services")));

        Map<String, Object> mutating = webhook(docs.get(4));
        assertEquals("https://palisade.palisade.svc:443/mutate", ((Map<String, Object>) mutating.get("clientConfig")).get("url"));
        List<Map<String, Object>> mutatingRules = (List<Map<String, Object>>) mutating.get("rules");
        assertEquals(List.of("CREATE"), mutatingRules.get(0).get("operations"));
        assertEquals(List.of("*"), mutatingRules.get(0).get("apiGroups"));
    }

    @Test
    void print_withoutAdmissionOrAuthentication_leavesThoseOutAndSaysWhy() {
        String text = WebhookConfigPrinter.print(URL, pem(), List.of(), false, Duration.ofSeconds(5));
        assertFalse(text.contains("kind: ValidatingWebhookConfiguration"));
        assertFalse(text.contains("tokenreviews"));
        assertTrue(text.contains("# 5. No ValidatingWebhookConfiguration: the configuration loads no validating admission rules."));
        assertTrue(text.contains("this configuration has no authenticators"));
    }

    @Test
    void rules_resourcesWithTheSameOperationsShareOneRule() {
        AdmissionWebhookRules rules = AdmissionWebhookRules.of(List.of(
                new AdmissionTarget(Kind.VALIDATE, Set.of("CREATE"), Set.of("pods", "services")),
                new AdmissionTarget(Kind.VALIDATE, Set.of("UPDATE"), Set.of("pods")),
                new AdmissionTarget(Kind.VALIDATE, Set.of("CREATE"), Set.of("configmaps")),
                new AdmissionTarget(Kind.MUTATE, Set.of("DELETE"), Set.of("secrets"))), Kind.VALIDATE);
        assertEquals(List.of(
                new AdmissionWebhookRules.Rule(new java.util.TreeSet<>(List.of("CREATE")), new java.util.TreeSet<>(List.of("configmaps", "services"))),
                new AdmissionWebhookRules.Rule(new java.util.TreeSet<>(List.of("CREATE", "UPDATE")), new java.util.TreeSet<>(List.of("pods")))),
                rules.rules());
    }

    @Test
    void rules_connectIsAskedForOnSubresources() {
        AdmissionWebhookRules rules = AdmissionWebhookRules.of(List.of(
                new AdmissionTarget(Kind.VALIDATE, Set.of("CONNECT", "CREATE"), Set.of("pods"))), Kind.VALIDATE);
        assertEquals(List.of(
                new AdmissionWebhookRules.Rule(new java.util.TreeSet<>(List.of("CONNECT")), new java.util.TreeSet<>(List.of("pods/*"))),
                new AdmissionWebhookRules.Rule(new java.util.TreeSet<>(List.of("CREATE")), new java.util.TreeSet<>(List.of("pods")))),
                rules.rules());
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("plain http", URI.create("http://palisade:8080"), pem(), Duration.ofSeconds(3), "https:// URL"),
                Arguments.of("query", URI.create("https://palisade?x=1"), pem(), Duration.ofSeconds(3), "query"),
                Arguments.of("no certificate", URL, "not a pem", Duration.ofSeconds(3), "no PEM certificate"),
                Arguments.of("timeout too long", URL, pem(), Duration.ofSeconds(31), "between 1s and 30s"),
                Arguments.of("timeout too short", URL, pem(), Duration.ofMillis(500), "between 1s and 30s"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void print_badInput_isRefusedSayingWhy(String name, URI url, String pem, Duration timeout, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebhookConfigPrinter.print(url, pem, List.of(), true, timeout));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static String pem() {
        try {
            return Files.readString(CA);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cluster(Map<String, Object> kubeconfig) {
        List<Map<String, Object>> clusters = (List<Map<String, Object>>) kubeconfig.get("clusters");
        return (Map<String, Object>) clusters.get(0).get("cluster");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> webhook(Map<String, Object> configuration) {
        return ((List<Map<String, Object>>) configuration.get("webhooks")).get(0);
    }
}
