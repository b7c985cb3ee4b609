package dev.palisade.cli;

import static dev.palisade.cli.CliTest.ROOT;
import static dev.palisade.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code admit --data} and {@code explain --data}: existing objects for {@code data.<resource>} rules (issue 11 item 5). */
class AdmitDataTest {
    private static final Path DIR = ROOT.resolve("examples/admission-data");
    private static final String CONFIG = DIR.resolve("palisade.yaml").toString();
    private static final String REVIEWS = DIR.resolve("reviews.yaml").toString();
    private static final String PODGROUPS = DIR.resolve("podgroups.yaml").toString();

    @TempDir
    Path tmp;

    @Test
    void podGroupsFromAKubectlList_letThePodNamingAnExistingGroupIn() {
        CliTest.Run r = run("", "admit", "-c", CONFIG, "--data", PODGROUPS, REVIEWS);
        assertEquals(1, r.exit(), r.err());
        List<String> answers = r.out().lines().toList();
        assertEquals(2, answers.size(), r.out());
        assertTrue(answers.get(0).contains("\"uid\":\"1\",\"allowed\":true"), answers.get(0));
        // "inference" exists, but in namespace serving: still denied in ml
        assertTrue(answers.get(1).contains("\"allowed\":false") && answers.get(1).contains("pod group inference does not exist in namespace ml"),
                answers.get(1));
    }

    @Test
    void withoutData_noGroupExistsAndBothAreDenied() {
        CliTest.Run r = run("", "admit", "-c", CONFIG, REVIEWS);
        assertEquals(1, r.exit(), r.err());
        assertEquals(2, r.out().lines().filter(l -> l.contains("\"allowed\":false")).count(), r.out());
    }

    @Test
    void resourceEqualsFile_takesObjectsWithoutKind() throws IOException {
        Path groups = tmp.resolve("groups.json");
        Files.writeString(groups, "{\"metadata\": {\"name\": \"training\"}}\n");
        CliTest.Run r = run("", "admit", "-c", CONFIG, "--data", "podgroups=" + groups, REVIEWS);
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().lines().toList().get(0).contains("\"allowed\":true"), r.out());
    }

    @Test
    void objectWithoutKind_inABareFile_isAnErrorNamingTheFileAndTheFix() throws IOException {
        Path groups = tmp.resolve("groups.yaml");
        Files.writeString(groups, "metadata: {name: training}\n");
        CliTest.Run r = run("", "admit", "-c", CONFIG, "--data", groups.toString(), REVIEWS);
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals("--data " + groups + ": object \"training\" has no kind; name its resource: --data RESOURCE=" + groups,
                r.err().strip());
    }

    @Test
    void malformedOrMissingDataFile_exits2WithThePlace() throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "items: [1\n");
        CliTest.Run r = run("", "admit", "-c", CONFIG, "--data", bad.toString(), REVIEWS);
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("--data " + bad + ":2:1: not valid YAML"), r.err());
        CliTest.Run missing = run("", "admit", "-c", CONFIG, "--data", tmp.resolve("none.yaml").toString(), REVIEWS);
        assertEquals(2, missing.exit());
        assertEquals("--data " + tmp.resolve("none.yaml") + ": no such file", missing.err().strip());
    }

    @Test
    void namespaceBudget_countsThePodsGiven() throws IOException {
        Path config = tmp.resolve("palisade.yaml");
        Files.writeString(config, "apiVersion: palisade.dev/v1alpha1\nkind: Configuration\nadmission:\n  plugins:\n    - type: Policy\n      paths: ["
                + ROOT.resolve("rules/policies/admission/runaway-jobs.pal").toAbsolutePath().normalize() + "]\n");
        String review = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\","
                + "\"resource\":{\"group\":\"\",\"version\":\"v1\",\"resource\":\"pods\"},\"namespace\":\"team\",\"operation\":\"CREATE\","
                + "\"userInfo\":{\"username\":\"a\"},\"object\":{\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"name\":\"app\"}]}}}}\n";
        for (int[] c : new int[][] {{49, 0}, {50, 1}}) {
            Path pods = tmp.resolve("pods-" + c[0] + ".yaml");
            Files.writeString(pods, IntStream.range(0, c[0])
                    .mapToObj(i -> "apiVersion: v1\nkind: Pod\nmetadata: {name: p" + i + ", namespace: team}\n")
                    .collect(Collectors.joining("---\n")));
            CliTest.Run r = run(review, "admit", "-c", config.toString(), "--data", pods.toString());
            assertEquals(c[1], r.exit(), c[0] + " pods: " + r.out() + r.err());
        }
    }

    @Test
    void explainSeesTheSameData() {
        CliTest.Run r = run("", "explain", "-c", CONFIG, "--data", PODGROUPS, REVIEWS);
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("decision: ALLOWED"), r.out());
        assertTrue(r.out().contains("decision: DENIED: pod group inference does not exist in namespace ml"), r.out());
        assertTrue(r.out().contains("saw data.podgroups = [{\"apiVersion\":\"scheduling.volcano.sh/v1beta1\",\"kind\":\"PodGroup\""), r.out());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"Pod, pods", "PodGroup, podgroups", "NetworkPolicy, networkpolicies", "Ingress, ingresses",
            "Endpoints, endpoints", "ConfigMap, configmaps"})
    void kindToResource_asKubernetesGuessesIt(String kind, String resource) {
        assertEquals(resource, dev.palisade.dsl.schema.KubernetesSchema.plural(kind));
    }
}
