package dev.palisade.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.admission.AdmissionCompiler;
import dev.palisade.dsl.admission.AdmissionInput;
import dev.palisade.dsl.admission.AdmissionProgram;
import dev.palisade.dsl.admission.AdmissionResult;
import dev.palisade.dsl.admission.Violation;
import dev.palisade.dsl.ast.AdmissionRule.Enforcement;
import dev.palisade.dsl.load.PolicyLoader;
import dev.palisade.engine.admission.pss.PodSecurityCheck;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs the admission policy library (policies/admission, Pod Security checks included) against
 * its case files. A {@code X.cases.yaml} names the policy files it covers ({@code policies}, beside
 * it) and lists named cases: an object (a pod unless {@code resource} says otherwise), optional
 * request fields and data, the expected outcome ({@code allowed} / {@code denied}), and for a
 * denial the rule (or upstream check id) and a message substring. A case with its own
 * {@code policies} runs against those files only (for checks that changed between versions).
 */
class AdmissionLibraryTest {
    static final Path LIBRARY = Path.of("policies", "admission");

    static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(LIBRARY)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void everyPolicyIsCoveredByCases() throws IOException {
        List<Path> policies = files(".pal");
        assertFalse(policies.isEmpty(), "no admission policies under " + LIBRARY.toAbsolutePath());
        Set<Path> covered = new HashSet<>();
        for (Path cases : files(".cases.yaml")) {
            Map<String, Object> doc = load(cases);
            for (Object p : list(doc.get("policies"))) {
                Path policy = cases.resolveSibling((String) p).normalize();
                assertTrue(Files.exists(policy), () -> cases + " names a missing policy " + policy);
                covered.add(policy);
            }
        }
        for (Path p : policies) {
            assertTrue(covered.contains(p.normalize()), "policy without cases: " + p);
        }
    }

    @TestFactory
    Stream<DynamicNode> libraryCases() throws IOException {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path casesFile : files(".cases.yaml")) {
            Map<String, Object> doc = load(casesFile);
            List<DynamicNode> perPolicy = new ArrayList<>();
            for (Object p : list(doc.get("policies"))) {
                String policyName = (String) p;
                AdmissionProgram program = compile(casesFile.resolveSibling(policyName));
                List<DynamicTest> tests = new ArrayList<>();
                for (Object o : list(doc.get("cases"))) {
                    Map<String, Object> c = map(o);
                    if (c.containsKey("policies") && !list(c.get("policies")).contains(policyName)) {
                        continue;
                    }
                    tests.add(DynamicTest.dynamicTest((String) c.get("name"), () -> runCase(program, c)));
                }
                assertFalse(tests.isEmpty(), () -> casesFile + " has no case for " + policyName);
                perPolicy.add(DynamicContainer.dynamicContainer(policyName, tests));
            }
            nodes.add(DynamicContainer.dynamicContainer(casesFile.toString(), perPolicy));
        }
        return nodes.stream();
    }

    private static AdmissionProgram compile(Path policy) {
        return AdmissionCompiler.compile(PolicyLoader.load(policy).orThrow().files()).build();
    }

    @SuppressWarnings("unchecked")
    private static void runCase(AdmissionProgram program, Map<String, Object> c) {
        String expect = (String) c.get("expect");
        assertTrue(List.of("allowed", "denied").contains(expect), () -> "expect must be allowed or denied: " + expect);
        AdmissionInput input = new AdmissionInput(
                (String) c.getOrDefault("operation", "CREATE"), (String) c.getOrDefault("resource", "pods"), "",
                "", (String) c.getOrDefault("namespace", "default"), (String) c.getOrDefault("objectName", "x"),
                "alice", "", List.of("system:authenticated"), false, c.get("object"), null,
                (Map<String, List<Object>>) (Map<String, ?>) c.getOrDefault("data", Map.of()));
        AdmissionResult result = program.evaluate(input);
        List<Violation> denials = result.violations().stream()
                .filter(v -> v.rule().enforcement() == Enforcement.DENY).toList();
        assertEquals(expect.equals("denied"), !denials.isEmpty(), () -> "violations: " + result.violations());
        Object rule = c.get("rule");
        if (rule != null) {
            assertTrue(denials.stream().anyMatch(v -> v.rule().id().equals(rule)
                            || PodSecurityCheck.checkIdOf(v.rule().id()).equals(rule)),
                    () -> "expected rule " + rule + " among " + denials);
        }
        Object message = c.get("message");
        if (message != null) {
            assertTrue(denials.stream().anyMatch(v -> v.message().contains((String) message)),
                    () -> "expected a message containing \"" + message + "\" among " + denials);
        }
    }

    private static Map<String, Object> load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return map(new Yaml().load(r));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static List<?> list(Object o) {
        return o == null ? List.of() : (List<?>) o;
    }
}
