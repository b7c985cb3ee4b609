package dev.palisade.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.compile.CompiledPolicySet;
import dev.palisade.dsl.compile.PolicyCompiler;
import dev.palisade.dsl.model.ModelBuilder;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.runtime.PolicyProgram;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.authz.Verdict;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;

class PolicyAuthorizerTest {
    private static PolicyAuthorizer authorizer;

    @BeforeAll
    static void build() {
        PolicyFile file = PolicyParser.parse("policies/cluster.pal", """
                package cluster.security

                allow "pod-readers" when "readers" in user.groups and resource == "pods"
                deny "no-secrets-for-interns" when "interns" in user.groups and resource == "secrets"
                  because "interns may not read secrets"
                deny "no-kube-system-for-interns" when "interns" in user.groups and namespace == "kube-system"
                """).orThrow();
        authorizer = new PolicyAuthorizer("guardrails", PolicyCompiler.compile(List.of(file)).build());
    }

    private static RequestAttributes request(String resource, String namespace, String... groups) {
        return RequestAttributes.resource(UserInfo.of("ann", groups), "get", namespace, "", resource, "", "");
    }

    @Test
    void allowCarriesOneReasonPerMatchedRule() {
        Decision d = authorizer.authorize(request("pods", "default", "readers"));
        assertEquals(Verdict.ALLOW, d.verdict());
        assertEquals(List.of(new Reason("guardrails", "cluster.security/pod-readers",
                "allowed by rule \"cluster.security/pod-readers\"", "policies/cluster.pal:3:1")), d.reasons());
        assertTrue(d.errors().isEmpty());
    }

    @Test
    void denyOverridesAllowWithEveryDenyReason() {
        Decision d = authorizer.authorize(request("secrets", "kube-system", "readers", "interns"));
        assertEquals(Verdict.DENY, d.verdict());
        assertEquals(List.of(
                new Reason("guardrails", "cluster.security/no-secrets-for-interns", "interns may not read secrets",
                        "policies/cluster.pal:4:1"),
                new Reason("guardrails", "cluster.security/no-kube-system-for-interns",
                        "denied by rule \"cluster.security/no-kube-system-for-interns\"", "policies/cluster.pal:6:1")),
                d.reasons());
    }

    @Test
    void noMatchIsNoOpinion() {
        Decision d = authorizer.authorize(request("pods", "default", "writers"));
        assertEquals(Decision.noOpinion(), d);
    }

    @Test
    void messageHoles_areFilledWithTheRequestsValues_perRequest() {
        PolicyFile file = PolicyParser.parse("x.pal", """
                package x
                deny "no-secret-writes" when resource == "secrets" and verb != "get"
                  because "{user.name} ({user.groups}) may not {verb} {resource} in {namespace}"
                allow "readers" when verb == "get" because "plain text, {{braces}} kept"
                """).orThrow();
        PolicyAuthorizer a = new PolicyAuthorizer("x", PolicyCompiler.compile(List.of(file)).build());
        RequestAttributes carol = RequestAttributes.resource(new UserInfo("carol", "", List.of("dev", "ops"), Map.of()),
                "delete", "team-a", "", "secrets", "", "db");
        assertEquals("carol (dev, ops) may not delete secrets in team-a", a.authorize(carol).reasons().get(0).message());
        RequestAttributes dan = RequestAttributes.resource(new UserInfo("dan", "", List.of(), Map.of()),
                "update", "team-b", "", "secrets", "", "db");
        assertEquals("dan () may not update secrets in team-b", a.authorize(dan).reasons().get(0).message());
        RequestAttributes read = RequestAttributes.resource(new UserInfo("dan", "", List.of(), Map.of()),
                "get", "team-b", "", "pods", "", "");
        assertEquals("plain text, {braces} kept", a.authorize(read).reasons().get(0).message());
    }

    @Test
    void messageHole_missingExtraKey_readsAbsent_asAdmissionMessagesDo() {
        PolicyFile file = PolicyParser.parse("x.pal", """
                deny "scoped" when verb == "delete" because "scopes: {user.extra[\\"scopes\\"]}"
                """).orThrow();
        PolicyAuthorizer a = new PolicyAuthorizer("x", PolicyCompiler.compile(List.of(file)).build());
        RequestAttributes none = RequestAttributes.resource(new UserInfo("u", "", List.of(), Map.of()), "delete", "ns", "", "pods", "", "p");
        assertEquals("scopes: <absent>", a.authorize(none).reasons().get(0).message());
        RequestAttributes two = RequestAttributes.resource(new UserInfo("u", "", List.of(), Map.of("scopes", List.of("a", "b"))),
                "delete", "ns", "", "pods", "", "p");
        assertEquals("scopes: a, b", a.authorize(two).reasons().get(0).message());
    }

