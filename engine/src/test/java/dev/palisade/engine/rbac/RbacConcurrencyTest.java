package dev.palisade.engine.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.authz.Decision;
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
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Concurrent requests decide as sequential ones: they share each authorizer's identity cache
 * (one per authorizer, read and filled by every thread) and borrow its sessions for joins, and
 * must neither see each other's keys nor leave any behind. Two authorizers (two grant sets, one
 * shared KieBase) run side by side; with a tiny cache bound the cache is emptied while other
 * threads read and fill it.
 */
class RbacConcurrencyTest {
    private static final PolicyRule READ = new PolicyRule(List.of("get"), List.of(""), List.of("pods"), null, null);

    private static RbacPolicy policy(int users, String prefix) {
        List<RoleBinding> rbs = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            rbs.add(RoleBinding.of("ns" + (i % 7), "b" + i, RoleRef.clusterRole("reader"), Subject.user(prefix + i)));
        }
        return new RbacPolicy(null, List.of(ClusterRole.of("reader", READ)), rbs,
                List.of(ClusterRoleBinding.of("all", "reader", Subject.group(prefix + "-everyone"))));
    }

    @Test
    void concurrentRequests_decideAsSequentialOnes() throws Exception {
        decideConcurrently(IdentityCache.DEFAULT_MAX_ENTRIES);
    }

    @Test
    void concurrentRequests_decideAsSequentialOnes_whileTheCacheIsEmptiedUnderThem() throws Exception {
        decideConcurrently(20);
    }

    private static void decideConcurrently(int identityCacheEntries) throws Exception {
        RbacAuthorizer first = RbacAuthorizer.of(policy(500, "u"), identityCacheEntries);
        RbacAuthorizer second = RbacAuthorizer.of(policy(500, "v"), identityCacheEntries);
        RuleResolver refFirst = new RuleResolver(first.policy());
        RuleResolver refSecond = new RuleResolver(second.policy());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> jobs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                jobs.add(() -> {
                    Random random = new Random(seed);
                    int allowed = 0;
                    for (int i = 0; i < 3_000; i++) {
                        boolean useFirst = random.nextBoolean();
                        String prefix = random.nextBoolean() ? "u" : "v";
                        // the same user comes with and without the group, so cached users must be checked
                        List<String> groups = random.nextInt(10) == 0 ? List.of(prefix + "-everyone") : List.of();
                        UserInfo user = new UserInfo(prefix + random.nextInt(600), "", groups, null);
                        RequestAttributes r = RequestAttributes.resource(user, "get", "ns" + random.nextInt(8), "", "pods", "", "");
                        Decision d = (useFirst ? first : second).authorize(r);
                        boolean expected = (useFirst ? refFirst : refSecond).firstAllowing(r).isPresent();
                        assertEquals(expected, d.allowed(), r.describe() + " by " + user);
                        allowed += d.allowed() ? 1 : 0;
                    }
                    return allowed;
                });
            }
            int allowed = 0;
            for (Future<Integer> f : pool.invokeAll(jobs)) {
                allowed += f.get();
            }
            assertTrue(allowed > 1_000 && allowed < 23_000, "the mix exercises both outcomes: " + allowed);
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            first.close();
            second.close();
        }
    }

    @Test
    void aRequest_leavesNoFactsBehind_forTheNextOneOnTheSameThread() {
        RbacAuthorizer rbac = RbacAuthorizer.of(policy(10, "u"));
        // u3 is bound in ns3; were u3's identity fact left behind, u99's next request in ns3 would be allowed
        assertTrue(rbac.authorize(RequestAttributes.resource(UserInfo.of("u3"), "get", "ns3", "", "pods", "", "")).allowed());
        assertEquals(false, rbac.authorize(RequestAttributes.resource(UserInfo.of("u99"), "get", "ns3", "", "pods", "", "")).allowed());
        assertTrue(rbac.authorize(RequestAttributes.resource(UserInfo.of("x", "u-everyone"), "get", "", "", "pods", "", "")).allowed());
        assertEquals(false, rbac.authorize(RequestAttributes.resource(UserInfo.of("x"), "get", "", "", "pods", "", "")).allowed());
        rbac.close();
    }
}
