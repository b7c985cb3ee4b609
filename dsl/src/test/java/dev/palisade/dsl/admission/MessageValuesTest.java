package dev.palisade.dsl.admission;

import static dev.palisade.dsl.admission.AdmissionProgramTest.container;
import static dev.palisade.dsl.admission.AdmissionProgramTest.create;
import static dev.palisade.dsl.admission.AdmissionProgramTest.pod;
import static dev.palisade.dsl.admission.AdmissionProgramTest.program;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How values read in admission messages (issue 14, found 8): absent is visible, structures are JSON. */
class MessageValuesTest {
    private static List<String> messages(String because, Map<String, Object> object) {
        AdmissionProgram p = program("validate \"m\" on CREATE pods for each c in object.spec.containers when c.name == \"app\"\n"
                + "  because \"" + because + "\"\n");
        return p.evaluate(create("pods", object)).violations().stream().map(Violation::message).toList();
    }

    @Test
    void missingValue_readsAbsent_notEmpty() {
        assertEquals(List.of("runAsUser <absent>"), messages("runAsUser {c.securityContext.runAsUser}", pod(container("app", null))));
    }

    @Test
    void object_readsAsCompactJson_notJavaMapSyntax() {
        Map<String, Object> sc = new LinkedHashMap<>();
        sc.put("privileged", true);
        sc.put("runAsUser", 0);
        assertEquals(List.of("context {\"privileged\":true,\"runAsUser\":0}"),
                messages("context {c.securityContext}", pod(container("app", sc))));
    }

    @Test
    void listOfScalars_isCommaSeparated_asAuthorizationMessagesJoinGroups() {
        Map<String, Object> sc = new LinkedHashMap<>();
        sc.put("capabilities", new LinkedHashMap<>(Map.of("add", List.of("NET_ADMIN", "SYS_TIME"))));
        assertEquals(List.of("adds NET_ADMIN, SYS_TIME"), messages("adds {c.securityContext.capabilities.add}", pod(container("app", sc))));
    }

    @Test
    void listOfObjects_readsAsJson() {
        Map<String, Object> c = container("app", null);
        c.put("ports", List.of(new LinkedHashMap<>(Map.of("containerPort", 80))));
        assertEquals(List.of("ports [{\"containerPort\":80}]"), messages("ports {c.ports}", pod(c)));
    }

    @Test
    void anyVariable_inAMessage_showsTheElementThatMadeTheConditionHold() {
        AdmissionProgram p = program("""
                validate "caps" on CREATE pods
                  for each c in object.spec.containers
                  when any cap in c.securityContext.capabilities.add: cap not in ["NET_BIND_SERVICE"]
                  because "container {c.name} adds {cap}"
                """);
        Map<String, Object> sc = new LinkedHashMap<>();
        sc.put("capabilities", new LinkedHashMap<>(Map.of("add", List.of("NET_BIND_SERVICE", "SYS_ADMIN", "NET_RAW"))));
        assertEquals(List.of("container app adds SYS_ADMIN"), p.evaluate(create("pods", pod(container("app", sc)))).violations()
                .stream().map(Violation::message).toList());
    }

    @Test
    void nestedAnyVariables_inAMessage_showTheFirstPairThatHolds() {
        AdmissionProgram p = program("""
                validate "host-ports" on CREATE pods
                  when any c in object.spec.containers: (any port in c.ports: port.hostPort > 0)
                  because "{c.name} uses host port {port.hostPort}"
                """);
        Map<String, Object> a = container("a", null);
        a.put("ports", List.of(new LinkedHashMap<>(Map.of("containerPort", 80))));
        Map<String, Object> b = container("b", null);
        b.put("ports", List.of(new LinkedHashMap<>(Map.of("containerPort", 81)), new LinkedHashMap<>(Map.of("hostPort", 8081))));
        assertEquals(List.of("b uses host port 8081"), p.evaluate(create("pods", pod(a, b))).violations()
                .stream().map(Violation::message).toList());
    }
}
