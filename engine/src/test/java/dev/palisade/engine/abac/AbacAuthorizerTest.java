package dev.palisade.engine.abac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The Drools evaluation against the direct port, reasons, and behaviour under threads. */
class AbacAuthorizerTest {
    private static final UserInfo ALICE = new UserInfo("alice", "", List.of("dev", "system:authenticated"), Map.of());

    @Test
    void reasonNamesTheFirstAllowingLineInFileOrder() {
        AbacAuthorizer a = AbacAuthorizer.of(List.of(
                new AbacPolicy("bob", "", false, "*", "*", "*", "*", 1, "f:1"),
                new AbacPolicy("", "dev", true, "*", "pods", "*", "", 2, "f:2"),
                new AbacPolicy("alice", "", false, "*", "*", "*", "", 3, "f:3")));
        Decision d = a.authorize(RequestAttributes.resource(ALICE, "get", "ns", "", "pods", "", ""));
        assertEquals(Verdict.ALLOW, d.verdict());
        assertEquals("f:2", d.reasons().get(0).source());
        assertEquals("line 2", d.reasons().get(0).ruleId());
        Decision write = a.authorize(RequestAttributes.resource(ALICE, "delete", "ns", "", "pods", "", ""));
        assertEquals("f:3", write.reasons().get(0).source());
        Decision none = a.authorize(RequestAttributes.nonResource(ALICE, "get", "/healthz"));
        assertEquals(Verdict.NO_OPINION, none.verdict(), "ABAC never denies");
    }

    @Test
    void lineWithoutSubjectMatchesNobody() {
        AbacAuthorizer a = AbacAuthorizer.of(List.of(new AbacPolicy("", "", false, "*", "*", "*", "*", 1, "f:1")));
        assertFalse(a.authorize(RequestAttributes.resource(ALICE, "get", "ns", "", "pods", "", "")).allowed());
    }

    @Test
    void closedAuthorizerFailsClosed() {
        AbacAuthorizer a = AbacAuthorizer.of(List.of(new AbacPolicy("alice", "", false, "*", "*", "*", "*", 1, "f:1")));
        a.close();
        Decision d = a.authorize(RequestAttributes.resource(ALICE, "get", "ns", "", "pods", "", ""));
        assertFalse(d.allowed());
        assertFalse(d.errors().isEmpty());
    }

    @Test
    void threadsGetConsistentAnswers() throws Exception {
        AbacAuthorizer a = AbacAuthorizer.of(List.of(new AbacPolicy("", "dev", true, "*", "pods", "prod", "", 1, "f:1")));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                boolean expectAllow = i % 2 == 0;
                results.add(pool.submit(() -> a.authorize(RequestAttributes.resource(ALICE, expectAllow ? "get" : "create",
                        "prod", "", "pods", "", "")).allowed() == expectAllow));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
            a.close();
        }
    }

    /** The hashed join must never lose or invent a match against the line-by-line port. */
    @Property(tries = 300)
    void droolsAgreesWithTheDirectPort(@ForAll("policies") List<AbacPolicy> policies, @ForAll("requests") RequestAttributes r) {
        boolean expected = policies.stream().anyMatch(p -> AbacMatcher.matches(p, r));
        try (AbacAuthorizer a = AbacAuthorizer.of(policies)) {
            assertEquals(expected, a.authorize(r).allowed());
        }
    }

    @Provide
    Arbitrary<List<AbacPolicy>> policies() {
        Arbitrary<String> who = Arbitraries.of("", "*", "alice", "bob");
        Arbitrary<String> group = Arbitraries.of("", "*", "dev", "ops", "system:authenticated");
        Arbitrary<String> value = Arbitraries.of("", "*", "pods", "ns1");
        Arbitrary<String> path = Arbitraries.of("", "*", "/api", "/api/*", "/apis*");
        return Combinators.combine(who, group, Arbitraries.of(true, false), value, value, value, path)
                .as((u, g, ro, api, res, ns, nrp) -> new AbacPolicy(u, g, ro, api, res, ns, nrp, 0, ""))
                .list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<RequestAttributes> requests() {
        Arbitrary<UserInfo> users = Arbitraries.of(
                new UserInfo("alice", "", List.of("dev", "system:authenticated"), Map.of()),
                new UserInfo("bob", "", List.of("ops"), Map.of()),
                new UserInfo("system:anonymous", "", List.of("system:unauthenticated"), Map.of()));
        Arbitrary<String> value = Arbitraries.of("", "pods", "ns1");
        return Combinators.combine(users, Arbitraries.of("get", "create", ""), value, value, value,
                        Arbitraries.of(true, false), Arbitraries.of("", "/api", "/api/v1", "/apis"))
                .as((u, verb, api, res, ns, rr, p) -> new RequestAttributes(u, verb, ns, api, "", res, "", "", rr, rr ? "" : p));
    }
}
