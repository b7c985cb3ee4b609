package dev.palisade.dsl.admission;

import static dev.palisade.dsl.admission.AdmissionProgramTest.container;
import static dev.palisade.dsl.admission.AdmissionProgramTest.create;
import static dev.palisade.dsl.admission.AdmissionProgramTest.pod;
import static dev.palisade.dsl.admission.AdmissionProgramTest.program;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.check.PolicyChecker;
import dev.palisade.dsl.parse.ParseResult;
import dev.palisade.dsl.parse.PolicyParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code for each c in ..., p in c.ports}: one violation per (container, port) (issue 14, found 7). */
class NestedForEachTest {
    private static Map<String, Object> port(int containerPort, Integer hostPort) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("containerPort", containerPort);
        if (hostPort != null) {
            p.put("hostPort", hostPort);
        }
        return p;
    }

    @Test
    void oneViolationPerTuple_withEachElementsField_andBothVariablesInTheMessage() {
        AdmissionProgram p = program("""
                validate "host-ports" on CREATE pods
                  for each c in object.spec.initContainers, object.spec.containers, p in c.ports
                  when p.hostPort > 0 and c.name != "allowed"
                  because "container {c.name} port {p.containerPort} uses host port {p.hostPort}"
                """);
        Map<String, Object> a = container("a", null);
        a.put("ports", List.of(port(80, 8080), port(81, null), port(82, 8082)));
        Map<String, Object> b = container("b", null);
        b.put("ports", List.of(port(90, 9090)));
        Map<String, Object> allowed = container("allowed", null);
        allowed.put("ports", List.of(port(70, 7070)));
        AdmissionResult r = p.evaluate(create("pods", pod(a, b, allowed)));
        assertEquals(List.of("container a port 80 uses host port 8080", "container a port 82 uses host port 8082",
                "container b port 90 uses host port 9090"), r.violations().stream().map(Violation::message).toList());
        assertEquals(List.of("spec.containers[0].ports[0]", "spec.containers[0].ports[2]", "spec.containers[1].ports[0]"),
                r.violations().stream().map(Violation::field).toList());
    }

    @Test
    void aQuantifierOverTheOuterElement_isJudgedPerTuple() {
        AdmissionProgram p = program("""
                validate "port-named-by-env" on CREATE pods
                  for each c in object.spec.containers, p in c.ports
                  when not (any e in c.env: e.value == p.name)
                  because "{c.name}: port {p.name} is named by no env value"
                """);
        Map<String, Object> a = container("a", null);
        a.put("ports", List.of(new LinkedHashMap<>(Map.of("containerPort", 80, "name", "http")),
                new LinkedHashMap<>(Map.of("containerPort", 81, "name", "admin"))));
        a.put("env", List.of(new LinkedHashMap<>(Map.of("name", "PORT", "value", "http"))));
        assertEquals(List.of("a: port admin is named by no env value"),
                p.evaluate(create("pods", pod(a))).violations().stream().map(Violation::message).toList());
    }

    @Test
    void unrelatedNestedLists_areRefused() {
        ParseResult parsed = PolicyParser.parse("t.pal", """
                validate "r" on CREATE pods
                  for each c in object.spec.containers, v in object.spec.volumes
                  when v.hostPath exists
                """);
        assertEquals(List.of(), parsed.diagnostics());
        assertEquals(List.of("a nested 'for each' iterates a list of the element before it"),
                PolicyChecker.check(List.of(parsed.file())).stream().map(d -> d.message()).toList());
    }
}
