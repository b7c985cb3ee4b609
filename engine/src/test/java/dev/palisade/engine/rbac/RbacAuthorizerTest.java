package dev.palisade.engine.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.rbac.model.ClusterRole;
import dev.palisade.engine.rbac.model.ClusterRoleBinding;
import dev.palisade.engine.rbac.model.PolicyRule;
import dev.palisade.engine.rbac.model.RbacPolicy;
import dev.palisade.engine.rbac.model.Role;
import dev.palisade.engine.rbac.model.RoleBinding;
import dev.palisade.engine.rbac.model.RoleRef;
import dev.palisade.engine.rbac.model.Subject;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RbacAuthorizerTest {
    private static final PolicyRule READ_PODS = new PolicyRule(List.of("get", "list"), List.of(""), List.of("pods"), null, null);

    private static RequestAttributes getPods(UserInfo user, String namespace) {
        return RequestAttributes.resource(user, "get", namespace, "", "pods", "", "");
    }

    @Test
    void name_isRBAC() {
        assertEquals("RBAC", RbacAuthorizer.of(RbacPolicy.EMPTY).name());
    }

    @Test
    void clusterRoleBinding_appliesClusterWideAndInEveryNamespace() {
        RbacAuthorizer rbac = RbacAuthorizer.of(new RbacPolicy(null, List.of(ClusterRole.of("reader", READ_PODS)), null,
                List.of(ClusterRoleBinding.of("readers", "reader", Subject.user("amy")))));
        for (String ns : List.of("", "default", "kube-system")) {
            Decision d = rbac.authorize(getPods(UserInfo.of("amy"), ns));
            assertEquals(Verdict.ALLOW, d.verdict());
            assertEquals(List.of("RBAC: allowed by ClusterRoleBinding \"readers\" of ClusterRole \"reader\" to User \"amy\""),
                    d.reasons().stream().map(r -> r.message()).toList());
            assertEquals("RBAC", d.reasons().get(0).authorizer());
        }
        assertEquals(Verdict.NO_OPINION, rbac.authorize(getPods(UserInfo.of("bob"), "default")).verdict());
    }

    @Test
    void roleBinding_appliesOnlyInItsNamespace_andOnlyToARoleOfThatNamespace() {
        RbacAuthorizer rbac = RbacAuthorizer.of(new RbacPolicy(
                List.of(Role.of("dev", "reader", READ_PODS), Role.of("prod", "prod-only", READ_PODS)), null,
                List.of(RoleBinding.of("dev", "r", RoleRef.role("reader"), Subject.group("devs")),
                        RoleBinding.of("dev", "wrong-ns", RoleRef.role("prod-only"), Subject.user("eve"))), null));
        UserInfo dev = UserInfo.of("x", "devs");
        Decision d = rbac.authorize(getPods(dev, "dev"));
        assertEquals("RBAC: allowed by RoleBinding \"r/dev\" of Role \"reader\" to Group \"devs\"", d.reasons().get(0).message());
        assertFalse(rbac.authorize(getPods(dev, "prod")).allowed());
        assertFalse(rbac.authorize(getPods(dev, "")).allowed(), "a RoleBinding never grants cluster-wide");
        assertFalse(rbac.authorize(getPods(UserInfo.of("eve"), "dev")).allowed(), "a Role of another namespace is not found");
        assertFalse(rbac.authorize(getPods(UserInfo.of("eve"), "prod")).allowed());
    }

    @Test
    void missingRole_grantsNothing_butOtherBindingsStillDo() {
        RbacAuthorizer rbac = RbacAuthorizer.of(new RbacPolicy(null, List.of(ClusterRole.of("reader", READ_PODS)),
                List.of(RoleBinding.of("dev", "ghost", RoleRef.role("missing"), Subject.user("amy"))),
                List.of(ClusterRoleBinding.of("ghost", "missing-too", Subject.user("amy")),
                        ClusterRoleBinding.of("real", "reader", Subject.user("amy")))));
        Decision d = rbac.authorize(getPods(UserInfo.of("amy"), "dev"));
        assertTrue(d.allowed());
        assertTrue(d.errors().isEmpty());
        assertEquals("RBAC: allowed by ClusterRoleBinding \"real\" of ClusterRole \"reader\" to User \"amy\"", d.reasons().get(0).message());
        assertFalse(rbac.authorize(RequestAttributes.resource(UserInfo.of("amy"), "delete", "dev", "", "pods", "", "")).allowed());
    }

    @Test
    void reason_namesTheFirstBindingAndSubjectTheApiserverVisits() {
        // both bindings allow; ClusterRoleBindings are visited first, and within one the first applying subject
        RbacAuthorizer rbac = RbacAuthorizer.of(new RbacPolicy(null, List.of(ClusterRole.of("reader", READ_PODS)),
                List.of(RoleBinding.of("dev", "local", RoleRef.clusterRole("reader"), Subject.user("amy"))),
                List.of(ClusterRoleBinding.of("first", "reader", Subject.user("bob"), Subject.group("g2"), Subject.user("amy")),
                        ClusterRoleBinding.of("second", "reader", Subject.user("amy")))));
        Decision d = rbac.authorize(getPods(UserInfo.of("amy", "g1", "g2"), "dev"));
        assertEquals("RBAC: allowed by ClusterRoleBinding \"first\" of ClusterRole \"reader\" to Group \"g2\"", d.reasons().get(0).message());
    }

    @Test
    void serviceAccountSubject_isItsUserName_andNotAWildcard() {
        RbacAuthorizer rbac = RbacAuthorizer.of(new RbacPolicy(null, List.of(ClusterRole.of("reader", READ_PODS)), null,
                List.of(ClusterRoleBinding.of("sa", "reader", Subject.serviceAccount("ci", "builder")),
                        ClusterRoleBinding.of("star", "reader", Subject.user("*")))));
        Decision d = rbac.authorize(getPods(UserInfo.of("system:serviceaccount:ci:builder"), "x"));
        assertEquals("RBAC: allowed by ClusterRoleBinding \"sa\" of ClusterRole \"reader\" to ServiceAccount \"builder/ci\"",
                d.reasons().get(0).message());
        assertFalse(rbac.authorize(getPods(UserInfo.of("system:serviceaccount:ci:builder2"), "x")).allowed());
        assertFalse(rbac.authorize(getPods(UserInfo.of("someone"), "x")).allowed(), "User \"*\" is not a wildcard");
        assertTrue(rbac.authorize(getPods(UserInfo.of("*"), "x")).allowed(), "…only the user literally named *");
    }

    @Test
    void groupAndUserOfTheSameName_areDifferentIdentities() {
        RbacAuthorizer rbac = RbacAuthorizer.of(new RbacPolicy(null, List.of(ClusterRole.of("reader", READ_PODS)), null,
                List.of(ClusterRoleBinding.of("g", "reader", Subject.group("ops")))));
        assertFalse(rbac.authorize(getPods(UserInfo.of("ops"), "x")).allowed());
        assertTrue(rbac.authorize(getPods(UserInfo.of("amy", "ops"), "x")).allowed());
    }

    @Test
    void closed_authorizer_failsClosed_withAnError() {
        RbacAuthorizer rbac = RbacAuthorizer.of(new RbacPolicy(null, List.of(ClusterRole.of("reader", READ_PODS)), null,
                List.of(ClusterRoleBinding.of("g", "reader", Subject.user("amy")))));
        assertTrue(rbac.authorize(getPods(UserInfo.of("amy"), "x")).allowed());
        rbac.close();
        Decision d = rbac.authorize(getPods(UserInfo.of("amy"), "x"));
        assertEquals(Verdict.NO_OPINION, d.verdict());
        assertFalse(d.errors().isEmpty());
    }

    /** RuleAllows corners beyond the upstream table. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "*/scale matches only a subresource         | get | *              | deployments | scale  | ''   | ''          | true",
            "*/scale does not match the resource        | get | */scale        | scale       | ''     | ''   | ''          | false",
            "named rule, request without name           | get | pods           | pods        | ''     | ''   | web         | false",
            "named rule, matching name                  | get | pods           | pods        | ''     | web  | web         | true",
            "named rule, other name                     | get | pods           | pods        | ''     | db   | web         | false",
            "resource/subresource exact                 | get | pods/log       | pods        | log    | ''   | ''          | true",
            "resource rule does not cover subresources  | get | pods           | pods        | log    | ''   | ''          | false",
            "star resource covers subresources          | get | *              | pods        | exec   | ''   | ''          | true"})
    void ruleAllows_resourceCorners(String name, String verb, String ruleResource, String resource, String sub,
                                    String requestName, String ruleNames, boolean expected) {
        PolicyRule rule = new PolicyRule(List.of(verb), List.of(""), List.of(ruleResource),
                ruleNames.isEmpty() ? List.of() : List.of(ruleNames), null);
        assertEquals(expected, RbacAuthorizer.ruleAllows(rule,
                RequestAttributes.resource(UserInfo.of("u"), verb, "ns", "", resource, sub, requestName)));
    }

    @ParameterizedTest(name = "{0} vs {1} → {2}")
    @CsvSource({
            "/healthz, /healthz, true",
            "/healthz, /healthz/etcd, false",
            "/healthz/*, /healthz/etcd, true",
            "/healthz/*, /healthz, false",
            "/hea*, /healthz, true",
            "/api**, /apis, true",
            "*, /anything, true"})
    void ruleAllows_nonResourceUrls(String ruleUrl, String path, boolean expected) {
        PolicyRule rule = new PolicyRule(List.of("get"), null, null, null, List.of(ruleUrl));
        assertEquals(expected, RbacAuthorizer.ruleAllows(rule, RequestAttributes.nonResource(UserInfo.of("u"), "get", path)));
    }

    @Test
    void resourceRules_andNonResourceRules_neverCrossOver() {
        PolicyRule everyResource = new PolicyRule(List.of("*"), List.of("*"), List.of("*"), null, null);
        PolicyRule everyUrl = new PolicyRule(List.of("*"), null, null, null, List.of("*"));
        RequestAttributes resource = RequestAttributes.resource(UserInfo.of("u"), "get", "", "", "pods", "", "");
        RequestAttributes url = RequestAttributes.nonResource(UserInfo.of("u"), "get", "/pods");
        assertTrue(RbacAuthorizer.ruleAllows(everyResource, resource));
        assertFalse(RbacAuthorizer.ruleAllows(everyResource, url));
        assertTrue(RbacAuthorizer.ruleAllows(everyUrl, url));
        assertFalse(RbacAuthorizer.ruleAllows(everyUrl, resource));
    }
}
