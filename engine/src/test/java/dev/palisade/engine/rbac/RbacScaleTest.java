package dev.palisade.engine.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.engine.rbac.model.ClusterRole;
import dev.palisade.engine.rbac.model.ClusterRoleBinding;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.rbac.model.RoleBinding;
import dev.palisade.engine.rbac.model.RoleRef;
import dev.palisade.engine.rbac.model.Subject;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 10,000 bindings: decisions stay correct, and a rough per-decision time is printed (not
 * asserted: timing belongs to the JMH benchmarks, not to a pass/fail test on a shared machine).
 */
class RbacScaleTest {
    @Test
    void tenThousandBindings_decideCorrectly_andReportRoughTime() {
        PolicyRule read = new PolicyRule(List.of("get", "list", "watch"), List.of("", "apps"), List.of("pods", "deployments"), null, null);
        PolicyRule write = new PolicyRule(List.of("create", "update"), List.of("apps"), List.of("deployments"), null, null);
        List<RoleBinding> rbs = new ArrayList<>();
        for (int i = 0; i < 9_900; i++) {
            rbs.add(RoleBinding.of("ns" + (i % 100), "rb" + i, RoleRef.clusterRole(i % 2 == 0 ? "reader" : "writer"),
                    Subject.user("user" + i), Subject.group("team" + (i % 500))));
        }
        List<ClusterRoleBinding> crbs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            crbs.add(ClusterRoleBinding.of("crb" + i, "reader", Subject.group("auditors" + i)));
        }
        long buildStart = System.nanoTime();
        RbacAuthorizer rbac = RbacAuthorizer.of(new RbacPolicy(null,
                List.of(ClusterRole.of("reader", read), ClusterRole.of("writer", write)), rbs, crbs));
        long built = System.nanoTime() - buildStart;

        int n = 4_096;
        RequestAttributes[] requests = new RequestAttributes[n];
        boolean[] expected = new boolean[n];
        RuleResolver reference = new RuleResolver(rbac.policy());
        for (int i = 0; i < n; i++) {
            int u = (i * 7919) % 10_000;
            UserInfo user = UserInfo.of("user" + u, "team" + (u % 500), "system:authenticated");
            String verb = i % 3 == 0 ? "create" : "get";
            requests[i] = RequestAttributes.resource(user, verb, "ns" + (i % 100), "apps", "deployments", "", "");
            expected[i] = reference.firstAllowing(requests[i]).isPresent();
        }
        long firstStart = System.nanoTime();
        rbac.authorize(requests[0]);
        long first = System.nanoTime() - firstStart;
        for (int round = 0; round < 30; round++) { // warm-up, so constraints are jitted
            for (RequestAttributes r : requests) {
                rbac.authorize(r);
            }
        }
        int allowed = 0;
        int rounds = 25;
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < n; i++) {
                boolean a = rbac.authorize(requests[i]).allowed();
                if (a != expected[i]) {
                    assertEquals(expected[i], a, requests[i].describe() + " by " + requests[i].user());
                }
                allowed += a ? 1 : 0;
            }
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / ((double) rounds * n);
        System.out.printf("RBAC at %,d grant facts (10,000 bindings): build %.0f ms, first decision (session + grants) %.1f ms,"
                        + " warm %.2f µs/decision (%d of %d allowed)%n",
                rbac.grantCount(), built / 1e6, first / 1e6, micros, allowed, rounds * n);
        rbac.close();
    }
}
