package dev.palisade.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.admission.AdmissionPhase;
import dev.palisade.dsl.admission.AdmissionTarget;
import dev.palisade.dsl.admission.PatchOp;
import dev.palisade.dsl.ast.AdmissionRule.Enforcement;
import dev.palisade.dsl.ast.AdmissionRule.Kind;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionPlugin;
import dev.palisade.engine.admission.AdmissionPluginResult;
import dev.palisade.engine.admission.AdmissionReason;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.request.RequestAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An admission plugin written as an embedder would, with API types only: a mutating plugin and a
 * validating one, each implementing just {@code evaluate(request)}, run by the engine's chain.
 */
class CustomAdmissionPluginTest {
    private static final Authorizer NOBODY = new Authorizer() {
        @Override public String name() { return "nobody"; }
        @Override public Decision authorize(RequestAttributes request) { return Decision.NO_OPINION; }
    };

    /** Labels a pod {@code team: platform} when it has no team. */
    private static final class DefaultTeam implements AdmissionPlugin {
        @Override public String name() { return "default-team"; }
        @Override public String describe() { return "default-team (example)"; }
        @Override public List<AdmissionTarget> targets() {
            return List.of(new AdmissionTarget(Kind.MUTATE, Set.of("CREATE"), Set.of("pods")));
        }

        @Override
        @SuppressWarnings("unchecked")
        public AdmissionPluginResult evaluate(AdmissionRequest request) {
            Map<String, Object> metadata = (Map<String, Object>) request.object().get("metadata");
            if (metadata.get("labels") != null) {
                return AdmissionPluginResult.unchanged(request);
            }
            // the request's object is read-only: the answer is a changed copy
            Map<String, Object> copy = new LinkedHashMap<>(request.object());
            Map<String, Object> newMetadata = new LinkedHashMap<>(metadata);
            newMetadata.put("labels", Map.of("team", "platform"));
            copy.put("metadata", newMetadata);
            return new AdmissionPluginResult(List.of(), List.of(new PatchOp("add", "/metadata/labels", Map.of("team", "platform"))),
                    copy, List.of(AdmissionReason.mutated("default-team", "")));
        }
    }

    /** Denies a pod without a team label; warns when the team is the default one. */
    private static final class RequireTeam implements AdmissionPlugin {
        @Override public String name() { return "require-team"; }
        @Override public String describe() { return "require-team (example)"; }
        @Override public List<AdmissionTarget> targets() {
            return List.of(new AdmissionTarget(Kind.VALIDATE, Set.of("CREATE"), Set.of("pods")));
        }

        @Override
        @SuppressWarnings("unchecked")
        public AdmissionPluginResult evaluate(AdmissionRequest request) {
            Map<String, Object> labels = (Map<String, Object>) ((Map<String, Object>) request.object().get("metadata")).get("labels");
            Object team = labels == null ? null : labels.get("team");
            if (team == null) {
                return AdmissionPluginResult.validated(request, List.of(
                        new AdmissionReason("team-label", "", Enforcement.DENY, "pod has no team label", "metadata.labels")));
            }
            if (team.equals("platform")) {
                return AdmissionPluginResult.validated(request, List.of(
                        new AdmissionReason("team-label", "", Enforcement.WARN, "pod is on the default team", "metadata.labels")));
            }
            return AdmissionPluginResult.unchanged(request);
        }

        @Override
        public List<String> summarize(Enforcement enforcement, List<String> messages) {
            return messages.stream().map(m -> "team policy: " + m).toList();
        }
    }

    private static AdmissionRequest pod() {
        return AdmissionRequest.builder().operation("CREATE").kind("Pod").resource("pods").namespace("dev")
                .objectJson("{\"metadata\": {\"name\": \"p\"}}").build();
    }

    @Test
    void validationSeesTheObjectEveryMutationLeft_inEitherOrder() {
        for (List<AdmissionPlugin> plugins : List.of(List.of(new DefaultTeam(), new RequireTeam()),
                List.<AdmissionPlugin>of(new RequireTeam(), new DefaultTeam()))) {
            PolicyEngine.Builder b = PolicyEngine.builder().add(NOBODY);
            plugins.forEach(b::admission);
            try (PolicyEngine engine = b.build()) {
                AdmissionDecision d = engine.admit(pod());
                assertTrue(d.allowed(), d.message());
                assertEquals(List.of("team policy: pod is on the default team"), d.warnings());
                assertEquals(List.of(new PatchOp("add", "/metadata/labels", Map.of("team", "platform"))), d.patch());
                assertEquals(List.of("default-team", "team-label"), d.reasons().stream().map(AdmissionReason::ruleId).toList());
            }
        }
    }

    @Test
    void theValidatePhaseAlone_judgesTheObjectAsGiven() {
        try (PolicyEngine engine = PolicyEngine.builder().add(NOBODY).admission(new DefaultTeam()).admission(new RequireTeam()).build()) {
            AdmissionDecision d = engine.admit(pod(), AdmissionPhase.VALIDATE);
            assertFalse(d.allowed());
            assertEquals("team policy: pod has no team label", d.message());
            assertEquals(List.of(), d.patch());
            assertEquals(List.of(), engine.admit(pod(), AdmissionPhase.MUTATE).denials());
        }
    }

    @Test
    void aResult_keepsViolationsAndMutationsApart() {
        AdmissionReason mutated = AdmissionReason.mutated("m", "");
        assertThrows(IllegalArgumentException.class, () -> AdmissionPluginResult.validated(pod(), List.of(mutated)));
        AdmissionReason deny = new AdmissionReason("v", "", Enforcement.DENY, "no", "");
        assertThrows(IllegalArgumentException.class,
                () -> new AdmissionPluginResult(List.of(), List.of(), pod().object(), List.of(deny)));
    }
}
