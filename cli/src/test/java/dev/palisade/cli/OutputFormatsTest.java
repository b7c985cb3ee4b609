package dev.palisade.cli;

import static dev.palisade.cli.CliTest.CONFIG;
import static dev.palisade.cli.CliTest.ROOT;
import static dev.palisade.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kubectl's {@code -o json|yaml} on the review commands, and YAML reviews as input (issue 11 item 5). */
class OutputFormatsTest {
    private static final String YAML_REVIEWS = """
            # as kubectl -o yaml writes them
            apiVersion: authorization.k8s.io/v1
            kind: SubjectAccessReview
            spec:
              user: alice@example.com
              groups: [system:authenticated]
              resourceAttributes: {verb: list, resource: pods, namespace: payments}
            ---
            apiVersion: authorization.k8s.io/v1
            kind: SubjectAccessReview
            spec:
              user: alice@example.com
              resourceAttributes: {verb: delete, resource: pods, namespace: payments}
            """;

    @Test
    void yamlReviewsAreAnsweredLikeJsonOnes() {
        CliTest.Run r = run(YAML_REVIEWS, "authorize", "-c", CONFIG.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.lines();
        assertEquals(2, lines.size(), r.out());
        assertTrue(lines.get(0).contains("\"status\":{\"allowed\":true"), lines.get(0));
        assertTrue(lines.get(1).contains("\"status\":{\"allowed\":false"), lines.get(1));
    }

    @Test
    void malformedYamlIsOneLineWithItsPlace() {
        CliTest.Run r = run("apiVersion: [\n", "authorize", "-c", CONFIG.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("<stdin>:2:1: not valid YAML"), r.err());
    }

    @Test
    void outputJson_isThePrettyReview() throws IOException {
        String review = Files.readAllLines(ROOT.resolve("examples/reviews.jsonl")).get(0);
        CliTest.Run r = run(review + "\n", "authorize", "-o", "json", "-c", CONFIG.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\n  \"status\" : {"), r.out());
        JsonNode answer = CliTest.JSON.readTree(r.out());
        assertTrue(answer.path("status").path("allowed").asBoolean());
    }

    @Test
    void outputYaml_isOneDocumentPerAnswer() {
        CliTest.Run r = run(YAML_REVIEWS, "authorize", "-o", "yaml", "-c", CONFIG.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, r.out().lines().filter(l -> l.equals("---")).count(), r.out());
        assertTrue(r.out().contains("status:\n  allowed: true"), r.out());
        assertTrue(r.out().contains("status:\n  allowed: false"), r.out());
    }

    @Test
    void explainReadsYamlToo() {
        CliTest.Run r = run(YAML_REVIEWS, "explain", "-c", CONFIG.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("\"alice@example.com\" [system:authenticated] list pods in namespace payments"), r.out());
    }

    @Test
    void explainYaml() {
        CliTest.Run r = run(YAML_REVIEWS, "explain", "-o", "yaml", "-c", CONFIG.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().startsWith("---\nkind: AuthorizationExplanation"), r.out());
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CliTest.Run r = run("", "authorize", "-o", "xml", "-c", CONFIG.toString());
        assertEquals(2, r.exit());
        assertEquals("--output: expected json or yaml, got xml", r.err().strip());
    }
}
