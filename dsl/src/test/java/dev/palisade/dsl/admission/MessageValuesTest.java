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
}
