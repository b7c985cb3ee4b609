package dev.palisade.dsl.admission;

import static dev.palisade.dsl.admission.AdmissionProgramTest.container;
import static dev.palisade.dsl.admission.AdmissionProgramTest.create;
import static dev.palisade.dsl.admission.AdmissionProgramTest.pod;
import static dev.palisade.dsl.admission.AdmissionProgramTest.program;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.check.PolicyChecker;
import dev.palisade.dsl.parse.ParseResult;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.source.Diagnostic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** String building with {@code +} and keys computed per element (issue 14, found 3). */
class ConcatAndComputedKeyTest {
    private static final String SECCOMP = """
            validate "seccomp" on CREATE pods
              for each c in object.spec.containers
              when object.metadata.annotations["container.seccomp.security.alpha.kubernetes.io/" + c.name] == "unconfined"
              because "container {c.name}: {object.metadata.annotations["container.seccomp.security.alpha.kubernetes.io/" + c.name]}"
            """.replace("{object.metadata.annotations[\"container.seccomp.security.alpha.kubernetes.io/\" + c.name]}",
            "{object.metadata.annotations[\\\"container.seccomp.security.alpha.kubernetes.io/\\\" + c.name]}");

    private static Map<String, Object> podWithAnnotation(String key, String value, String... containers) {
        Map<String, Object>[] cs = new Map[containers.length];
        for (int i = 0; i < containers.length; i++) {
            cs[i] = container(containers[i], null);
        }
        Map<String, Object> p = pod(cs);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) p.get("metadata");
        metadata.put("annotations", new LinkedHashMap<>(Map.of(key, value)));
        return p;
    }

    private static List<String> violations(AdmissionProgram p, Map<String, Object> pod) {
        return p.evaluate(create("pods", pod)).violations().stream().map(Violation::message).toList();
    }

    @Test
    void computedKey_readsEachContainersOwnAnnotation_notOneWhoseNameEndsWithIt() {
        AdmissionProgram p = program(SECCOMP);
        String nginx = "container.seccomp.security.alpha.kubernetes.io/nginx";
        assertEquals(List.of(), violations(p, podWithAnnotation(nginx, "unconfined", "x")));
        assertEquals(List.of("container nginx: unconfined"), violations(p, podWithAnnotation(nginx, "unconfined", "x", "nginx")));
    }

    @Test
    void concatenation_comparesWithBuiltString_andIsAbsentWhenAPartIs() {
        AdmissionProgram p = program("""
                validate "own-prefix" on CREATE pods
                  for each c in object.spec.containers
                  when not (c.image startsWith "registry.example/" + namespace + "/")
                  because "{c.name} pulls from outside registry.example/{namespace}/"
                """);
        Map<String, Object> ok = container("a", null);
        ok.put("image", "registry.example/default/app:1");
        Map<String, Object> bad = container("b", null);
        bad.put("image", "docker.io/app:1");
        assertEquals(List.of("b pulls from outside registry.example/default/"), violations(p, pod(ok, bad)));

        AdmissionProgram absent = program("""
                validate "label-built" on CREATE pods
                  when object.metadata.labels["team"] == "team-" + object.metadata.labels["missing"]
                  because "x"
                """);
        Map<String, Object> labelled = pod(container("a", null));
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) labelled.get("metadata");
        metadata.put("labels", new LinkedHashMap<>(Map.of("team", "team-")));
        assertEquals(List.of(), violations(absent, labelled), "an absent part makes the whole string absent, never 'team-'");
    }

    @Test
    void checker_refusesComputedKeysWhereAFixedPathIsNeeded_andAcceptsPlusInAuthorization() {
        assertEquals(List.of("2:17 a computed key cannot name a list to iterate"),
                errors("validate \"r\" on CREATE pods\n  for each c in object.spec[\"containers\" + \"\"]\n  when c.name == \"a\""));
        assertEquals(List.of("2:7 a computed key cannot name a mutation target"),
                errors("mutate \"m\" on CREATE pods\n  set object.metadata.labels[\"a\" + name] = \"b\""));
        assertEquals(List.of(), errors("allow \"a\" when name == \"x\" + verb"), "'+' works in authorization rules too");
        assertEquals(List.of("2:43 unknown name 'd'"),
                errors("validate \"r\" on CREATE pods\n  when object.metadata.annotations[\"k/\" + d.name] exists"));
    }

    private static List<String> errors(String text) {
        ParseResult parsed = PolicyParser.parse("t.pal", text);
        List<Diagnostic> all = new java.util.ArrayList<>(parsed.diagnostics());
        if (parsed.diagnostics().isEmpty()) {
            all.addAll(PolicyChecker.check(List.of(parsed.file())));
        }
        return all.stream().map(d -> d.span().line() + ":" + d.span().column() + " " + d.message()).toList();
    }
}
