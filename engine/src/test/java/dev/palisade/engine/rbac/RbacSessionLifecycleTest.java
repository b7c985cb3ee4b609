package dev.palisade.engine.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.runtime.SessionPool;
import dev.palisade.engine.abac.AbacAuthorizer;
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
import dev.palisade.engine.testing.RetainedHeap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions belong to the authorizer's pool, not to threads: threads that end, engines that are
 * closed and requests racing a close leave no session (and so no KieBase) behind.
 */
class RbacSessionLifecycleTest {
    private static final PolicyRule READ = new PolicyRule(List.of("get"), List.of(""), List.of("pods"), null, null);

    private static RbacPolicy policy(int users) {
        List<RoleBinding> rbs = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            rbs.add(RoleBinding.of("ns", "b" + i, RoleRef.clusterRole("reader"), Subject.user("u" + i)));
        }
        return new RbacPolicy(null, List.of(ClusterRole.of("reader", READ)), rbs,
                List.of(ClusterRoleBinding.of("all", "reader", Subject.group("everyone"))));
    }

    private static RequestAttributes read(String user) {
        return RequestAttributes.resource(UserInfo.of(user), "get", "ns", "", "pods", "", "");
    }

    @Test
    void tenThousandShortLivedThreads_leaveAtMostThePoolCapacityOfSessions() throws Exception {
        RbacAuthorizer rbac = RbacAuthorizer.of(policy(2_000));
        assertTrue(rbac.authorize(read("u1")).allowed());
        long before = RetainedHeap.bytes();
        AtomicInteger wrong = new AtomicInteger();
        for (int batch = 0; batch < 100; batch++) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 100; t++) {
                int n = batch * 100 + t;
                Thread thread = new Thread(() -> {
                    boolean expected = n % 4000 < 2000; // u0..u1999 are bound, the others are not
                    if (rbac.authorize(read("u" + (n % 4000))).allowed() != expected) {
                        wrong.incrementAndGet();
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        long after = RetainedHeap.bytes();
        System.out.printf("RBAC, 10,000 threads: retained %s -> %s, %d live sessions (cap %d)%n",
                RetainedHeap.mib(before), RetainedHeap.mib(after), rbac.liveSessions(), SessionPool.DEFAULT_CAPACITY);
        assertEquals(0, wrong.get(), "every thread got the right decision");
        assertTrue(rbac.liveSessions() <= SessionPool.DEFAULT_CAPACITY, "sessions: " + rbac.liveSessions());
        // one session with 2,000 grants is about 1-2 MiB; 10,000 of them would be gigabytes
        assertTrue(after - before < 24L << 20, "retained growth " + RetainedHeap.mib(after - before));
        rbac.close();
        assertEquals(0, rbac.liveSessions());
    }

    @Test
    void thousandBuildCloseCycles_onLongLivedThreads_retainBoundedHeap(@TempDir Path dir) throws Exception {
        Path abacFile = Files.writeString(dir.resolve("abac.jsonl"),
                "{\"apiVersion\":\"abac.authorization.kubernetes.io/v1beta1\",\"kind\":\"Policy\","
                        + "\"spec\":{\"user\":\"u1\",\"namespace\":\"*\",\"resource\":\"*\",\"apiGroup\":\"*\"}}\n");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            Runnable cycle = () -> {
                RbacAuthorizer rbac = RbacAuthorizer.of(policy(200));
                AbacAuthorizer abac = AbacAuthorizer.fromFile("ABAC", abacFile);
                try (rbac; abac) {
                    for (int i = 0; i < 4; i++) {
                        if (!rbac.authorize(read("u" + i)).allowed() || abac.authorize(read("u" + i)).allowed() != (i == 1)) {
                            throw new AssertionError("wrong decision for u" + i);
                        }
                    }
                }
            };
            runCycles(threads, cycle, 50); // warm: KieBases, class loading, JIT
            long before = RetainedHeap.bytes();
            runCycles(threads, cycle, 1_000);
            long after = RetainedHeap.bytes();
            System.out.printf("RBAC+ABAC, 1,000 build/close cycles on 4 threads: retained %s -> %s%n",
                    RetainedHeap.mib(before), RetainedHeap.mib(after));
            // an engine's sessions here are ~0.5 MiB: keeping even 10% of them would exceed this
            assertTrue(after - before < 16L << 20, "retained growth " + RetainedHeap.mib(after - before));
        } finally {
            threads.shutdown();
            assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    private static void runCycles(ExecutorService threads, Runnable cycle, int count) throws Exception {
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            done.add(threads.submit(cycle));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
    }

    @Test
    void requestsRacingClose_areDecidedCorrectlyOrRefused_andEverySessionIsDisposedAfter() throws Exception {
        for (int round = 0; round < 20; round++) {
            RbacAuthorizer rbac = RbacAuthorizer.of(policy(500));
            AtomicInteger wrongAllow = new AtomicInteger();
            AtomicInteger wrongDeny = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch started = new CountDownLatch(4);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    started.countDown();
                    for (int i = 0; i < 2_000; i++) {
                        Decision d = rbac.authorize(read("u" + (i % 1000)));
                        if (!d.errors().isEmpty()) {
                            assertFalse(d.allowed());
                            refused.incrementAndGet();
                        } else if (d.allowed() != (i % 1000 < 500)) {
                            (d.allowed() ? wrongAllow : wrongDeny).incrementAndGet();
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            started.await();
            rbac.close();
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(0, wrongAllow.get(), "round " + round);
            assertEquals(0, wrongDeny.get(), "a session disposed under a request would answer wrongly, round " + round);
            assertEquals(0, rbac.liveSessions(), "sessions in use at close are disposed when returned, round " + round);
            assertTrue(rbac.authorize(read("u1")).errors().size() == 1 && !rbac.authorize(read("u1")).allowed(),
                    "after close: an error decision");
            if (round == 19) {
                System.out.println("close race: last round refused " + refused.get() + " of 8000 requests after close");
            }
        }
    }
}
