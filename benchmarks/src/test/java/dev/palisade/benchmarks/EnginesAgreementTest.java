package dev.palisade.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.request.RequestAttributes;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmark's correctness gate at small sizes, so that CI catches an engine (or the
 * workload generator) drifting: every engine answers ALLOW/not-ALLOW as the index does on every
 * request of the mix, and the mix really ends in all three outcomes.
 */
class EnginesAgreementTest {

    /** The workload needs ../shared/conformance: skipped where it is absent, failed under CI=true (as every conformance test). */
    @BeforeEach
    void bootstrapPolicyIsThere() {
        if (ConformanceDir.bootstrap().isPresent()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(ConformanceDir.bootstrapMissing() + " — required under CI=true");
        }
        Assumptions.abort(ConformanceDir.bootstrapMissing());
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 1000})
    void everyEngineAgreesWithTheIndex(int bindings) {
        Workload w = Workload.generate(bindings, Workload.SEED);

        Map<IndexAuthorizer.Outcome, Integer> mix = Engines.outcomes(w);
        for (IndexAuthorizer.Outcome o : IndexAuthorizer.Outcome.values()) {
            assertTrue(mix.getOrDefault(o, 0) >= Workload.REQUESTS / 50, "too few " + o + " in the mix: " + mix);
        }

        PolicyEngine palisade = Engines.palisade(w);
        Engines.checkAgreement("palisade", w, r -> palisade.authorize(r).allowed());
        Engines.checkAgreement("jcasbin", w, Engines.peer("jcasbin", w)::allowed);

        PeerAuthorizer cedar;
        try {
            cedar = Engines.peer("cedar", w);
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            Assumptions.abort("cedar-java's native library cannot load on this machine (" + e
                    + "): the cedar agreement check is skipped here, not in the benchmark");
            return;
        }
        Engines.checkAgreement("cedar", w, cedar::allowed);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 1000})
    void theWorkloadIsDeterministic(int bindings) {
        Workload a = Workload.generate(bindings, Workload.SEED);
        Workload b = Workload.generate(bindings, Workload.SEED);
        assertEquals(a.requests(), b.requests());
        assertEquals(a.dslText(), b.dslText());
        assertEquals(a.policy().roleBindings().size() + a.policy().clusterRoleBindings().size(),
                b.policy().roleBindings().size() + b.policy().clusterRoleBindings().size());
        assertEquals(Workload.REQUESTS, a.requests().size());
    }

    @ParameterizedTest
    @ValueSource(ints = {100})
    void aWrongEngineIsCaught(int bindings) {
        Workload w = Workload.generate(bindings, Workload.SEED);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Engines.checkAgreement("always-allow", w, (RequestAttributes r) -> true));
        assertTrue(e.getMessage().contains("disagrees with the index"), e.getMessage());
    }
}
