package dev.palisade.dsl.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.check.PolicyChecker;
import dev.palisade.dsl.explain.AuthzRuleTracer;
import dev.palisade.dsl.explain.RuleTrace;
import dev.palisade.dsl.runtime.PolicyProgram;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expressions in authorization rules (issue 14, "What to build" 1, and found 1 and 3 in this
 * stage): string building with {@code +}, the functions lower / upper / coalesce / regex, and
 * attribute-to-attribute comparisons, each decided by the compiled rules exactly as
 * {@code explain} traces them.
 */
class AuthorizationExpressionsTest {
    private static final String POLICY = """
            package t
            allow "found1-sa-reads-secrets-in-own-namespace"
              when user.serviceAccount.name exists and resource == "secrets" and verb == "get"
               and namespace == user.serviceAccount.namespace
            allow "found3-team-namespace-by-concat"
              when user.serviceAccount.name exists and namespace == "team-" + user.serviceAccount.name
            deny "admin-lookalikes" when lower(user.name) == "admin" and user.name != "admin"
            allow "numbered-jobs" when resource == "jobs" and regex(name, "^[a-z]+-[0-9]+$")
            allow "own-log-folder" when not resourceRequest and path startsWith "/logs/" + user.name + "/"
            allow "first-set" when resource == "configmaps" and coalesce(user.serviceAccount.namespace, user.uid) == namespace
            allow "upper-verb" when resource == "nodes" and upper(verb) in ["GET", "LIST"]
            allow "group-built" when resource == "deployments" and "team:" + namespace in user.groups
            allow "lease-named-after-user" when resource == "leases" and name startsWith user.name
            allow "name-is-user" when resource == "users" and name == user.name
            """;

    private static List<PolicyFile> files;
    private static PolicyProgram program;

    @BeforeAll
    static void build() {
        files = Policies.parse(POLICY);
        assertEquals(List.of(), PolicyChecker.check(files));
        program = PolicyCompiler.compile(files).build();
    }

    private static final String SA = "system:serviceaccount:ci:builder";

    static Stream<Arguments> cases() {
        TestRequest r = TestRequest.of();
        return Stream.of(
                Arguments.of("found 1: SA reads a secret in its own namespace",
                        r.user(SA).verb("get").resource("secrets").namespace("ci"), List.of("t/found1-sa-reads-secrets-in-own-namespace")),
                Arguments.of("found 1: SA reads a secret elsewhere",
                        r.user(SA).verb("get").resource("secrets").namespace("prod"), List.of()),
                Arguments.of("found 1: a user named like a SA with a third part is no SA",
                        r.user(SA + ":x").verb("get").resource("secrets").namespace("ci"), List.of()),
                Arguments.of("found 1: not a SA, cluster-scoped (both absent, but 'exists' guards)",
                        r.user("alice").verb("get").resource("secrets"), List.of()),
                Arguments.of("found 3: concat builds the team namespace",
                        r.user(SA).verb("list").resource("pods").namespace("team-builder"), List.of("t/found3-team-namespace-by-concat")),
                Arguments.of("found 3: concat is exact, not a suffix",
                        r.user(SA).verb("list").resource("pods").namespace("team-xbuilder"), List.of()),
                Arguments.of("lower: Admin is an admin lookalike", r.user("Admin").verb("get"), List.of("t/admin-lookalikes")),
                Arguments.of("lower: admin itself is not", r.user("admin").verb("get"), List.of()),
                Arguments.of("regex: numbered job", r.resource("jobs").name("build-42"), List.of("t/numbered-jobs")),
                Arguments.of("regex: unnumbered job", r.resource("jobs").name("build"), List.of()),
                Arguments.of("regex: anchored, no search past the end", r.resource("jobs").name("build-42x"), List.of()),
                Arguments.of("startsWith a built string", r.user("bob").path("/logs/bob/today"), List.of("t/own-log-folder")),
                Arguments.of("startsWith a built string, other user", r.user("bob").path("/logs/bobby/today"), List.of()),
                Arguments.of("coalesce: SA namespace first", r.user(SA).uid("u1").resource("configmaps").namespace("ci"), List.of("t/first-set")),
                Arguments.of("coalesce: else the uid", r.user("alice").uid("u1").resource("configmaps").namespace("u1"), List.of("t/first-set")),
                Arguments.of("coalesce: the uid is not used when the SA namespace is set",
                        r.user(SA).uid("u1").resource("configmaps").namespace("u1"), List.of()),
                Arguments.of("upper in a list", r.resource("nodes").verb("list"), List.of("t/upper-verb")),
                Arguments.of("upper in a list, other verb", r.resource("nodes").verb("delete"), List.of()),
                Arguments.of("built string in the groups", r.resource("deployments").namespace("a").groups("team:a"), List.of("t/group-built")),
                Arguments.of("built string not in the groups", r.resource("deployments").namespace("a").groups("team:b"), List.of()),
                Arguments.of("attribute prefix", r.user("bob").resource("leases").name("bob-lock"), List.of("t/lease-named-after-user")),
                Arguments.of("attribute prefix, other user", r.user("bob").resource("leases").name("alice-lock"), List.of()),
                Arguments.of("attribute to attribute", r.user("bob").resource("users").name("bob"), List.of("t/name-is-user")),
                Arguments.of("attribute to attribute, differs", r.user("bob").resource("users").name("eve"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compiledRulesDecide(String name, TestRequest request, List<String> matched) {
        assertEquals(matched, program.evaluate(request).matched().stream().map(RuleInfo::id).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void explainAgreesWithTheCompiledRules(String name, TestRequest request, List<String> matched) {
        List<String> traced = new AuthzRuleTracer(files).trace(request).stream()
                .filter(t -> t.outcome() == RuleTrace.Outcome.MATCHED).map(RuleTrace::id).toList();
        assertEquals(matched, traced);
    }
}
