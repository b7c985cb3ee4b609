package dev.palisade.dsl.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.ast.Effect;
import dev.palisade.dsl.compile.Policies;
import dev.palisade.dsl.compile.RuleInfo;
import dev.palisade.dsl.compile.TestRequest;
import dev.palisade.dsl.runtime.PolicyProgram;
import dev.palisade.dsl.runtime.PolicyResult;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthzRuleTracerTest {
    /** Every operator and attribute kind, negations, an or, a membership in a list attribute. */
    private static final String POLICY = """
            package t
            allow "readers-get" when "readers" in user.groups and verb in ["get", "list"]
            deny "interns-secrets" when "interns" in user.groups and resource == "secrets"
            allow "own-namespace" when namespace == user.name and verb != "delete"
            deny "tmp-names" when name matches ["tmp-*", "scratch-?"]
            allow "debug-paths" when not resourceRequest and path startsWith "/debug" and not (verb == "post")
            allow "scopes" when user.extra["scopes"] contains "all" or (resource endsWith "s" and subresource == "log")
            allow "group-prefix" when user.groups startsWith "team-" and apiGroup == "apps"
            deny "uid-less" when user.uid == "" and resource not in ["pods", "nodes"] and verb == "create"
            deny "admin-lookalike" when lower(user.name) == "ann" and verb == "create"
            allow "team-ns" when namespace == "team-" + user.name and resource == "pods"
            allow "numbered" when regex(name, "^[a-z]+-[0-9]$") and verb == "get"
            """;

    /** Shared by the jqwik and Jupiter engines, which run at different times: left to the JVM to release. */
    private static final PolicyProgram PROGRAM = Policies.build(POLICY);
    private static final AuthzRuleTracer TRACER = new AuthzRuleTracer(Policies.parse(POLICY));

    /** The tracer's deciding rules are exactly the compiled program's, on random requests. */
    @Property(tries = 400)
    void matchesAgreeWithTheCompiledProgram(@ForAll("requests") TestRequest request) {
        PolicyResult result = PROGRAM.evaluate(request);
        List<RuleTrace> traces = TRACER.trace(request);
        Set<String> matchedDenies = ids(traces, Effect.DENY);
        Effect deciding = matchedDenies.isEmpty() ? Effect.ALLOW : Effect.DENY;
        assertEquals(result.matched().stream().map(RuleInfo::id).collect(Collectors.toSet()), ids(traces, deciding), request::toString);
    }

    private static Set<String> ids(List<RuleTrace> traces, Effect effect) {
        return traces.stream().filter(t -> t.outcome() == RuleTrace.Outcome.MATCHED && t.effect() == effect)
                .map(RuleTrace::id).collect(Collectors.toSet());
    }

    @Provide
    Arbitrary<TestRequest> requests() {
        Arbitrary<String> who = Arbitraries.of("", "ann", "ANN", "tmp-1", "team-ann");
        Arbitrary<List<String>> groups = Arbitraries.of("readers", "interns", "team-a", "other").set().map(List::copyOf);
        Arbitrary<TestRequest> resource = Combinators.combine(
                Arbitraries.of("get", "list", "delete", "create"), groups, who, who,
                Arbitraries.of("pods", "secrets", "nodes", "configmap"), Arbitraries.of("", "tmp-1", "scratch-9", "web"),
                Arbitraries.of("", "apps"), Arbitraries.of("", "log"))
            .as((verb, gs, user, ns, res, name, group, sub) ->
                    TestRequest.of().verb(verb).groupList(gs).user(user).namespace(ns).resource(res).name(name)
                            .apiGroup(group).subresource(sub));
        Arbitrary<TestRequest> withScopes = Combinators.combine(resource, Arbitraries.of("all", "none").set(), Arbitraries.of("", "u1"))
            .as((r, scopes, uid) -> (scopes.isEmpty() ? r : r.extra("scopes", scopes.toArray(String[]::new))).uid(uid));
        Arbitrary<TestRequest> nonResource = Combinators.combine(
                Arbitraries.of("get", "post"), groups, Arbitraries.of("/debug/pprof", "/healthz", "/debu"))
            .as((verb, gs, path) -> TestRequest.of().verb(verb).groupList(gs).path(path));
        return Arbitraries.oneOf(withScopes, nonResource);
    }

    static Stream<Arguments> nearMisses() {
        return Stream.of(
                Arguments.of("reader asks to delete: the verb is the one condition that failed",
                        TestRequest.of().groups("readers").verb("delete").resource("pods"),
                        "t/readers-get", "verb in [\"get\", \"list\"]", "p0.pal:2:55", List.of("verb = \"delete\"")),
                Arguments.of("non-reader gets: the group is what is missing",
                        TestRequest.of().groups("devs").verb("get").resource("pods"),
                        "t/readers-get", "\"readers\" in user.groups", "p0.pal:2:26", List.of("user.groups = [\"devs\"]")),
                Arguments.of("own namespace but deleting: the negated verb test failed",
                        TestRequest.of().user("ann").namespace("ann").verb("delete").resource("pods"),
                        "t/own-namespace", "verb != \"delete\"", "p0.pal:4:55", List.of("verb = \"delete\"")),
                Arguments.of("debug path by POST: the not (...) is named with its not",
                        TestRequest.of().verb("post").path("/debug/pprof"),
                        "t/debug-paths", "not (verb == \"post\")", "p0.pal:6:83", List.of("verb = \"post\"")),
                Arguments.of("each alternative of an or that failed on one condition is named: here the second",
                        TestRequest.of().verb("get").resource("node").subresource("log"),
                        "t/scopes", "resource endsWith \"s\"", "p0.pal:7:61", List.of("resource = \"node\"")),
                Arguments.of("a function: its value is shown, then the attribute it came from",
                        TestRequest.of().user("Bob").verb("create"),
                        "t/admin-lookalike", "lower(user.name) == \"ann\"", "p0.pal:10:29",
                        List.of("lower(user.name) = \"bob\"", "user.name = \"Bob\"")),
                Arguments.of("a concatenation: the built string beside the attributes",
                        TestRequest.of().user("ann").namespace("ann").resource("pods"),
                        "t/team-ns", "namespace == \"team-\" + user.name", "p0.pal:11:22",
                        List.of("namespace = \"ann\"", "\"team-\" + user.name = \"team-ann\"", "user.name = \"ann\"")),
                Arguments.of("a regex: the tested attribute",
                        TestRequest.of().name("web").verb("get"),
                        "t/numbered", "regex(name, \"^[a-z]+-[0-9]$\")", "p0.pal:12:23", List.of("name = \"web\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nearMisses")
    void nearMissNamesTheFailedCondition(String name, TestRequest request, String rule, String condition,
                                         String location, List<String> actual) {
        RuleTrace trace = TRACER.trace(request).stream().filter(t -> t.id().equals(rule)).findFirst().orElseThrow();
        assertEquals(RuleTrace.Outcome.NEAR_MISS, trace.outcome(), trace::toString);
        RuleTrace.Miss miss = trace.misses().stream().filter(m -> m.condition().equals(condition)).findFirst()
                .orElseThrow(() -> new AssertionError("no miss on " + condition + " in " + trace));
        assertEquals(location, miss.location());
        assertEquals(actual, miss.actual());
    }

    @Test
    void twoFailedConditionsAreAMissNotANearMiss() {
        RuleTrace trace = TRACER.trace(TestRequest.of().groups("devs").verb("delete")).get(0);
        assertEquals(RuleTrace.Outcome.MISSED, trace.outcome());
        assertEquals(List.of(), trace.misses());
    }

    @Test
    void requestValuesAreQuotedAndEscaped() {
        RuleTrace trace = TRACER.trace(TestRequest.of().groups("readers").verb("de\"l\nete")).get(0);
        assertEquals(List.of("verb = \"de\\\"l\\nete\""), trace.misses().get(0).actual());
    }
}
