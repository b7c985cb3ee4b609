package dev.palisade.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.FailurePolicy;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.policy.PolicyAuthorizer;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A failing authorizer before RBAC (which allows the request): its failurePolicy decides whether
 * the chain denies or RBAC decides, and its error is in the decision either way.
 */
class AuthorizerFailurePolicyTest {
    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, failing authorizer's yaml entry, expected verdict, expected failure policy
                Arguments.of("crashing DSL policy, default", "- type: Policy\n      name: guard\n      paths: [policies/]",
                        Verdict.DENY, FailurePolicy.DENY),
                Arguments.of("crashing DSL policy, NoOpinion", "- type: Policy\n      name: guard\n      paths: [policies/]\n      failurePolicy: NoOpinion",
                        Verdict.ALLOW, FailurePolicy.NO_OPINION),
                Arguments.of("crashing DSL policy, Deny", "- type: Policy\n      name: guard\n      paths: [policies/]\n      failurePolicy: Deny",
                        Verdict.DENY, FailurePolicy.DENY),
                Arguments.of("unreachable webhook, default", "- type: Webhook\n      name: guard\n      webhook: {url: \"https://127.0.0.1:1/sar\", timeout: 1s}",
                        Verdict.DENY, FailurePolicy.DENY),
                Arguments.of("unreachable webhook, NoOpinion", "- type: Webhook\n      name: guard\n      webhook: {url: \"https://127.0.0.1:1/sar\", timeout: 1s}\n      failurePolicy: NoOpinion",
                        Verdict.ALLOW, FailurePolicy.NO_OPINION),
                Arguments.of("unreachable webhook, NoOpinion in webhook", "- type: Webhook\n      name: guard\n      webhook: {url: \"https://127.0.0.1:1/sar\", timeout: 1s, failurePolicy: NoOpinion}",
                        Verdict.ALLOW, FailurePolicy.NO_OPINION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failingAuthorizerBeforeRbac(String name, String failing, Verdict expected, FailurePolicy policy) throws Exception {
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("policies/guard.pal"), """
                package palisade.authz

                deny "no-secrets"
                  when resource == "secrets"
                  because "secrets are off limits"
                """);
        Files.createDirectories(dir.resolve("rbac"));
        Files.writeString(dir.resolve("rbac/rbac.yaml"), """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: reader}
                rules:
                - {apiGroups: [""], resources: [pods], verbs: [get]}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: readers}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
                subjects:
                - {apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}
                """);
        Path config = Files.writeString(dir.resolve("palisade.yaml"), """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                authorization:
                  authorizers:
                    %s
                    - type: RBAC
                      paths: [rbac/]
                """.formatted(failing));
        try (PolicyEngine engine = PolicyEngine.fromConfig(config)) {
            RequestAttributes getPods = RequestAttributes.resource(UserInfo.of("alice"), "get", "default", "", "pods", "", "");
            if (engine.authorizers().get(0) instanceof PolicyAuthorizer guard) { // (the webhook is unreachable from the start)
                assertEquals(Verdict.ALLOW, engine.authorize(getPods).verdict(), "works while nothing fails");
                guard.close(); // a closed policy set answers every request with an error: the crash under test
            }
            Decision d = engine.authorize(getPods);
            assertEquals(expected, d.verdict(), name + ": " + d);
            assertEquals(policy, engine.failurePolicies().get(0));
            assertTrue(d.errors().stream().anyMatch(e -> e.contains("guard")), name + ": the failure is in the decision: " + d);
            if (expected == Verdict.ALLOW) {
                assertEquals("RBAC", d.reasons().get(0).authorizer(), "RBAC decided");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPolicies")
    void unknownFailurePolicy_isAPositionedError(String value) throws Exception {
        Path config = Files.writeString(dir.resolve("palisade.yaml"), """
                apiVersion: palisade.dev/v1alpha1
                kind: Configuration
                authorization:
                  authorizers:
                    - type: AlwaysAllow
                      failurePolicy: %s
                """.formatted(value));
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ConfigLoader.load(config));
        assertTrue(e.getMessage().contains("palisade.yaml:6:") && e.getMessage().contains("Deny or NoOpinion"), e.getMessage());
    }

    static List<String> badPolicies() {
        return List.of("Allow", "deny", "\"\"");
    }
}
