package dev.palisade.dsl.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.runtime.PolicyProgram;
import dev.palisade.dsl.runtime.PolicyResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Deny overrides allow and rule order does not matter, checked against a plain-Java oracle of
 * each rule. KieBase builds cost about a second, so programs are built once per rule order and
 * reused across tries.
 */
class CombiningProperties {
    record PoolRule(Effect effect, String name, String condition, Predicate<TestRequest> oracle) {
        String text() {
            return effect.name().toLowerCase() + " \"" + name + "\" when " + condition + "\n";
        }
    }

    static final List<PoolRule> POOL = List.of(
            new PoolRule(Effect.ALLOW, "a", "verb == \"get\"", r -> r.verb().equals("get")),
            new PoolRule(Effect.ALLOW, "b", "\"readers\" in user.groups", r -> r.userGroups().contains("readers")),
            new PoolRule(Effect.DENY, "c", "\"interns\" in user.groups and resource == \"secrets\"",
                    r -> r.userGroups().contains("interns") && r.resource().equals("secrets")),
            new PoolRule(Effect.ALLOW, "d", "namespace == user.name", r -> r.namespace().equals(r.userName())),
            new PoolRule(Effect.DENY, "e", "name matches \"tmp-*\"", r -> r.name().startsWith("tmp-")),
            new PoolRule(Effect.ALLOW, "f", "resource in [\"pods\", \"secrets\"]",
                    r -> r.resource().equals("pods") || r.resource().equals("secrets")),
            new PoolRule(Effect.DENY, "g", "not resourceRequest and path startsWith \"/debug\"",
                    r -> !r.resourceRequest() && r.path().startsWith("/debug")),
            new PoolRule(Effect.ALLOW, "h", "user.extra[\"scopes\"] contains \"all\" or not (verb != \"list\")",
                    r -> r.userExtra().getOrDefault("scopes", List.of()).contains("all") || r.verb().equals("list")));

    private static final Map<List<String>, PolicyProgram> BUILT = new HashMap<>();

    /** Builds (once) the pool in the given order, split over two files. */
    static synchronized PolicyProgram program(List<PoolRule> order) {
        List<String> key = order.stream().map(PoolRule::name).toList();
        return BUILT.computeIfAbsent(key, k -> {
            StringBuilder first = new StringBuilder();
            StringBuilder second = new StringBuilder();
            for (int i = 0; i < order.size(); i++) {
                (i % 2 == 0 ? first : second).append(order.get(i).text());
            }
            return Policies.build(first.toString(), second.toString());
        });
    }

    static void assertOracle(PolicyResult result, TestRequest request) {
        List<PoolRule> denies = POOL.stream().filter(r -> r.effect() == Effect.DENY && r.oracle().test(request)).toList();
        List<PoolRule> allows = POOL.stream().filter(r -> r.effect() == Effect.ALLOW && r.oracle().test(request)).toList();
        List<PoolRule> deciding = denies.isEmpty() ? allows : denies;
        Effect expected = !denies.isEmpty() ? Effect.DENY : !allows.isEmpty() ? Effect.ALLOW : null;
        assertEquals(expected, result.effect(), request::toString);
        assertEquals(deciding.stream().map(PoolRule::name).collect(Collectors.toSet()),
                result.matched().stream().map(RuleInfo::id).collect(Collectors.toSet()), request::toString);
    }

    private static Set<String> ids(PolicyResult r) {
        return r.matched().stream().map(RuleInfo::id).collect(Collectors.toSet());
    }

    @Provide
    Arbitrary<TestRequest> requests() {
        Arbitrary<String> who = Arbitraries.of("", "ann", "bob", "tmp-1");
        Arbitrary<List<String>> groups = Arbitraries.of("readers", "interns", "other").set().map(List::copyOf);
        Arbitrary<TestRequest> resource = Combinators.combine(
                Arbitraries.of("", "get", "list", "delete"), groups, who, who,
                Arbitraries.of("pods", "secrets", "nodes"), Arbitraries.of("", "tmp-1", "web", "tmp"),
                Arbitraries.of("all", "none").set())
            .as((verb, gs, user, ns, res, name, scopes) -> {
                TestRequest r = TestRequest.of().verb(verb).groupList(gs).user(user).namespace(ns).resource(res).name(name);
                return scopes.isEmpty() ? r : r.extra("scopes", scopes.toArray(String[]::new));
            });
        Arbitrary<TestRequest> nonResource = Combinators.combine(
                Arbitraries.of("get", "list"), groups, Arbitraries.of("/debug/pprof", "/healthz", "/debu"))
            .as((verb, gs, path) -> TestRequest.of().verb(verb).groupList(gs).path(path));
        return Arbitraries.oneOf(resource, nonResource);
    }

    @Provide
    Arbitrary<List<PoolRule>> orders() {
        return Arbitraries.shuffle(POOL);
    }

    /** Many requests, two fixed orders (as written and reversed): cheap, since both builds are reused. */
    @Property(tries = 300)
    void denyOverridesAllowInEitherOrder(@ForAll("requests") TestRequest request) {
        List<PoolRule> reversed = new ArrayList<>(POOL);
        java.util.Collections.reverse(reversed);
        PolicyResult forward = program(POOL).evaluate(request);
        assertOracle(forward, request);
        PolicyResult backward = program(reversed).evaluate(request);
        assertEquals(ids(forward), ids(backward));
        assertEquals(forward.effect(), backward.effect());
    }

    /** Random rule orders: each try builds a KieBase, so few tries, each checking many requests. */
    @Property(tries = 6)
    void ruleOrderDoesNotMatter(@ForAll("orders") List<PoolRule> order,
                                @ForAll("requestBatches") List<TestRequest> batch) {
        PolicyProgram p = program(order);
        for (TestRequest r : batch) {
            assertOracle(p.evaluate(r), r);
        }
    }

    @Provide
    Arbitrary<List<TestRequest>> requestBatches() {
        return requests().list().ofSize(40);
    }
}
