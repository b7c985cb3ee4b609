package dev.palisade.dsl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.compile.CompiledPolicySet;
import dev.palisade.dsl.compile.Policies;
import dev.palisade.dsl.compile.RuleInfo;
import dev.palisade.dsl.compile.TestRequest;
import dev.palisade.dsl.model.DrlWriter;
import dev.palisade.dsl.runtime.ListFactUse.Use;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A membership with a constant is tested on the request fact ({@code hasGroup(k)},
 * {@code hasExtra(k, v)}, after the hashed equalities) instead of joined with inserted group or
 * extra facts, including in rules that test nothing else. Table by table it answers as the join
 * did ({@code ModelDrlEquivalenceTest} also checks it against the DRL built the classic way).
 */
class MembershipOnRequestTest {
    private static final String POLICY = """
            allow "team-a-prod" when "team-a" in user.groups and namespace == "prod"
            deny "outsider-secrets" when not ("staff" in user.groups) and resource == "secrets"
            allow "x-and-y" when "x" in user.groups and "y" in user.groups and verb == "get"
            allow "ops-anywhere" when "ops" in user.groups
            deny "not-member-nonresource" when not ("member" in user.groups) and not resourceRequest
            allow "writers" when "write" in user.extra["scopes"] and verb == "create"
            deny "not-legacy-delete" when not ("legacy" in user.extra["scopes"]) and verb == "delete"
            """;
    private static final CompiledPolicySet SET = Policies.compile(POLICY);
    private static final PolicyProgram PROGRAM = SET.build();

