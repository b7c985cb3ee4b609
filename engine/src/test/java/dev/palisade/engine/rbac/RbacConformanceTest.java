package dev.palisade.engine.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.rbac.load.RbacObjectsLoader;
import dev.palisade.engine.rbac.model.ClusterRole;
import dev.palisade.engine.rbac.model.ClusterRoleBinding;
import dev.palisade.engine.rbac.model.ObjectSource;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.rbac.model.RoleBinding;
import dev.palisade.engine.rbac.model.RoleRef;
import dev.palisade.engine.rbac.model.Subject;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import dev.palisade.engine.testing.Conformance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Kubernetes' own RBAC tests (rbac_test.go, rule_test.go), transcribed into
 * {@code rbac-authorizer-cases/rbac_cases.json}: every case must pass. Policies go through
 * the loader, so the loader is exercised on upstream-shaped objects too.
 */
class RbacConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode cases() throws IOException {
        return JSON.readTree(Conformance.resolve("rbac-authorizer-cases/rbac_cases.json").toFile());
    }

    @TestFactory
    Stream<DynamicTest> authorizerCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases().get("authorizer_cases")) {
            String id = c.get("id").asText();
            RbacAuthorizer authorizer = RbacAuthorizer.of(loadPolicy(id, c));
            int i = 0;
            for (JsonNode r : c.get("requests")) {
                RequestAttributes request = request(r, user(r.path("user").asText(), r.get("groups")));
                boolean allow = r.get("expected").asText().equals("allow");
                String expectedDecision = r.get("expectedDecision").asText();
                tests.add(dynamicTest(id + " #" + i++ + ": " + request.describe() + " by " + request.user().name()
                        + " → " + r.get("expected").asText(), () -> {
                    Decision d = authorizer.authorize(request);
                    assertEquals(allow, d.allowed(), d.toString());
                    assertEquals(expectedDecision.equals("Allow") ? Verdict.ALLOW : Verdict.NO_OPINION, d.verdict());
                    assertTrue(d.errors().isEmpty(), d.errorText());
                    if (!allow) {
                        assertEquals("", d.reasonText(), "NO_OPINION carries no reason");
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> ruleMatchesCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases().get("rule_matches_cases").get("cases")) {
            PolicyRule rule = rule(c.get("rule"));
            int i = 0;
            for (JsonNode r : c.get("requests")) {
                RequestAttributes request = request(r.get("request"), user("", null));
                boolean expected = r.get("expected").asBoolean();
                tests.add(dynamicTest(c.get("name").asText() + " #" + i++ + ": " + request.describe() + " → " + expected,
                        () -> assertEquals(expected, RbacAuthorizer.ruleAllows(rule, request))));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> subjectMatchingCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases().get("subject_matching_cases").get("cases")) {
            List<Subject> subjects = new ArrayList<>();
            for (JsonNode s : c.get("subjects")) {
                subjects.add(new Subject(s.path("kind").asText(), s.path("apiGroup").asText(),
                        s.path("name").asText(), s.path("namespace").asText()));
            }
            UserInfo user = user(c.get("user").get("name").asText(), c.get("user").get("groups"));
            String namespace = c.get("namespace").asText();
            boolean applies = c.get("appliesTo").asBoolean();
            int index = applies ? c.get("index").asInt() : -1;
            String name = c.get("testCase").asText();
            tests.add(dynamicTest(name + " (appliesTo)",
                    () -> assertEquals(index, SubjectMatcher.appliesTo(user, subjects, namespace))));
            // the same question through the Drools path: a binding of an allow-everything role
            tests.add(dynamicTest(name + " (authorizer)", () -> {
                RbacPolicy policy = everythingBoundTo(subjects, namespace);
                Decision d = RbacAuthorizer.of(policy).authorize(
                        RequestAttributes.resource(user, "get", namespace, "", "pods", "", ""));
                assertEquals(applies, d.allowed(), d.toString());
                if (applies) {
                    String subject = SubjectMatcher.describe(subjects.get(index), namespace);
                    assertTrue(d.reasonText().endsWith(" to " + subject), d.reasonText() + " should name " + subject);
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> ruleResolutionCases() throws IOException {
        JsonNode section = cases().get("rule_resolution_cases");
        RbacAuthorizer authorizer = RbacAuthorizer.of(loadPolicy("rule_resolution_cases", section.get("policy")));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : section.get("cases")) {
            UserInfo user = user(c.get("user").get("name").asText(), c.get("user").get("groups"));
            String namespace = c.get("namespace").asText();
            List<PolicyRule> expected = new ArrayList<>();
            c.get("effectiveRules").forEach(r -> expected.add(rule(r)));
            tests.add(dynamicTest(c.get("id").asText() + ": " + user.name() + " in \"" + namespace + "\"",
                    () -> assertEquals(new HashSet<>(expected),
                            new HashSet<>(authorizer.effectiveRules(user, namespace)))));
        }
        return tests.stream();
    }

    /** The four object lists of a case, as one {@code kind: List} document through the loader. */
    private static RbacPolicy loadPolicy(String name, JsonNode c) throws IOException {
        ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        ArrayNode items = list.putArray("items");
        for (String kind : List.of("roles", "clusterRoles", "roleBindings", "clusterRoleBindings")) {
            c.path(kind).forEach(items::add);
        }
        return new RbacObjectsLoader().loadText(name + ".json", JSON.writeValueAsString(list)).policy();
    }

    private static RbacPolicy everythingBoundTo(List<Subject> subjects, String namespace) {
        ClusterRole all = ClusterRole.of("all", new PolicyRule(List.of("*"), List.of("*"), List.of("*"), null, null));
        if (namespace.isEmpty()) {
            return new RbacPolicy(null, List.of(all), null,
                    List.of(new ClusterRoleBinding("b", subjects, RoleRef.clusterRole("all"), ObjectSource.NONE)));
        }
        return new RbacPolicy(null, List.of(all),
                List.of(new RoleBinding("b", namespace, subjects, RoleRef.clusterRole("all"), ObjectSource.NONE)), null);
    }

    static RequestAttributes request(JsonNode r, UserInfo user) {
        return new RequestAttributes(user, r.path("verb").asText(), r.path("namespace").asText(),
                r.path("apiGroup").asText(), r.path("apiVersion").asText(), r.path("resource").asText(),
                r.path("subresource").asText(), r.path("name").asText(), r.path("resourceRequest").asBoolean(),
                r.path("path").asText());
    }

    static UserInfo user(String name, JsonNode groups) {
        List<String> g = new ArrayList<>();
        if (groups != null) {
            groups.forEach(x -> g.add(x.asText()));
        }
        return new UserInfo(name, "", g, Map.of());
    }

    static PolicyRule rule(JsonNode r) {
        return new PolicyRule(strings(r.get("verbs")), strings(r.get("apiGroups")), strings(r.get("resources")),
                strings(r.get("resourceNames")), strings(r.get("nonResourceURLs")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(x -> out.add(x.asText()));
        }
        return out;
    }
}
