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
        assertEquals("--output: expected text or json, got yaml2", r.err().strip());
    }

    private static JsonNode find(JsonNode bindings, String prefix) {
        for (JsonNode b : bindings) {
            if (b.path("binding").asText().startsWith(prefix)) {
                return b;
            }
        }
        throw new AssertionError("no binding " + prefix + " in " + bindings);
    }
}
