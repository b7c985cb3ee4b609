package dev.palisade.dsl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.compile.Policies;
import dev.palisade.dsl.compile.RuleInfo;
import dev.palisade.dsl.compile.TestRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Session reuse: nothing leaks between requests, failures propagate, threads do not interfere. */
class PolicyProgramTest {
    private static PolicyProgram program;

    @BeforeAll
    static void build() {
        program = Policies.build("""
                allow "admins" when "admins" in user.groups
                allow "scoped" when "write" in user.extra["scopes"]
                allow "own-namespace" when namespace == user.name
                deny "blocked" when user.groups startsWith "blocked:"
                """);
    }

    private static List<String> ids(PolicyResult r) {
        return r.matched().stream().map(RuleInfo::id).toList();
    }

    @Test
    void nothingLeaksFromOneRequestToTheNext() {
        PolicyResult a = program.evaluate(TestRequest.of().groups("admins").extra("scopes", "write").user("x").namespace("x"));
        assertEquals(List.of("admins", "scoped", "own-namespace"), ids(a));
        assertEquals(0, program.liveFactCount());
        PolicyResult b = program.evaluate(TestRequest.of().user("y").namespace("z"));
        assertNull(b.effect());
        assertEquals(0, program.liveFactCount());
    }

    @Test
    void aFailureMidInsertPropagatesAndLeavesNoFacts() {
        // the null group fails after the request fact and the "admins" group fact are inserted
        TestRequest poisoned = TestRequest.of().groupList(Arrays.asList("admins", null));
        assertThrows(NullPointerException.class, () -> program.evaluate(poisoned));
        assertEquals(0, program.liveFactCount());
        assertNull(program.evaluate(TestRequest.of().user("y").namespace("z")).effect());
    }

    @Test
    void aFailingInputNeverAllows() {
        // without the failure this input would be allowed by "admins"
        AuthzInput throwing = (AuthzInput) java.lang.reflect.Proxy.newProxyInstance(AuthzInput.class.getClassLoader(),
                new Class<?>[] {AuthzInput.class}, (proxy, method, args) -> {
                    if (method.getName().equals("userExtra")) {
                        throw new IllegalStateException("extra unavailable");
                    }
                    return method.getReturnType() == boolean.class ? true
                            : method.getReturnType() == List.class ? List.of("admins") : "";
                });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> program.evaluate(throwing));
        assertEquals("extra unavailable", e.getMessage());
        assertEquals(0, program.liveFactCount());
    }

    @Test
    void concurrentEvaluationsGetTheirOwnAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String me = "u" + thread + "-" + i;
                        switch ((i + thread) % 4) {
                            case 0 -> assertEquals(List.of("admins"), ids(program.evaluate(TestRequest.of().groups("admins").user(me))));
                            case 1 -> assertEquals(List.of("own-namespace"), ids(program.evaluate(TestRequest.of().user(me).namespace(me))));
                            case 2 -> assertEquals(List.of("blocked"), ids(program.evaluate(TestRequest.of().groups("admins", "blocked:" + me))));
                            default -> assertNull(program.evaluate(TestRequest.of().user(me).namespace(me + "x")).effect());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
