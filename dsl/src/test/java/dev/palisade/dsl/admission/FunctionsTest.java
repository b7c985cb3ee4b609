package dev.palisade.dsl.admission;

import static dev.palisade.dsl.admission.AdmissionProgramTest.container;
import static dev.palisade.dsl.admission.AdmissionProgramTest.create;
import static dev.palisade.dsl.admission.AdmissionProgramTest.pod;
import static dev.palisade.dsl.admission.AdmissionProgramTest.program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.palisade.dsl.check.PolicyChecker;
import dev.palisade.dsl.parse.ParseResult;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.source.Diagnostic;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** count, lower/upper, coalesce, quantity and regex in admission conditions (issue 14, item 1; found 5). */
class FunctionsTest {
    private static List<String> violations(String rule, Map<String, Object> pod) {
        return program(rule).evaluate(create("pods", pod)).violations().stream().map(Violation::message).toList();
    }

    private static Map<String, Object> withSecurityContext(Map<String, Object> pod, Map<String, Object> sc) {
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) pod.get("spec");
        spec.put("securityContext", new LinkedHashMap<>(sc));
        return pod;
    }

    @Test
    void coalesce_firstOneSet_containerThenPod_inOneRule() {
        String rule = """
                validate "non-root" on CREATE pods
                  for each c in object.spec.containers
                  when coalesce(c.securityContext.runAsUser, object.spec.securityContext.runAsUser, 0) == 0
                  because "{c.name} runs as root"
                """;
        Map<String, Object> c1 = container("inherits", null);
        Map<String, Object> c2 = container("overrides", Map.of("runAsUser", 0));
        assertEquals(List.of("overrides runs as root"), violations(rule, withSecurityContext(pod(c1, c2), Map.of("runAsUser", 1000))));
        assertEquals(List.of("unset runs as root"), violations(rule, pod(container("unset", null))));
    }

    @Test
    void count_quantity_lower_regex() {
        Map<String, Object> c = container("App", null);
        c.put("image", "Docker.io/library/nginx:1.27");
        c.put("resources", new LinkedHashMap<>(Map.of("limits", Map.of("memory", "2Gi", "cpu", "500m"))));
        assertEquals(List.of("x"), violations("validate \"r\" on CREATE pods when count(object.spec.containers) == 1 because \"x\"", pod(c)));
        assertEquals(List.of("App"), violations("""
                validate "r" on CREATE pods for each c in object.spec.containers
                  when quantity(c.resources.limits["memory"]) > quantity("1Gi") and quantity(c.resources.limits["cpu"]) < 1
                  because "{c.name}"
                """, pod(c)));
        assertEquals(List.of("App"), violations("""
                validate "r" on CREATE pods for each c in object.spec.containers
                  when lower(c.image) startsWith "docker.io/" and regex(c.image, "^[^/]+\\\\.io/") because "{c.name}"
                """, pod(c)));
        assertEquals(List.of(), violations("""
                validate "r" on CREATE pods for each c in object.spec.containers
                  when regex(c.image, "^registry\\\\.example\\\\.com/") because "{c.name}"
                """, pod(c)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"500m, 0.5", "1Gi, 1073741824", "1.5, 1.5", "2e3, 2000", "1E, 1000000000000000000", "100Ki, 102400", "-1, -1",
            "1k, 1000", "3u, 0.000003"})
    void quantity_asKubernetesReadsIt(String text, String value) {
        assertEquals(0, new BigDecimal(value).compareTo(Quantity.of(text)));
    }

    @ParameterizedTest(name = "{0} is no quantity")
    @CsvSource({"lots", "1 Gi", "1GB", "e3", "1e99999", "''"})
    void notAQuantity(String text) {
        assertNull(Quantity.of(text));
    }

    @Test
    void checker_knowsFunctionsArityPatternsAndTypes() {
        assertEquals(List.of("1:34 unknown function 'cuont'"), errors("validate \"r\" on CREATE pods when cuont(object.spec.containers) > 1"));
        assertEquals(List.of("1:34 'lower' takes 1 argument, got 2"), errors("validate \"r\" on CREATE pods when lower(name, name) == \"a\""));
        assertEquals(List.of("1:46 not a valid regular expression: missing closing ) at '(a'"),
                errors("validate \"r\" on CREATE pods when regex(name, \"(a\")"));
        assertEquals(List.of("1:40 'count' counts a list, a map or a string, and 'object.spec.hostNetwork' is a boolean"),
                errors("validate \"r\" on CREATE pods when count(object.spec.hostNetwork) > 1"));
        assertEquals(List.of("1:64 'count(object.spec.containers)' is an integer: it never equals the string \"1\""),
                errors("validate \"r\" on CREATE pods when count(object.spec.containers) == \"1\""));
        assertEquals(List.of("1:16 'count' is only allowed in admission rules"), errors("allow \"a\" when count(verb) == \"1\""));
    }

    private static List<String> errors(String text) {
        ParseResult parsed = PolicyParser.parse("t.pal", text);
        List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
        if (parsed.diagnostics().isEmpty()) {
            all.addAll(PolicyChecker.check(List.of(parsed.file())));
        }
        return all.stream().map(d -> d.span().line() + ":" + d.span().column() + " " + d.message()).toList();
    }
}
