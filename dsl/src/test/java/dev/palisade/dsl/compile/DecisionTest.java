package dev.palisade.dsl.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.runtime.PolicyProgram;
import dev.palisade.dsl.runtime.PolicyResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Combining rules inside one policy set: deny overrides allow, no match is no opinion. */
class DecisionTest {
    private static PolicyProgram program;

    @BeforeAll
    static void build() {
        program = Policies.build("""
                package cluster.security

                allow "pod-readers"
                  when user.name == "alex" or "readers" in user.groups
                   and verb in ["get", "list", "watch"] and resource == "pods"

                allow "everyone-reads-health" when not resourceRequest and path == "/healthz"

                deny "no-secrets-for-interns"
                  when "interns" in user.groups and resource == "secrets"
                  because "interns may not read secrets"

                deny "no-kube-system-for-interns" when "interns" in user.groups and namespace == "kube-system"
                """, """
                allow "interns-read-anything" when "interns" in user.groups
                deny "nobody-deletes-nodes" when verb == "delete" and resource == "nodes" because "never"
                """);
    }

    private static List<String> ids(PolicyResult r) {
        return r.matched().stream().map(RuleInfo::id).toList();
    }

    @Test
    void allowWithEveryMatchingAllowRule() {
        PolicyResult r = program.evaluate(TestRequest.of().groups("readers", "interns").verb("get").resource("pods"));
        assertEquals(Effect.ALLOW, r.effect());
        assertEquals(List.of("cluster.security/pod-readers", "interns-read-anything"), ids(r));
    }

    @Test
    void denyOverridesAllowAndListsEveryMatchingDeny() {
        PolicyResult r = program.evaluate(TestRequest.of().groups("interns").resource("secrets").namespace("kube-system"));
        assertEquals(Effect.DENY, r.effect());
        assertEquals(List.of("cluster.security/no-secrets-for-interns", "cluster.security/no-kube-system-for-interns"), ids(r));
        assertEquals("interns may not read secrets", r.matched().get(0).message());
        assertNull(r.matched().get(1).message());
    }

    @Test
    void denyAloneAcrossFiles() {
        PolicyResult r = program.evaluate(TestRequest.of().verb("delete").resource("nodes"));
        assertEquals(Effect.DENY, r.effect());
        assertEquals(List.of("nobody-deletes-nodes"), ids(r));
        assertEquals("p1.pal:2:1", r.matched().get(0).location());
    }

    @Test
    void noMatchIsNoOpinion() {
        PolicyResult r = program.evaluate(TestRequest.of().user("bob").verb("get").resource("pods"));
        assertSame(PolicyResult.NO_MATCH, r);
        assertNull(r.effect());
    }

    @Test
    void ruleInfoCarriesIdEffectMessageAndSpan() {
        RuleInfo first = program.rules().get(0);
        assertEquals("cluster.security/pod-readers", first.id());
        assertEquals(Effect.ALLOW, first.effect());
        assertEquals("p0.pal:3:1", first.location());
        assertEquals(6, program.rules().size());
    }

    @Test
    void ruleWithoutConditionAlwaysMatches() {
        PolicyProgram always = Policies.build("deny \"all\" because \"closed\"\nallow \"some\" when verb == \"get\"");
        PolicyResult r = always.evaluate(TestRequest.of().verb("get"));
        assertEquals(Effect.DENY, r.effect());
        assertEquals(List.of("all"), ids(r));
    }
}
