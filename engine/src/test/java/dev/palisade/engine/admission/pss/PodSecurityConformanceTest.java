package dev.palisade.engine.admission.pss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.engine.admission.AdmissionChain;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionReviews;
import dev.palisade.engine.admission.InvalidAdmissionReviewException;
import dev.palisade.engine.testing.Conformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every upstream Pod Security Admission fixture pod (shared/conformance/pod-security-admission,
 * index.csv) admitted by the PodSecurity plugin at the fixture's level and version: pass fixtures
 * must be allowed, fail fixtures denied with the upstream error substring in the message. One
 * program per (level, version), all of its fixtures evaluated against it.
 */
class PodSecurityConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Fixtures we knowingly decide differently from upstream, by {@code level/version/file stem},
     * with the reason. Each must really disagree (so the list cannot go stale).
     */
    private static final Map<String, String> KNOWN_GAPS = Map.of();

    record Fixture(String file, PodSecurityLevel level, PodSecurityVersion version, String check, boolean pass,
                   String errorSubstring, String podName) {
        String key() {
            return level.label() + "/" + version.label() + "/" + (pass ? "pass/" : "fail/") + podName;
        }
    }

    @Test
    void everyFixtureIsDecidedAsUpstreamDecidesIt() throws IOException {
        Path dir = Conformance.resolve("pod-security-admission");
        List<Fixture> fixtures = index(dir.resolve("index.csv"));
        assertEquals(4537, fixtures.size(), "fixture count of index.csv");
        Map<String, List<Fixture>> byProgram = fixtures.stream().collect(Collectors.groupingBy(
                f -> f.level().label() + " " + f.version().label(), TreeMap::new, Collectors.toList()));
        Yaml yaml = new Yaml();
        List<String> disagreements = new ArrayList<>();
        Map<String, int[]> rates = new TreeMap<>();
        for (List<Fixture> group : byProgram.values()) {
            Fixture first = group.get(0);
            AdmissionChain chain = new AdmissionChain(List.of(PodSecurityAdmissionPlugin.of("pss", first.level(),
                    first.version())));
            int[] rate = rates.computeIfAbsent(first.level().label() + " " + first.version().label(), k -> new int[2]);
            for (Fixture f : group) {
                JsonNode pod = JSON.valueToTree(yaml.load(Files.readString(dir.resolve(f.file()))));
                // through the wire decoding, so that the object type check (D7) reads every fixture too:
                // they are valid pods, and none may be refused as malformed
                AdmissionDecision d;
                try {
                    d = chain.admit(AdmissionReviews.toRequest(review(f.podName(), pod)));
                } catch (InvalidAdmissionReviewException e) {
                    disagreements.add(f.key() + " (" + f.check() + "): refused as malformed: " + e.getMessage());
                    continue;
                }
                String problem = null;
                if (d.allowed() != f.pass()) {
                    problem = (f.pass() ? "denied: " + d.message() : "allowed");
                } else if (!f.pass() && !d.message().contains(f.errorSubstring())) {
                    problem = "message lacks \"" + f.errorSubstring() + "\": " + d.message();
                }
                rate[1]++;
                if (problem == null) {
                    rate[0]++;
                    assertTrue(!KNOWN_GAPS.containsKey(f.key()), "listed as a known gap but agrees: " + f.key());
                } else if (!KNOWN_GAPS.containsKey(f.key())) {
                    disagreements.add(f.key() + " (" + f.check() + "): " + problem);
                }
            }
        }
        StringBuilder report = new StringBuilder("Pod Security fixtures agreeing with upstream:\n");
        rates.forEach((k, r) -> report.append("  ").append(k).append(": ").append(r[0]).append('/').append(r[1]).append('\n'));
        System.out.print(report);
        assertTrue(disagreements.isEmpty(), () -> disagreements.size() + " disagreements:\n  "
                + String.join("\n  ", disagreements.subList(0, Math.min(60, disagreements.size()))));
    }

    private static JsonNode review(String name, JsonNode pod) {
        ObjectNode review = JSON.createObjectNode();
        review.put("apiVersion", AdmissionReviews.API_VERSION).put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request");
        request.put("uid", "uid").put("operation", "CREATE").put("namespace", "default").put("name", name);
        request.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
        request.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
        request.set("object", pod);
        return review;
    }

    static List<Fixture> index(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertEquals("file,level,version,check,check_file_stem,fixture_index,expected,expected_admission,"
                + "expected_error_substring,pod_name", lines.get(0), "index.csv header");
        List<Fixture> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            assertEquals(10, f.length, () -> "index.csv row: " + line);
            out.add(new Fixture(f[0], PodSecurityLevel.parse(f[1]), PodSecurityVersion.parse(f[2]), f[3],
                    f[6].equals("pass"), f[8].isEmpty() ? f[3] : f[8], f[9]));
        }
        return out;
    }
}
