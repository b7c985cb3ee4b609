package dev.palisade.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The application's own plugin runs in the engine's admission chain like a configured one. */
class RequireTeamLabelTest {
    private static AdmissionRequest pod(String metadata) {
        return AdmissionRequest.builder().operation("CREATE").kind("Pod").resource("pods").namespace("dev")
                .objectJson("{\"metadata\": " + metadata + "}").build();
    }

    @Test
    void podsWithoutATeamLabel_areDenied() {
        try (PolicyEngine engine = PolicyEngine.builder().rbac(List.of(Path.of("config/rbac")))
                .admission(new RequireTeamLabel()).build()) {
            AdmissionDecision denied = engine.admit(pod("{\"name\": \"web\"}"));
            assertFalse(denied.allowed());
            assertEquals("pods need a team label", denied.message());
            assertEquals("require-team", denied.denials().get(0).ruleId());

            assertTrue(engine.admit(pod("{\"name\": \"web\", \"labels\": {\"team\": \"web\"}}")).allowed());
        }
    }
}
