package dev.palisade.engine.abac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import dev.palisade.engine.testing.Conformance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Kubernetes' own ABAC tests (abac_test.go), transcribed into {@code abac/abac_cases.json}:
 * every case must pass. Policy files go through the file loader and the Drools authorizer;
 * single-policy cases go through the line parser (the v0/v1beta1 conversion) and the matcher.
 */
class AbacConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode cases() throws IOException {
        return JSON.readTree(Conformance.resolve("abac/abac_cases.json").toFile());
    }

    @TestFactory
    Stream<DynamicTest> parseCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases().get("parse_cases")) {
            String file = c.get("policyFile").asText();
            tests.add(dynamicTest(c.get("name").asText() + ": " + c.get("expect").asText(), () -> {
                AbacPolicyFile loaded = AbacFileLoader.load(Conformance.resolve("abac/" + file));
                assertTrue(loaded.policies().size() <= 7);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> authorizeCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases().get("authorize_cases")) {
            String name = c.get("name").asText();
            AbacAuthorizer authorizer = AbacAuthorizer.fromFile("ABAC", Conformance.resolve("abac/" + c.get("policyFile").asText()));
            int i = 0;
            for (JsonNode r : c.get("requests")) {
                RequestAttributes request = request(r, user(r.get("user")));
                Verdict expected = r.get("expectedDecision").asText().equals("Allow") ? Verdict.ALLOW : Verdict.NO_OPINION;
                String label = name + " #" + i++ + ": " + request.user().name() + " " + request.describe()
                        + (r.has("comment") ? " (" + r.get("comment").asText() + ")" : "") + " → " + expected;
                tests.add(dynamicTest(label, () -> {
                    Decision d = authorizer.authorize(request);
                    assertEquals(expected, d.verdict(), d.toString());
                    assertTrue(d.errors().isEmpty(), d.errorText());
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> rulesForCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        JsonNode c = cases().get("rules_for_cases");
        AbacAuthorizer authorizer = AbacAuthorizer.fromFile("ABAC", Conformance.resolve("abac/" + c.get("policyFile").asText()));
        for (JsonNode r : c.get("cases")) {
            UserInfo user = user(r.get("user"));
            String namespace = r.get("namespace").asText();
            tests.add(dynamicTest(c.get("name").asText() + ": " + user.name() + " in " + namespace, () -> {
                AbacRules rules = authorizer.rulesFor(user, namespace);
                assertEquals(rules(r.get("expectResourceRules")), rules.resourceRules());
                assertEquals(rules(r.get("expectNonResourceRules")), rules.nonResourceRules());
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> subjectMatchesCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases().get("subject_matches_cases").get("cases")) {
            tests.add(dynamicTest(c.get("name").asText(), () -> {
                AbacPolicy p = AbacPolicyParser.parse(c.get("policy"), 0, "case", w -> { });
                assertEquals(c.get("expectMatch").asBoolean(), AbacMatcher.subjectMatches(p, user(c.get("user"))));
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> policyMatchesCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases().get("policy_matches_cases").get("cases")) {
            tests.add(dynamicTest(c.get("name").asText(), () -> {
                AbacPolicy p = AbacPolicyParser.parse(c.get("policy"), 0, "case", w -> { });
                JsonNode a = c.get("attributes");
                boolean expected = c.get("expectMatch").asBoolean();
                RequestAttributes request = request(a, user(a.get("user")));
                assertEquals(expected, AbacMatcher.matches(p, request));
                // the same line through the Drools authorizer must agree
                try (AbacAuthorizer one = AbacAuthorizer.of(List.of(p))) {
                    assertEquals(expected, one.authorize(request).allowed());
                }
            }));
        }
        return tests.stream();
    }

    private static RequestAttributes request(JsonNode r, UserInfo user) {
        return new RequestAttributes(user, r.path("verb").asText(), r.path("namespace").asText(), r.path("apiGroup").asText(),
                "", r.path("resource").asText(), "", "", r.get("resourceRequest").asBoolean(), r.path("path").asText());
    }

    private static UserInfo user(JsonNode u) {
        List<String> groups = new ArrayList<>();
        u.path("groups").forEach(g -> groups.add(g.asText()));
        return new UserInfo(u.path("name").asText(), u.path("uid").asText(), groups, Map.of());
    }

    private static List<AbacRuleInfo> rules(JsonNode list) {
        List<AbacRuleInfo> out = new ArrayList<>();
        for (JsonNode r : list) {
            out.add(new AbacRuleInfo(strings(r.get("verbs")), strings(r.get("apiGroups")), strings(r.get("resources")),
                    strings(r.get("nonResourceURLs"))));
        }
        return out;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null) {
            n.forEach(s -> out.add(s.asText()));
        }
        return out;
    }
}