    @Test
    void found1_serviceAccountsReadSecretsOnlyInTheirOwnNamespace() {
        PolicyFile file = PolicyParser.parse("x.pal", """
                deny "sa-secrets-elsewhere" when resource == "secrets" and user.serviceAccount.namespace exists
                  and namespace != user.serviceAccount.namespace
                  because "service account {user.serviceAccount.name} of {user.serviceAccount.namespace} may not read secrets in {namespace}"
                allow "read-secrets" when resource == "secrets" and verb == "get"
                """).orThrow();
        PolicyAuthorizer a = new PolicyAuthorizer("x", PolicyCompiler.compile(List.of(file)).build());
        UserInfo builder = new UserInfo("system:serviceaccount:ci:builder", "", List.of(), Map.of());
        UserInfo alice = new UserInfo("alice", "", List.of(), Map.of());
        assertEquals(Verdict.ALLOW, a.authorize(RequestAttributes.resource(builder, "get", "ci", "", "secrets", "", "s")).verdict());
        Decision elsewhere = a.authorize(RequestAttributes.resource(builder, "get", "prod", "", "secrets", "", "s"));
        assertEquals(Verdict.DENY, elsewhere.verdict());
        assertEquals("service account builder of ci may not read secrets in prod", elsewhere.reasons().get(0).message());
        // not a service account: the deny does not apply, whatever the namespace
        assertEquals(Verdict.ALLOW, a.authorize(RequestAttributes.resource(alice, "get", "prod", "", "secrets", "", "s")).verdict());
        assertEquals(Verdict.ALLOW, a.authorize(RequestAttributes.resource(alice, "get", "", "", "secrets", "", "s")).verdict());
    }

    @Test
    void presenceOfAListAttribute_isAnErrorWithTheMembershipForm() {
        var parsed = PolicyParser.parse("x.pal", "deny \"d\" when user.groups exists");
        assertEquals("x.pal:1:15: 'exists' tests a string attribute, and user.groups is a list", parsed.diagnostics().get(0).span().location()
                + ": " + parsed.diagnostics().get(0).message());
    }

    @Test
    void d6_matchesAListOfGlobs_matchesAnyOfThem() {
        PolicyFile file = PolicyParser.parse("x.pal", """
                allow "health" when verb == "get" and path matches ["/healthz*", "/livez", "/readyz"]
                deny "not-debug" when resource matches ["pods", "pods?"] and not (name matches ["debug-*", "*-debug"])
                """).orThrow();
        PolicyAuthorizer a = new PolicyAuthorizer("x", PolicyCompiler.compile(List.of(file)).build());
        UserInfo u = new UserInfo("u", "", List.of(), Map.of());
        assertEquals(Verdict.ALLOW, a.authorize(RequestAttributes.nonResource(u, "get", "/healthz/etcd")).verdict());
        assertEquals(Verdict.ALLOW, a.authorize(RequestAttributes.nonResource(u, "get", "/readyz")).verdict());
        assertEquals(Verdict.NO_OPINION, a.authorize(RequestAttributes.nonResource(u, "get", "/metrics")).verdict());
        assertEquals(Verdict.DENY, a.authorize(RequestAttributes.resource(u, "get", "a", "", "pods", "", "web")).verdict());
        assertEquals(Verdict.NO_OPINION, a.authorize(RequestAttributes.resource(u, "get", "a", "", "pods", "", "web-debug")).verdict());
        assertEquals(Verdict.NO_OPINION, a.authorize(RequestAttributes.resource(u, "get", "a", "", "pods", "", "debug-1")).verdict());
    }

    @Test
    void extraFromTheRequestModelIsSeen() {
        PolicyFile file = PolicyParser.parse("x.pal", "allow \"scoped\" when \"pods:read\" in user.extra[\"scopes\"]").orThrow();
        PolicyAuthorizer a = new PolicyAuthorizer("x", PolicyCompiler.compile(List.of(file)).build());
        UserInfo user = new UserInfo("ann", "", List.of(), Map.of("scopes", List.of("pods:read")));
        assertEquals(Verdict.ALLOW, a.authorize(RequestAttributes.resource(user, "get", "", "", "pods", "", "")).verdict());
        assertEquals(Verdict.NO_OPINION, a.authorize(request("pods", "")).verdict());
    }

    /** A program whose rules and side table disagree fails at evaluation; that must never allow. */
    @Test
    void evaluationErrorIsAnErrorDecisionNeverAllow() {
        CompiledPolicySet compiled = PolicyCompiler.compile(List.of(
                PolicyParser.parse("y.pal", "allow \"always\"").orThrow()));
        // the rules' own KieBase, with a side table that lacks the rule they record: evaluation fails
        KieBase kieBase = ModelBuilder.build(compiled.plan());
        PolicyProgram broken = new PolicyProgram(kieBase, List.of(), compiled.symbols(), compiled.predicates());
        Decision d = new PolicyAuthorizer("broken", broken).authorize(request("pods", "default"));
        assertFalse(d.allowed());
        assertEquals(Verdict.NO_OPINION, d.verdict());
        assertEquals(1, d.errors().size());
        assertTrue(d.errors().get(0).startsWith("policy broken: "), d.errors().get(0));
    }
}
