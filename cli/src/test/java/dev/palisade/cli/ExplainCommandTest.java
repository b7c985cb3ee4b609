package dev.palisade.cli;

import static dev.palisade.cli.CliTest.CONFIG;
import static dev.palisade.cli.CliTest.GOLDEN;
import static dev.palisade.cli.CliTest.ROOT;
import static dev.palisade.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code palisade explain} on the bundled examples. */
class ExplainCommandTest {
    private static final Path REVIEWS = ROOT.resolve("examples/reviews.jsonl");

    private static String review(int line) throws IOException {
        return Files.readAllLines(REVIEWS).get(line - 1);
    }

    private static List<JsonNode> json(String out) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        try (MappingIterator<JsonNode> it = CliTest.JSON.readerFor(JsonNode.class).readValues(out)) {
            it.forEachRemaining(all::add);
        }
        return all;
    }

    @Test
    void explainsEveryExampleReviewAsTheGoldenFileSays() throws IOException {
        CliTest.Run r = run("", "explain", "-c", CONFIG.toString(), REVIEWS.toString());
        assertEquals(1, r.exit(), "some example reviews are denied: " + r.err());
        Path golden = GOLDEN.resolve("explain-examples.txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, r.out());
        }
        assertEquals(Files.readString(golden), r.out());
        assertFalse(r.out().contains("disagrees"), "the trace and the engine agree on every example");
    }

    @Test
    void eachExplanationCarriesTheEnginesOwnDecision() throws IOException {
        CliTest.Run authorized = run("", "authorize", "-c", CONFIG.toString(), REVIEWS.toString());
        CliTest.Run explained = run("", "explain", "-o", "json", "-c", CONFIG.toString(), REVIEWS.toString());
        List<JsonNode> explanations = json(explained.out());
        List<String> answers = authorized.lines();
        assertEquals(answers.size(), explanations.size());
        for (int i = 0; i < answers.size(); i++) {
            boolean allowed = CliTest.JSON.readTree(answers.get(i)).path("status").path("allowed").asBoolean();
            assertEquals(allowed, explanations.get(i).path("allowed").asBoolean(), "review " + (i + 1));
            for (JsonNode a : explanations.get(i).path("authorizers")) {
                assertEquals(0, a.path("notes").size(), "no disagreement, review " + (i + 1) + ": " + a.path("notes"));
            }
        }
    }

    /** Policy stage: alice may not delete; the guard rail on kube-system missed only on its namespace. */
    @Test
    void deniedDelete_nearMissNamesTheNamespaceCondition() throws IOException {
        CliTest.Run r = run(review(2), "explain", "-c", CONFIG.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("""
                       near miss: deny "example.cluster/protect-kube-system" (../examples/policies/cluster.pal:10:1)
                         failed: namespace == "kube-system" (../examples/policies/cluster.pal:11:8)
                           request has namespace = "payments"
                """), r.out());
    }

    /** RBAC stage: alice's pod-reader binding covers everything but the verb. */
    @Test
    void deniedDelete_closestRbacRuleNamesTheVerb() throws IOException {
        JsonNode e = json(run(review(2), "explain", "-o", "json", "-c", CONFIG.toString()).out()).get(0);
        JsonNode rbac = e.path("authorizers").get(1);
        assertEquals("RBAC", rbac.path("type").asText());
        JsonNode binding = find(rbac.path("bindings"), "ClusterRoleBinding \"sre-read-pods\"");
        assertEquals(1, binding.path("gaps").size(), binding.toString());
        assertEquals("verb", binding.path("gaps").get(0).path("field").asText());
        assertEquals("delete", binding.path("gaps").get(0).path("requested").asText());
        assertEquals("[\"get\",\"list\",\"watch\"]", binding.path("gaps").get(0).path("granted").toString());
    }

    /** RBAC stage: bob's RoleBinding is in payments; the request is in frontend. */
    @Test
    void deniedInAnotherNamespace_gapIsTheNamespace() throws IOException {
        JsonNode e = json(run(review(5), "explain", "-o", "json", "-c", CONFIG.toString()).out()).get(0);
        assertFalse(e.path("allowed").asBoolean());
        List<String> fields = new ArrayList<>();
        for (JsonNode b : e.path("authorizers").get(1).path("bindings")) {
            if (b.path("binding").asText().startsWith("RoleBinding")) {
                b.path("gaps").forEach(g -> fields.add(g.path("field").asText() + "=" + g.path("requested").asText()));
            }
        }
        assertTrue(fields.contains("namespace=frontend"), fields.toString());
    }

    /** Non-resource request: the anonymous user's health binding does not cover /metrics. */
    @Test
    void deniedPath_gapIsTheUrl() throws IOException {
        CliTest.Run r = run(review(13), "explain", "-c", CONFIG.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("not covered: nonResourceURL \"/metrics\" (granted: /healthz, /healthz/*, /version)"), r.out());
    }

    /** A matched deny is shown as matched, and the policy set decided. */
    @Test
    void deniedByAGuardRail_theMatchedRuleIsShown() throws IOException {
        JsonNode e = json(run(review(6), "explain", "-o", "json", "-c", CONFIG.toString()).out()).get(0);
        JsonNode policy = e.path("authorizers").get(0);
        assertEquals("DECIDED", policy.path("role").asText());
        assertEquals("NOT_REACHED", e.path("authorizers").get(1).path("role").asText());
        JsonNode rule = policy.path("rules").get(0);
        assertEquals("example.cluster/no-secrets-for-interns", rule.path("id").asText());
        assertEquals("MATCHED", rule.path("outcome").asText());
    }

    @Test
    void aReviewOfAnotherKindIsAnInputErrorAndTheStreamGoesOn() throws IOException {
        CliTest.Run r = run("{\"kind\":\"TokenReview\"}\n" + review(1) + "\n", "explain", "-c", CONFIG.toString());
        assertEquals(2, r.exit());
        assertEquals("<stdin>:1: kind must be SubjectAccessReview or AdmissionReview, got \"TokenReview\"", r.err().strip());
        assertTrue(r.out().contains("decision: ALLOW"), r.out());
    }

    @Test
    void anUnknownOutputFormatIsAUsageError() {
        CliTest.Run r = run("", "explain", "-o", "yaml2", "-c", CONFIG.toString());
        assertEquals(2, r.exit());
        assertEquals("--output: expected text, json or yaml, got yaml2", r.err().strip());
    }

    private static JsonNode find(JsonNode bindings, String prefix) {
        for (JsonNode b : bindings) {
            if (b.path("binding").asText().startsWith(prefix)) {
                return b;
            }
        }
        throw new AssertionError("no binding " + prefix + " in " + bindings);
    }

    private static final Path SERVE_CONFIG = ROOT.resolve("examples/serve/palisade.yaml");
    private static final Path ADMISSION_REVIEWS = ROOT.resolve("examples/serve/admission-reviews.jsonl");

    @Test
    void explainsTheExampleAdmissionReviewsAsTheGoldenFileSays() throws IOException {
        CliTest.Run r = run("", "explain", "-c", SERVE_CONFIG.toString(), ADMISSION_REVIEWS.toString());
        assertEquals(1, r.exit(), r.err());
        Path golden = GOLDEN.resolve("explain-admission-examples.txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, r.out());
        }
        assertEquals(Files.readString(golden), r.out());
        assertFalse(r.out().contains("disagrees"), "the trace and the programs agree on every example");
    }

    /** Admission stage, DSL: the denied Job names the condition that matched and the value it saw. */
    @Test
    void deniedJob_namesTheConditionAndTheValueItSaw() throws IOException {
        JsonNode e = json(run(Files.readAllLines(ADMISSION_REVIEWS).get(2), "explain", "-o", "json",
                "-c", SERVE_CONFIG.toString()).out()).get(0);
        assertFalse(e.path("allowed").asBoolean());
        JsonNode rule = find(e.path("plugins").get(1).path("rules"), "id", "example.admission/job-parallelism-cap");
        assertTrue(rule.path("matched").asBoolean());
        JsonNode condition = rule.path("elements").get(0).path("conditions").get(0);
        assertEquals("object.spec.parallelism > 50", condition.path("condition").asText());
        assertEquals("[\"object.spec.parallelism = 100\"]", condition.path("values").toString());
    }

    /** Admission stage, per element: the allowed pod's default is traced; the mutation ran before Pod Security judged. */
    @Test
    void allowedPod_showsTheMutationThatMadeItCompliant() throws IOException {
        CliTest.Run r = run(Files.readAllLines(ADMISSION_REVIEWS).get(0), "explain", "-c", SERVE_CONFIG.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("decision: ALLOWED (patch of 1 operation)"), r.out());
        assertTrue(r.out().contains("""
                       mutate "example.admission/default-run-as-non-root" (../examples/serve/admission/defaults.pal:5:1): MATCHED
                         matched at the object
                           held:   object.spec.securityContext.runAsNonRoot is absent (../examples/serve/admission/defaults.pal:6:8)
                             saw object.spec.securityContext.runAsNonRoot = (absent)
                """), r.out());
    }

    /** A validate rule on a list: each element is judged, and the one that failed says what it saw. */
    @Test
    void forEachRule_reportsEveryElementWithTheValuesItSaw(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("images.pal"), """
                validate "pinned-images" on CREATE pods
                  for each c in object.spec.containers
                  deny when c.image endsWith ":latest"
                  because "container {c.name} uses a :latest image"
                """);
        Files.writeString(tmp.resolve("palisade.yaml"), """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                admission:
                  plugins:
                    - type: Policy
                      name: images
                      paths: [images.pal]
                """);
        String review = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"1\","
                + "\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},\"resource\":{\"group\":\"\",\"version\":\"v1\","
                + "\"resource\":\"pods\"},\"operation\":\"CREATE\",\"namespace\":\"d\",\"name\":\"p\",\"userInfo\":{\"username\":\"a\"},"
                + "\"object\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"app:1.2\"},{\"name\":\"side\",\"image\":\"side:latest\"}]}}}}";
        CliTest.Run r = run(review, "explain", "-c", tmp.resolve("palisade.yaml").toString());
        assertEquals(1, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("no match at spec.containers[0]\n           failed: c.image endsWith \":latest\" ("), r.out());
        assertTrue(r.out().contains("saw c.image = \"app:1.2\""), r.out());
        assertTrue(r.out().contains("matched at spec.containers[1]"), r.out());
        assertTrue(r.out().contains("saw c.image = \"side:latest\""), r.out());
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }
}
