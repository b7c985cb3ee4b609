package dev.palisade.dsl.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Authn rules judge who authenticated and how: every matching reject is reported, no match accepts. */
class AuthnProgramTest {
    private static final String POLICY = """
            package cluster.authn
            reject "masters-need-client-certs"
              when "system:masters" in user.groups and authn.method != "x509"
              because "members of system:masters must authenticate with a client certificate, not {authn.method}"
            reject "disabled-service-accounts"
              when user.name in ["system:serviceaccount:ci:deployer", "system:serviceaccount:old:bot"]
              because "service account {user.name} is disabled"
            reject "corp-webhook-only-corp-users"
              when authn.authenticator == "corp-webhook" and not (user.name endsWith "@corp.example")
              because "{user.name} is not a corp user ({user.groups})"
            reject "no-legacy-scopes" when user.extra["scopes"] contains "legacy"
              because "scopes {user.extra[\\"scopes\\"]} of {user.uid} include legacy"
            reject "anonymous-only-for-health" when authn.method == "anonymous" and user.name matches "system:anon*"
            reject "admin-lookalikes" when lower(user.name) == "admin" and user.name != "admin"
              because "{user.name} looks like admin"
            reject "sa-of-authenticator" when user.serviceAccount.name exists
              and authn.authenticator startsWith "ns-" and authn.authenticator != "ns-" + user.serviceAccount.namespace
            """;

    private static AuthnProgram program;

    @BeforeAll
    static void build() {
        program = AuthnPolicies.build(POLICY);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("x509 master", user("admin", "x509", "X509", "system:masters"), List.of()),
                Arguments.of("token master", user("admin", "token", "TokenFile", "system:masters"),
                        List.of("cluster.authn/masters-need-client-certs")),
                Arguments.of("basic master", user("admin", "basic", "BasicAuthFile", "dev", "system:masters"),
                        List.of("cluster.authn/masters-need-client-certs")),
                Arguments.of("token non-master", user("alice", "token", "TokenFile", "dev"), List.of()),
                Arguments.of("disabled SA", user("system:serviceaccount:ci:deployer", "serviceaccount", "sa"),
                        List.of("cluster.authn/disabled-service-accounts")),
                Arguments.of("other SA", user("system:serviceaccount:ci:builder", "serviceaccount", "sa"), List.of()),
                Arguments.of("disabled SA that is a master", user("system:serviceaccount:old:bot", "serviceaccount", "sa",
                        "system:masters"), List.of("cluster.authn/masters-need-client-certs",
                        "cluster.authn/disabled-service-accounts")),
                Arguments.of("corp webhook, corp user", user("bob@corp.example", "webhook", "corp-webhook"), List.of()),
                Arguments.of("corp webhook, outsider", user("eve@evil.example", "webhook", "corp-webhook", "g1", "g2"),
                        List.of("cluster.authn/corp-webhook-only-corp-users")),
                Arguments.of("other webhook, outsider", user("eve@evil.example", "webhook", "other"), List.of()),
                Arguments.of("anonymous", user("system:anonymous", "anonymous", "anonymous", "system:unauthenticated"),
                        List.of("cluster.authn/anonymous-only-for-health")),
                Arguments.of("name like anonymous, by token", user("system:anonymous", "token", "TokenFile"), List.of()),
                Arguments.of("expressions: an admin lookalike", user("ADMIN", "token", "TokenFile"), List.of("cluster.authn/admin-lookalikes")),
                Arguments.of("expressions: admin itself", user("admin", "token", "TokenFile"), List.of()),
                Arguments.of("expressions: SA through its namespace's authenticator", user("system:serviceaccount:ci:b", "serviceaccount", "ns-ci"),
                        List.of()),
                Arguments.of("expressions: SA through another authenticator", user("system:serviceaccount:ci:b", "serviceaccount", "ns-prod"),
                        List.of("cluster.authn/sa-of-authenticator")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judge_matchingRejects_areAllReported(String name, AuthnInput input, List<String> rejectedBy) {
        assertEquals(rejectedBy, program.judge(input).stream().map(Rejection::ruleId).toList());
    }

    @Test
    void judge_rejection_namesRuleMessageAndPosition() {
        List<Rejection> r = program.judge(user("admin", "token", "tokens", "system:masters"));

        assertEquals(List.of(new Rejection("cluster.authn/masters-need-client-certs",
                "members of system:masters must authenticate with a client certificate, not token", "p0.pal:2:1")), r);
        assertEquals("rejected by rule \"cluster.authn/masters-need-client-certs\" (p0.pal:2:1): members of "
                + "system:masters must authenticate with a client certificate, not token", r.get(0).render());
    }

    @Test
    void judge_messageHoles_areFilledWithTheUsersValues() {
        assertEquals("service account system:serviceaccount:old:bot is disabled",
                program.judge(user("system:serviceaccount:old:bot", "serviceaccount", "sa")).get(0).message());
        assertEquals("eve is not a corp user (g1, g2)",
                program.judge(user("eve", "webhook", "corp-webhook", "g1", "g2")).get(0).message());
        AuthnInput scoped = new AuthnInput("u", "uid-7", List.of(), Map.of("scopes", List.of("read", "legacy")), "token", "t");
        assertEquals("scopes read, legacy of uid-7 include legacy", program.judge(scoped).get(0).message());
    }

    @Test
    void judge_ruleWithoutMessage_saysItWasThePolicy() {
        assertEquals("rejected by authentication policy",
                program.judge(user("system:anonymous", "anonymous", "anonymous")).get(0).message());
    }

    @Test
    void judge_extraKeyNoRuleNames_isInvisible() {
        AuthnInput other = new AuthnInput("u", "", List.of(), Map.of("other", List.of("legacy")), "token", "t");
        assertEquals(List.of(), program.judge(other));
    }

    @Test
    void judge_ruleWithoutWhen_rejectsEveryone() {
        AuthnProgram all = AuthnPolicies.build("reject \"closed\" because \"maintenance\"");
        assertEquals(List.of(new Rejection("closed", "maintenance", "p0.pal:1:1")),
                all.judge(user("anyone", "x509", "X509")));
    }

    @Test
    void judge_noAuthnRules_acceptsEveryone() {
        AuthnProgram none = AuthnPolicies.build("allow \"x\" when verb == \"get\"");
        assertEquals(List.of(), none.rules());
        assertEquals(List.of(), none.judge(user("admin", "token", "t", "system:masters")));
    }

    @Test
    void judge_repeatedOnOneThread_startsFreshEachTime() {
        for (int i = 0; i < 3; i++) {
            assertEquals(1, program.judge(user("admin", "token", "t", "system:masters")).size());
            assertEquals(0, program.judge(user("admin", "x509", "t", "system:masters")).size());
        }
    }

    private static AuthnInput user(String name, String method, String authenticator, String... groups) {
        return new AuthnInput(name, "", List.of(groups), Map.of(), method, authenticator);
    }
}
