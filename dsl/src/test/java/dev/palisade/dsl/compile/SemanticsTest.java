package dev.palisade.dsl.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.runtime.PolicyProgram;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One condition per named case, all compiled into one policy set of allow rules (a KieBase build
 * costs seconds, so they share it); a case holds when its rule is among the matched rules.
 */
class SemanticsTest {
    private static final TestRequest R = TestRequest.of();
    /** condition by case name; each case name becomes an allow rule of that name. */
    private static final Map<String, String> CONDITIONS = new LinkedHashMap<>();
    private static final List<Arguments> CASES = new ArrayList<>();
    private static PolicyProgram program;

    private static void rule(String name, String condition, Object... requestsAndExpectations) {
        CONDITIONS.put(name, condition);
        for (int i = 0; i < requestsAndExpectations.length; i += 2) {
            CASES.add(Arguments.of(name + " #" + (i / 2), name, requestsAndExpectations[i], requestsAndExpectations[i + 1]));
        }
    }

    static {
        rule("eq", "verb == \"get\"", R.verb("get"), true, R.verb("list"), false, R, false);
        rule("eq-literal-left", "\"get\" == verb", R.verb("get"), true, R.verb("GET"), false);
        rule("ne", "verb != \"get\"", R.verb("get"), false, R.verb("list"), true, R.verb("unknown-verb"), true);
        rule("eq-empty", "namespace == \"\"", R, true, R.namespace("x"), false);
        rule("eq-attr", "namespace == user.name",
                R.namespace("bob").user("bob"), true, R.namespace("bob").user("alice"), false,
                R, true, R.namespace("not-in-policy").user("not-in-policy"), true,
                R.namespace("not-in-policy").user("also-not-in-policy"), false,
                R.namespace("get").user("get"), true, R.namespace("get").user("list"), false);
        rule("ne-attr", "namespace != user.name",
                R.namespace("x1").user("x1"), false, R.namespace("x1").user("x2"), true);
        rule("bool-test", "resourceRequest", R, true, R.path("/healthz"), false);
        rule("bool-not", "not resourceRequest", R, false, R.path("/healthz"), true);
        rule("bool-eq-false", "resourceRequest == false", R, false, R.path("/healthz"), true);
        rule("bool-ne-true", "resourceRequest != true", R, false, R.path("/healthz"), true);
        rule("in-list", "verb in [\"get\", \"list\"]", R.verb("get"), true, R.verb("list"), true, R.verb("watch"), false);
        rule("in-single", "verb in [\"watch\"]", R.verb("watch"), true, R.verb("get"), false);
        rule("not-in-list", "verb not in [\"get\", \"list\"]", R.verb("get"), false, R.verb("delete"), true, R.verb("zzz"), true);
        rule("in-groups", "\"readers\" in user.groups",
                R.groups("readers"), true, R.groups("a", "readers", "b"), true, R.groups("writers"), false, R, false);
        rule("not-in-groups", "\"readers\" not in user.groups", R.groups("readers"), false, R.groups("x"), true, R, true);
        rule("attr-in-groups", "user.name in user.groups",
                R.user("readers").groups("readers"), true, R.user("zed").groups("zed"), true,
                R.user("zed").groups("readers"), false, R.user("zed"), false);
        rule("in-extra", "\"read\" in user.extra[\"scopes\"]",
                R.extra("scopes", "write", "read"), true, R.extra("scopes", "write"), false,
                R.extra("other", "read"), false, R, false);
        rule("not-in-extra", "\"read\" not in user.extra[\"scopes\"]", R, true, R.extra("scopes", "read"), false);
        rule("attr-in-extra", "namespace in user.extra[\"namespaces\"]",
                R.namespace("n1").extra("namespaces", "n0", "n1"), true, R.namespace("n1").extra("namespaces", "n0"), false,
                R.namespace("n1").extra("scopes", "n1"), false);
        rule("groups-contains", "user.groups contains \"admins\"", R.groups("admins"), true, R.groups("admins-2"), false);
        rule("extra-contains", "user.extra[\"scopes\"] contains \"write\"", R.extra("scopes", "write"), true, R.extra("scopes", "rewrite"), false);
        rule("substring", "name contains \"web\"", R.name("my-web-1"), true, R.name("web"), true, R.name("we"), false, R, false);
        rule("substring-attr", "path contains user.name", R.path("/home/bob/x").user("bob"), true, R.path("/home/al").user("bob"), false, R.path("/x"), true);
        rule("starts", "path startsWith \"/api/\"", R.path("/api/v1"), true, R.path("/apis/x"), false, R.path("/api"), false);
        rule("ends", "name endsWith \"-test\"", R.name("db-test"), true, R.name("-test"), true, R.name("test"), false);
        rule("groups-starts-any", "user.groups startsWith \"system:\"",
                R.groups("dev", "system:masters"), true, R.groups("dev", "xsystem:"), false, R, false);
        rule("not-groups-starts", "not (user.groups startsWith \"system:\")", R.groups("system:x"), false, R.groups("dev"), true, R, true);
        rule("extra-ends-any", "user.extra[\"scopes\"] endsWith \":admin\"",
                R.extra("scopes", "a", "b:admin"), true, R.extra("scopes", "b:admin:x"), false, R.extra("x", "b:admin"), false);
        rule("glob-star", "name matches \"web-*\"", R.name("web-"), true, R.name("web-1-2"), true, R.name("db-web-1"), false);
        rule("glob-one", "name matches \"web-?\"", R.name("web-1"), true, R.name("web-"), false, R.name("web-12"), false);
        rule("glob-escape", "name matches \"a\\\\*b\"", R.name("a*b"), true, R.name("axb"), false, R.name("a\\xb"), false);
        rule("glob-only-star", "subresource matches \"*\"", R, true, R.subresource("log"), true);
        rule("glob-empty", "subresource matches \"\"", R, true, R.subresource("log"), false);
        rule("glob-groups-any", "user.groups matches \"team-*-admins\"",
                R.groups("x", "team-a-admins"), true, R.groups("team-admins"), false);
        rule("not-glob", "not (name matches \"*-prod\")", R.name("db-prod"), false, R.name("db-dev"), true);
        rule("and", "verb == \"get\" and resource == \"pods\"",
                R.verb("get").resource("pods"), true, R.verb("get"), false, R.resource("pods"), false);
        rule("or", "verb == \"get\" or resource == \"pods\"",
                R.verb("get"), true, R.resource("pods"), true, R.verb("list"), false);
        rule("not-or", "not (verb == \"get\" or resource == \"pods\")",
                R.verb("get"), false, R.resource("pods"), false, R.verb("list"), true);
        rule("not-and", "not (verb == \"get\" and \"readers\" in user.groups)",
                R.verb("get").groups("readers"), false, R.verb("get"), true, R.groups("readers"), true);
        rule("nested", "(verb == \"get\" or verb == \"list\") and not (namespace in [\"kube-system\", \"kube-public\"] or user.groups startsWith \"blocked:\")",
                R.verb("list").namespace("default"), true, R.verb("list").namespace("kube-public"), false,
                R.verb("get").groups("blocked:x"), false, R.verb("delete"), false);
        rule("double-not", "not not (verb == \"get\")", R.verb("get"), true, R.verb("list"), false);
        rule("contradiction", "verb == \"get\" and not (verb == \"get\")", R.verb("get"), false, R, false);
        rule("tautology", "verb == \"get\" or verb != \"get\"", R.verb("get"), true, R, true);
        rule("literal-fold", "\"a\" in [\"a\", \"b\"] and verb == \"get\"", R.verb("get"), true, R, false);
        rule("literal-fold-false", "\"c\" in [\"a\", \"b\"] or verb == \"get\"", R.verb("get"), true, R, false);
        rule("every-scalar", "user.uid == \"u1\" and apiGroup == \"apps\" and apiVersion == \"v1\" and subresource == \"scale\"",
                new TestRequest("", "u1", List.of(), Map.of(), "", "", "apps", "v1", "", "scale", "", "", true), true,
                new TestRequest("", "u1", List.of(), Map.of(), "", "", "apps", "v2", "", "scale", "", "", true), false);
        rule("unknown-strings-unicode", "user.name != \"\u00e9\" and user.name endsWith \"\u00e9\"", R.user("caf\u00e9"), true, R.user("\u00e9"), false);
    }

    @BeforeAll
    static void build() {
        StringBuilder text = new StringBuilder("package sem\n");
        CONDITIONS.forEach((name, cond) -> text.append("allow \"").append(name).append("\" when ").append(cond).append('\n'));
        program = Policies.build(text.toString());
    }

    static Stream<Arguments> cases() {
        return CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void caseHolds(String caseName, String rule, TestRequest request, boolean expected) {
        boolean matched = program.evaluate(request).matched().stream().anyMatch(r -> r.id().equals("sem/" + rule));
        assertEquals(expected, matched, () -> caseName + ": " + CONDITIONS.get(rule) + " on " + request);
    }
}
