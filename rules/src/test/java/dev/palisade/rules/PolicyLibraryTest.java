package dev.palisade.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every shipped authorization policy (policies/authz) against its case file: {@code X.pal} beside {@code X.cases.yaml}.
 * Each case names a request, the expected verdict of the policy alone, and optionally the id of
 * the rule that must be among the reasons.
 */
class PolicyLibraryTest {
    static final Path LIBRARY = Path.of("policies", "authz");

    @Test
    void everyPolicyHasCases() throws IOException {
        CaseFiles.assertEveryPolicyHasCases(LIBRARY);
    }

    @TestFactory
    Stream<DynamicNode> libraryCases() throws IOException {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path policy : CaseFiles.policies(LIBRARY)) {
            Authorizer authorizer = PolicyEngine.compilePolicies(policy.getFileName().toString(), List.of(policy));
            List<DynamicTest> tests = new ArrayList<>();
            for (Map<String, Object> c : CaseFiles.cases(CaseFiles.casesFor(policy))) {
                String name = (String) c.get("name");
                tests.add(DynamicTest.dynamicTest(name, () -> runCase(authorizer, c)));
            }
            nodes.add(DynamicContainer.dynamicContainer(policy.toString(), tests));
        }
        return nodes.stream();
    }

    private static void runCase(Authorizer authorizer, Map<String, Object> c) {
        Decision d = authorizer.authorize(request(asMap(c.get("request"))));
        assertTrue(d.errors().isEmpty(), () -> "evaluation errors: " + d.errors());
        assertEquals(Verdict.valueOf((String) c.get("expect")), d.verdict(), () -> "reasons: " + d.reasonText());
        Object rule = c.get("rule");
        if (rule != null) {
            assertTrue(d.reasons().stream().map(Reason::ruleId).anyMatch(rule::equals),
                    () -> "expected rule " + rule + " among " + d.reasons());
            assertTrue(d.reasons().stream().allMatch(r -> r.source().matches(".+\\.pal:\\d+:\\d+")),
                    () -> "every reason names its source position: " + d.reasons());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        if (!(o instanceof Map)) {
            fail("case request must be a mapping, got " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static RequestAttributes request(Map<String, Object> r) {
        List<String> groups = (List<String>) r.getOrDefault("groups", List.of());
        UserInfo user = new UserInfo(str(r, "user"), "", groups, Map.of());
        if (r.containsKey("path")) {
            return RequestAttributes.nonResource(user, str(r, "verb"), str(r, "path"));
        }
        return RequestAttributes.resource(user, str(r, "verb"), str(r, "namespace"), str(r, "apiGroup"),
                str(r, "resource"), str(r, "subresource"), str(r, "name"));
    }

    private static String str(Map<String, Object> r, String key) {
        Object v = r.get(key);
        return v == null ? "" : v.toString();
    }
}
