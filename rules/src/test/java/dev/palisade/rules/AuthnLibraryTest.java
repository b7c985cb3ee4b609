package dev.palisade.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palisade.engine.authn.AuthenticationMethod;
import dev.palisade.engine.authn.AuthenticationResult;
import dev.palisade.engine.authn.AuthenticatorError;
import dev.palisade.engine.authn.AuthnPolicy;
import dev.palisade.engine.request.UserInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every shipped authentication policy (policies/authn) against its case file: {@code X.pal}
 * beside {@code X.cases.yaml}. Each case is one successful authentication, whether the rules keep
 * it (ACCEPT) or reject it (REJECT), and optionally the id of a rule that must be among the reasons.
 */
class AuthnLibraryTest {
    static final Path LIBRARY = Path.of("policies", "authn");

    @Test
    void everyPolicyHasCases() throws IOException {
        CaseFiles.assertEveryPolicyHasCases(LIBRARY);
    }

    @TestFactory
    Stream<DynamicNode> libraryCases() throws IOException {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path policy : CaseFiles.policies(LIBRARY)) {
            AuthnPolicy rules = AuthnPolicy.load(List.of(policy));
            List<DynamicTest> tests = new ArrayList<>();
            for (Map<String, Object> c : CaseFiles.cases(CaseFiles.casesFor(policy))) {
                tests.add(DynamicTest.dynamicTest((String) c.get("name"), () -> runCase(rules, c)));
            }
            nodes.add(DynamicContainer.dynamicContainer(policy.toString(), tests));
        }
        return nodes.stream();
    }

    private static void runCase(AuthnPolicy rules, Map<String, Object> c) {
        AuthenticationResult judged = rules.judge(authenticated(c));
        List<String> reasons = judged.errors().stream().map(AuthenticatorError::message).toList();
        String expect = (String) c.get("expect");
        switch (expect) {
            case "ACCEPT" -> assertTrue(judged.authenticated(), () -> "rejected: " + reasons);
            case "REJECT" -> {
                assertFalse(judged.authenticated(), "accepted");
                assertTrue(judged.errors().stream().allMatch(e -> e.authenticator().equals(AuthnPolicy.NAME)
                        && e.message().matches("rejected by rule \".+\" \\(.+\\.pal:\\d+:\\d+\\): .+")),
                        () -> "every reason names its rule and source position: " + reasons);
            }
            default -> fail("expect must be ACCEPT or REJECT, got " + expect);
        }
        Object rule = c.get("rule");
        if (rule != null) {
            assertTrue(reasons.stream().anyMatch(r -> r.startsWith("rejected by rule \"" + rule + "\" (")),
                    () -> "expected rule " + rule + " among " + reasons);
        }
    }

    @SuppressWarnings("unchecked")
    private static AuthenticationResult authenticated(Map<String, Object> c) {
        Map<String, Object> u = (Map<String, Object>) c.get("user");
        if (u == null) {
            fail("case needs a user: " + c.get("name"));
        }
        UserInfo user = new UserInfo((String) u.get("name"), "", (List<String>) u.getOrDefault("groups", List.of()), Map.of());
        String spelling = (String) c.get("method");
        AuthenticationMethod method = Arrays.stream(AuthenticationMethod.values()).filter(m -> m.spelling().equals(spelling))
                .findFirst().orElseThrow(() -> new AssertionError("unknown method " + spelling));
        return new AuthenticationResult(true, user, method, (String) c.get("authenticator"), List.of());
    }
}
