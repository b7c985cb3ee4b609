package dev.palisade.engine.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.source.PolicyException;
import dev.palisade.engine.request.UserInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The authentication stage with DSL authn rules after the chain: a matching reject is a 401 naming the rule. */
class AuthnPolicyTest {
    private static final String POLICY = """
            package cluster.authn
            reject "masters-need-client-certs"
              when "system:masters" in user.groups and authn.method != "x509"
              because "members of system:masters must authenticate with a client certificate"
            reject "disabled-service-accounts"
              when user.name in ["system:serviceaccount:ci:deployer", "system:serviceaccount:old:bot"]
              because "service account {user.name} is disabled"
            reject "no-anonymous-writers" when authn.method == "anonymous" and authn.authenticator == "anonymous"
              and "writers" in user.groups
            """;

    @TempDir
    static Path dir;
    private static AuthnPolicy policy;

    @BeforeAll
    static void load() throws IOException {
        Path file = dir.resolve("cluster-authn.pal");
        Files.writeString(file, POLICY);
        policy = AuthnPolicy.load(List.of(file));
    }

    /** An authenticator that recognises exactly one bearer token as one user, by one method. */
    private record Fixed(String name, String token, UserInfo user, AuthenticationMethod method) implements Authenticator {
        @Override
        public AuthnAttempt authenticate(Credentials c) {
            return c.bearerToken().filter(token::equals).isPresent() ? AuthnAttempt.success(user, method) : AuthnAttempt.notMine();
        }
    }