    static Stream<Arguments> cases() {
        TestRequest get = TestRequest.of().verb("get").namespace("dev").resource("pods");
        return Stream.of(
                // member / not member
                Arguments.of("member", get.namespace("prod").groups("team-a"), List.of("team-a-prod")),
                Arguments.of("not member", get.namespace("prod").groups("team-b"), List.of()),
                Arguments.of("member elsewhere", get.groups("team-a"), List.of()),
                // negated membership: only a user outside "staff" is denied
                Arguments.of("negated, member", get.resource("secrets").groups("staff"), List.of()),
                Arguments.of("negated, not member", get.resource("secrets").groups("dev"), List.of("outsider-secrets")),
                Arguments.of("negated, no groups", get.resource("secrets"), List.of("outsider-secrets")),
                // several groups, in any order, with unknown ones between
                Arguments.of("both groups", get.groups("y", "unknown", "x"), List.of("x-and-y")),
                Arguments.of("one of two", get.groups("x", "unknown"), List.of()),
                Arguments.of("both, wrong verb", get.verb("list").groups("x", "y"), List.of()),
                Arguments.of("all allows at once", get.namespace("prod").groups("x", "team-a", "y", "ops"),
                        List.of("team-a-prod", "x-and-y", "ops-anywhere")),
                Arguments.of("a deny overrides them", get.namespace("prod").resource("secrets").groups("x", "team-a", "y"),
                        List.of("outsider-secrets")),
                // a group no rule names changes nothing
                Arguments.of("group named by no rule", get.namespace("prod").groups("nobody-names-me"), List.of()),
                Arguments.of("a rule's literal as another attribute", get.namespace("team-a").groups("prod"), List.of()),
                // rules with only a group test
                Arguments.of("only a group test", get.groups("ops"), List.of("ops-anywhere")),
                Arguments.of("only a negated group test", TestRequest.of().path("/x").groups("other"),
                        List.of("not-member-nonresource")),
                Arguments.of("only a negated group test, member", TestRequest.of().path("/x").groups("member"), List.of()),
                // extra values
                Arguments.of("extra member", get.verb("create").extra("scopes", "read", "write"), List.of("writers")),
                Arguments.of("extra other key", get.verb("create").extra("other", "write"), List.of()),
                Arguments.of("extra negated", get.verb("delete").extra("scopes", "write"), List.of("not-legacy-delete")),
                Arguments.of("extra negated, member", get.verb("delete").extra("scopes", "legacy"), List.of()),
                Arguments.of("extra negated, no extra", get.verb("delete"), List.of("not-legacy-delete")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsTheJoin(String name, TestRequest request, List<String> expected) {
        assertEquals(expected, ids(PROGRAM.evaluate(request)), name);
        assertEquals(0, PROGRAM.liveFactCount());
    }

    @Test
    void shapes() {
        String drl = DrlWriter.drl(SET.plan());
        assertTrue(drl.contains("RequestFact( namespaceSym == 1, hasGroup(0) )"), drl);
        assertTrue(drl.contains("RequestFact( resourceSym == 3, !hasGroup(2) )"), drl);
        assertTrue(drl.contains("RequestFact( verbSym == 6, hasGroup(4), hasGroup(5) )"), drl);
        assertTrue(drl.contains("RequestFact( hasGroup(7) )"), drl); // only a group test
        assertTrue(drl.contains("RequestFact( resourceRequest == false, !hasGroup(8) )"), drl);
        assertFalse(drl.contains("GroupFact("), drl);
        assertFalse(drl.contains("ExtraFact("), drl);
        assertTrue(drl.contains("RequestFact( verbSym == 11, hasExtra(9, 10) )"), drl);
        assertTrue(drl.contains("RequestFact( verbSym == 13, !hasExtra(9, 12) )"), drl);
        assertEquals(new ListFactUse(Use.NONE, Use.NONE, true, true), PROGRAM.listFactUse());
    }

    @Test
    void constantMembershipsInsertNoListFacts() {
        PolicyProgram p = Policies.build("""
                allow "a" when "team-a" in user.groups and namespace == "prod"
                deny "b" when not ("staff" in user.groups) and resource == "secrets" and verb == "get"
                """);
        assertEquals(new ListFactUse(Use.NONE, Use.NONE, true, false), p.listFactUse());
        assertEquals(List.of("a"), ids(p.evaluate(TestRequest.of().namespace("prod").groups("team-a"))));
        assertEquals(List.of("b"), ids(p.evaluate(TestRequest.of().resource("secrets").verb("get"))));
    }

    @Test
    void aJoinThatRemainsSeesEveryGroup() {
        PolicyProgram p = Policies.build("""
                allow "own-team" when namespace in user.groups and "staff" in user.groups
                deny "blocked" when user.groups startsWith "blocked:" and not ("admins" in user.groups)
                """);
        assertEquals(new ListFactUse(Use.ALL_VALUES, Use.NONE, true, false), p.listFactUse());
        assertEquals(List.of("own-team"), ids(p.evaluate(TestRequest.of().namespace("t1").groups("t1", "staff"))));
        assertEquals(List.of(), ids(p.evaluate(TestRequest.of().namespace("t1").groups("t1"))));
        assertEquals(List.of("blocked"), ids(p.evaluate(TestRequest.of().groups("blocked:x"))));
        assertEquals(List.of(), ids(p.evaluate(TestRequest.of().groups("blocked:x", "admins"))));
        assertEquals(0, p.liveFactCount());
    }

    @Test
    void aNullGroupStillFailsWhenGroupsAreRead() {
        PolicyProgram p = Policies.build("allow \"a\" when \"team-a\" in user.groups and namespace == \"prod\"");
        // fails even for a request no rule is about, as inserting the groups did
        TestRequest poisoned = TestRequest.of().namespace("dev").groupList(Arrays.asList("team-a", null));
        assertThrows(NullPointerException.class, () -> p.evaluate(poisoned));
        assertEquals(0, p.liveFactCount());
        assertEquals(List.of("a"), ids(p.evaluate(TestRequest.of().namespace("prod").groups("team-a"))));
    }

    @Test
    void aNullExtraValueStillFailsWhenExtraIsRead() {
        PolicyProgram p = Policies.build("allow \"a\" when \"w\" in user.extra[\"scopes\"] and verb == \"get\"");
        TestRequest poisoned = TestRequest.of().verb("list").extraList("scopes", Arrays.asList("w", null));
        assertThrows(NullPointerException.class, () -> p.evaluate(poisoned));
        assertEquals(0, p.liveFactCount());
        // values of a key no rule names are not read, as before
        assertEquals(List.of(), ids(p.evaluate(TestRequest.of().verb("get").extraList("other", Arrays.asList("x", null)))));
        assertEquals(List.of("a"), ids(p.evaluate(TestRequest.of().verb("get").extra("scopes", "r", "w"))));
    }

    @Test
    void aPolicyThatReadsNoGroupsIgnoresThem() {
        PolicyProgram p = Policies.build("allow \"a\" when namespace == \"prod\"");
        assertEquals(new ListFactUse(Use.NONE, Use.NONE, false, false), p.listFactUse());
        TestRequest odd = TestRequest.of().namespace("prod").groupList(Arrays.asList("x", null));
        assertEquals(List.of("a"), ids(p.evaluate(odd)));
    }

    private static List<String> ids(PolicyResult r) {
        return r.matched().stream().map(RuleInfo::id).toList();
    }
}
