package dev.palisade.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** AdmissionBenchmark's gate in CI: the engine and the Jackson floor agree on every sample pod. */
class AdmissionAgreementTest {
    private static final PolicyEngine ENGINE = AdmissionBenchmark.engine();

    @Test
    void engineAndFloorAgreeOnEverySamplePod() {
        AdmissionBenchmark.checkAgreement(ENGINE, SamplePods.all());
    }

    @Test
    void theTypicalPodPassesAndTheBrokenOneFailsSeveralChecks() {
        assertEquals(Set.of(), PodSecurityFloor.violations(SamplePods.typical()));
        assertTrue(AdmissionBenchmark.palisadeViolations(ENGINE, SamplePods.all().get("many")).size() >= 4);
    }

    @Test
    void aGateThatSeesNoDifferenceIsStillCaughtByTheExpectedOutcome() {
        // both sides flag hostIPC, but a sample named "typical" must pass: the gate refuses it
        ObjectNode pod = (ObjectNode) SamplePods.typical();
        ((ObjectNode) pod.get("spec")).put("hostIPC", true);
        assertEquals(Set.of("hostNamespaces"), PodSecurityFloor.violations(pod));
        assertThrows(IllegalStateException.class, () -> AdmissionBenchmark.checkAgreement(ENGINE, Map.of("typical", pod)));
    }
}