    private static AuthenticatorChain chain(Optional<AuthnPolicy> p, boolean anonymous) {
        return new AuthenticatorChain(List.of(
                new Fixed("X509", "cert-admin", UserInfo.of("admin", "system:masters"), AuthenticationMethod.X509),
                new Fixed("TokenFile", "tok-admin", UserInfo.of("admin", "system:masters"), AuthenticationMethod.TOKEN),
                new Fixed("TokenFile", "tok-alice", UserInfo.of("alice", "dev"), AuthenticationMethod.TOKEN),
                new Fixed("ServiceAccount", "sa-deployer", UserInfo.of("system:serviceaccount:ci:deployer", "system:serviceaccounts"),
                        AuthenticationMethod.SERVICE_ACCOUNT),
                new Fixed("ServiceAccount", "sa-builder", UserInfo.of("system:serviceaccount:ci:builder", "system:serviceaccounts"),
                        AuthenticationMethod.SERVICE_ACCOUNT),
                new Fixed("corp", "hook-admin", UserInfo.of("root@corp", "system:masters"), AuthenticationMethod.WEBHOOK)),
                anonymous, p);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("x509 master is kept", "cert-admin", true, null),
                Arguments.of("token master is rejected", "tok-admin", false, "cluster.authn/masters-need-client-certs"),
                Arguments.of("webhook master is rejected", "hook-admin", false, "cluster.authn/masters-need-client-certs"),
                Arguments.of("ordinary token user is kept", "tok-alice", true, null),
                Arguments.of("disabled service account is rejected", "sa-deployer", false, "cluster.authn/disabled-service-accounts"),
                Arguments.of("other service account is kept", "sa-builder", true, null),
                Arguments.of("anonymous is judged and kept", null, true, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void authenticate_withPolicy_judgesEverySuccess(String name, String token, boolean kept, String rule) {
        Credentials c = token == null ? Credentials.none() : Credentials.bearer(token);
        AuthenticationResult without = chain(Optional.empty(), true).authenticate(c);
        AuthenticationResult with = chain(Optional.of(policy), true).authenticate(c);

        assertTrue(without.authenticated(), "the chain alone accepts every case");
        assertEquals(kept, with.authenticated(), with.reason());
        if (kept) {
            assertEquals(without, with);
        } else {
            assertEquals(AuthenticationMethod.NONE, with.method());
            assertEquals("", with.user().name());
            assertTrue(with.reason().startsWith("Unauthorized: authn policy: rejected by rule \"" + rule + "\" ("
                    + dir.resolve("cluster-authn.pal") + ":"), with.reason());
        }
    }

    @Test
    void rejection_reasonNamesRuleMessageAndPosition() {
        AuthenticationResult r = chain(Optional.of(policy), false).authenticate(Credentials.bearer("sa-deployer"));

        assertEquals("Unauthorized: authn policy: rejected by rule \"cluster.authn/disabled-service-accounts\" ("
                + dir.resolve("cluster-authn.pal") + ":5:1): service account system:serviceaccount:ci:deployer is disabled",
                r.reason());
    }

    @Test
    void anonymous_isJudgedToo() {
        Authenticator anonymousWriter = new Fixed("nobody", "never", UserInfo.of("x"), AuthenticationMethod.TOKEN);
        AuthnPolicy writers = new AuthnPolicy(input -> input.userGroups().contains("system:unauthenticated")
                && input.authnMethod().equals("anonymous") && input.authnAuthenticator().equals("anonymous")
                ? List.of(new dev.palisade.dsl.authn.Rejection("t/anon", "no anonymous", "t.pal:1:1")) : List.of());
        AuthenticationResult r = new AuthenticatorChain(List.of(anonymousWriter), true, Optional.of(writers))
                .authenticate(Credentials.none());

        assertFalse(r.authenticated());
        assertEquals("Unauthorized: authn policy: rejected by rule \"t/anon\" (t.pal:1:1): no anonymous", r.reason());
    }

    @Test
    void chainFailure_isNotJudgedAndKeepsItsReason() {
        AuthnPolicy everything = new AuthnPolicy(input -> {
            throw new AssertionError("a failed authentication has nobody to judge");
        });
        AuthenticationResult r = chain(Optional.of(everything), true).authenticate(Credentials.bearer("unknown"));

        assertFalse(r.authenticated());
        assertEquals("Unauthorized: bearer token: invalid bearer token: no authenticator recognised it", r.reason());
    }

    @Test
    void policyError_failsClosedWith401() {
        AuthnPolicy broken = new AuthnPolicy(input -> {
            throw new IllegalStateException("secret-looking text " + input.userName());
        });
        AuthenticationResult r = chain(Optional.of(broken), false).authenticate(Credentials.bearer("cert-admin"));

        assertFalse(r.authenticated());
        assertEquals("Unauthorized: authn policy: could not be evaluated (IllegalStateException); refusing the user", r.reason());
        assertFalse(r.reason().contains("admin"), "exception text is not echoed");
    }

    @Test
    void policyWithoutAnswer_failsClosed() {
        AuthnPolicy silent = new AuthnPolicy(input -> null);
        assertFalse(chain(Optional.of(silent), false).authenticate(Credentials.bearer("tok-alice")).authenticated());
    }

    @Test
    void earlierAuthenticatorErrors_areKeptBeforeTheRejection() {
        Authenticator failing = new Authenticator() {
            public String name() {
                return "Webhook";
            }

            public AuthnAttempt authenticate(Credentials c) {
                return AuthnAttempt.failure("timed out");
            }
        };
        Authenticator token = new Fixed("TokenFile", "tok-admin", UserInfo.of("admin", "system:masters"), AuthenticationMethod.TOKEN);
        AuthenticationResult r = new AuthenticatorChain(List.of(failing, token), false, Optional.of(policy))
                .authenticate(Credentials.bearer("tok-admin"));

        assertEquals(List.of("Webhook", AuthnPolicy.NAME), r.errors().stream().map(AuthenticatorError::authenticator).toList());
    }

    @Test
    void load_nonAuthnRules_areRefusedWithTheirPosition() throws IOException {
        Path file = dir.resolve("mixed.pal");
        Files.writeString(file, "reject \"a\" when authn.method == \"basic\"\nallow \"b\" when verb == \"get\"\n");
        PolicyException e = assertThrows(PolicyException.class, () -> AuthnPolicy.load(List.of(file)));
        assertTrue(e.render().contains(file + ":2:1: error: authentication policies hold only 'reject' rules"), e.render());
    }

    @Test
    void load_checkErrors_comeWithPositions() throws IOException {
        Path file = dir.resolve("bad.pal");
        Files.writeString(file, "reject \"a\" when verb == \"get\"\n");
        PolicyException e = assertThrows(PolicyException.class, () -> AuthnPolicy.load(List.of(file)));
        assertTrue(e.render().contains(file + ":1:17: error: attribute 'verb' is not available in authn rules"), e.render());
    }

    @Test
    void judge_extraAndUidReachTheRules() throws IOException {
        Path file = dir.resolve("extra.pal");
        Files.writeString(file, "reject \"legacy\" when user.extra[\"scopes\"] contains \"legacy\" and user.uid == \"7\"\n");
        AuthnPolicy p = AuthnPolicy.load(List.of(file));
        UserInfo legacy = new UserInfo("u", "7", List.of(), Map.of("scopes", List.of("legacy")));
        UserInfo otherUid = new UserInfo("u", "8", List.of(), Map.of("scopes", List.of("legacy")));

        assertFalse(p.judge(new AuthenticationResult(true, legacy, AuthenticationMethod.TOKEN, "t", List.of())).authenticated());
        assertTrue(p.judge(new AuthenticationResult(true, otherUid, AuthenticationMethod.TOKEN, "t", List.of())).authenticated());
    }

    @Test
    void closingTheChainReleasesTheRules_andAClosedPolicyRejects() throws Exception {
        Path file = dir.resolve("closing.pal");
        Files.writeString(file, POLICY);
        AuthnPolicy own = AuthnPolicy.load(List.of(file));
        AuthenticatorChain chain = chain(Optional.of(own), false);
        assertTrue(chain.authenticate(Credentials.bearer("tok-alice")).authenticated(), "before close");

        chain.close();
        chain.close(); // idempotent

        AuthenticationResult after = chain.authenticate(Credentials.bearer("tok-alice"));
        assertFalse(after.authenticated(), "a closed rule set must fail closed, not accept");
        assertTrue(after.errors().stream().anyMatch(e -> e.message().contains("could not be evaluated")), after.errors().toString());
    }
}
