package dev.palisade.dsl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.compile.Policies;
import dev.palisade.dsl.compile.TestRequest;
import dev.palisade.dsl.runtime.ListFactUse.Use;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hot-path shortcuts of {@link PolicyProgram}: group and extra facts are skipped only where no
 * rule could observe them, and the per-thread interner keeps attribute-to-attribute equality
 * right for strings no rule names, however many there are.
 */
class ListFactUseTest {

    @Test
    void constantMembershipInsertsNoFactsAndIsTestedOnTheRequest() {
        PolicyProgram p = Policies.build("""
                allow "admins" when "admins" in user.groups
                allow "scoped" when "write" in user.extra["scopes"]
                """);
        assertEquals(new ListFactUse(Use.NONE, Use.NONE, true, true), p.listFactUse());
        assertEquals(Effect.ALLOW, p.evaluate(TestRequest.of().groups("x", "admins", "y")).effect());
        assertEquals(Effect.ALLOW, p.evaluate(TestRequest.of().extra("scopes", "read", "write")).effect());
        assertNull(p.evaluate(TestRequest.of().groups("x", "y").extra("scopes", "read")).effect());
    }

    @Test
    void noRuleOnGroupsInsertsNoGroups() {
        PolicyProgram p = Policies.build("allow \"ns\" when namespace == \"prod\"");
        assertEquals(new ListFactUse(Use.NONE, Use.NONE), p.listFactUse());
        assertEquals(Effect.ALLOW, p.evaluate(TestRequest.of().groups("a", "b").namespace("prod")).effect());
    }

    @Test
    void negatedMembershipIsUnchangedByUnknownGroups() {
        PolicyProgram p = Policies.build("deny \"outsiders\" when not (\"staff\" in user.groups) and resourceRequest");
        assertEquals(new ListFactUse(Use.NONE, Use.NONE, true, false), p.listFactUse());
        assertEquals(Effect.DENY, p.evaluate(TestRequest.of().groups("a", "b").namespace("prod")).effect());
        assertNull(p.evaluate(TestRequest.of().groups("a", "staff").namespace("prod")).effect());
    }

    @Test
    void predicatesOnGroupsSeeEveryGroup() {
        PolicyProgram p = Policies.build("deny \"blocked\" when user.groups startsWith \"blocked:\"");
        assertEquals(Use.ALL_VALUES, p.listFactUse().groups());
        assertEquals(Effect.DENY, p.evaluate(TestRequest.of().groups("a", "blocked:me")).effect());
    }

    @Test
    void groupsComparedWithAnAttributeSeeEveryGroup() {
        PolicyProgram p = Policies.build("allow \"own-team\" when namespace in user.groups");
        assertEquals(Use.ALL_VALUES, p.listFactUse().groups());
        assertEquals(Effect.ALLOW, p.evaluate(TestRequest.of().groups("team-a", "team-b").namespace("team-b")).effect());
        assertNull(p.evaluate(TestRequest.of().groups("team-a", "team-b").namespace("team-c")).effect());
    }

    @Test
    void internerStaysExactPastItsLinearPart() {
        PolicyProgram p = Policies.build("allow \"own-team\" when namespace in user.groups");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add("g" + i);
        }
        assertEquals(Effect.ALLOW, p.evaluate(TestRequest.of().groupList(many).namespace("g77")).effect());
        assertEquals(Effect.ALLOW, p.evaluate(TestRequest.of().groupList(many).namespace("g3")).effect());
        assertNull(p.evaluate(TestRequest.of().groupList(many).namespace("g100")).effect());
        // the next request starts with an empty interner: "g77" is not remembered as a group
        assertNull(p.evaluate(TestRequest.of().groups("x").namespace("g77")).effect());
        assertEquals(0, p.liveFactCount());
    }

    @Test
    void scalarComparedWithScalarStaysExactForUnknownStrings() {
        PolicyProgram p = Policies.build("allow \"own\" when namespace == user.name");
        assertEquals(Effect.ALLOW, p.evaluate(TestRequest.of().user("alice").namespace("alice")).effect());
        assertNull(p.evaluate(TestRequest.of().user("alice").namespace("bob")).effect());
    }
}
