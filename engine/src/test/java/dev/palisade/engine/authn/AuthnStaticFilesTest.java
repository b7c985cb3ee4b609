package dev.palisade.engine.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static token and password CSV files: the apiserver's format, failures named, secrets never shown. */
class AuthnStaticFilesTest {
    private static final String TOKEN = "s3cr3t-t0ken-ABC";

    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        Path f = dir.resolve("creds.csv");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    private AuthenticatorChain tokens(boolean anonymous) throws IOException {
        Path f = file("# comment", TOKEN + ",jane,uid-1,\"dev,ops\"", "other-token, bob ,uid-2", "", ",skipped,uid-3");
        return new AuthenticatorChain(List.of(TokenFileAuthenticator.fromFile("TokenFile", f)), anonymous);
    }

    @Test
    void knownTokenAuthenticatesWithQuotedGroupsAndAllAuthenticated() throws IOException {
        AuthenticationResult r = tokens(false).authenticate(Credentials.fromHeader("Bearer " + TOKEN, List.of()));
        assertTrue(r.authenticated());
        assertEquals("jane", r.user().name());
        assertEquals("uid-1", r.user().uid());
        assertEquals(List.of("dev", "ops", "system:authenticated"), r.user().groups());
        assertEquals(AuthenticationMethod.TOKEN, r.method());
        assertEquals("token", r.method().spelling());
        AuthenticationResult bob = tokens(false).authenticate(Credentials.bearer("other-token"));
        assertEquals("bob ", bob.user().name(), "only leading spaces are trimmed, as encoding/csv does");
    }

    @Test
    void unknownTokenIsRefusedEvenWithAnonymousEnabled() throws IOException {
        AuthenticationResult r = tokens(true).authenticate(Credentials.bearer("nope"));
        assertFalse(r.authenticated());
        assertTrue(r.reason().contains("invalid bearer token"), r.reason());
        assertFalse(r.reason().contains("nope"));
    }

    @Test
    void noCredentialsIsAnonymousOnlyWhenEnabled() throws IOException {
        AuthenticationResult anon = tokens(true).authenticate(Credentials.none());
        assertTrue(anon.authenticated());
        assertEquals("system:anonymous", anon.user().name());
        assertEquals(List.of("system:unauthenticated"), anon.user().groups());
        assertEquals(AuthenticationMethod.ANONYMOUS, anon.method());
        AuthenticationResult none = tokens(false).authenticate(Credentials.none());
        assertFalse(none.authenticated());
        assertTrue(none.reason().contains("anonymous access is disabled"), none.reason());
    }

    @Test
    void badLinesNameFileAndLineButNeverTheSecret() throws IOException {
        Path f = file("good-token,u,1", "leaky-secret-1,only-two", "\"leaky-secret-2,u,1", "leaky\"secret3,u,1");
        AuthnLoadException e = assertThrows(AuthnLoadException.class, () -> TokenFileAuthenticator.fromFile("t", f));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith(f + ":2: needs at least 3 columns"), e.getMessage());
        assertTrue(e.problems().get(1).startsWith(f + ":3: a quoted field is not closed"), e.getMessage());
        assertTrue(e.problems().get(2).startsWith(f + ":4: bare \""), e.getMessage());
        assertFalse(e.getMessage().contains("leaky"), e.getMessage());
    }

    @Test
    void duplicateTokenIsRefused() throws IOException {
        Path f = file("same,a,1", "same,b,2");
        AuthnLoadException e = assertThrows(AuthnLoadException.class, () -> TokenFileAuthenticator.fromFile("t", f));
        assertTrue(e.getMessage().contains(":2: the same token as on line 1"), e.getMessage());
        assertFalse(e.getMessage().contains("same,"));
    }

    @Test
    void basicAuthAcceptsOnlyTheRightPasswordAndDoesNotRevealWhichPartWasWrong() throws IOException {
        Path f = file("pa55word,admin,uid-0,\"system:masters\"");
        AuthenticatorChain chain = new AuthenticatorChain(List.of(BasicAuthFileAuthenticator.fromFile("BasicAuthFile", f)), true);
        AuthenticationResult ok = chain.authenticate(Credentials.fromHeader(basic("admin", "pa55word"), List.of()));
        assertTrue(ok.authenticated());
        assertEquals(List.of("system:masters", "system:authenticated"), ok.user().groups());
        assertEquals(AuthenticationMethod.BASIC, ok.method());
        AuthenticationResult wrongPassword = chain.authenticate(Credentials.fromHeader(basic("admin", "guess"), List.of()));
        AuthenticationResult unknownUser = chain.authenticate(Credentials.fromHeader(basic("root", "pa55word"), List.of()));
        assertFalse(wrongPassword.authenticated());
        assertFalse(unknownUser.authenticated());
        assertEquals(wrongPassword.reason(), unknownUser.reason());
        assertTrue(wrongPassword.reason().contains("invalid username/password"), wrongPassword.reason());
    }

    @Test
    void malformedBasicHeaderFailsRatherThanFallingToAnonymous() throws IOException {
        AuthenticatorChain chain = tokens(true);
        AuthenticationResult r = chain.authenticate(Credentials.fromHeader("Basic !!notbase64", List.of()));
        assertFalse(r.authenticated());
        assertTrue(r.reason().contains("not valid base64"), r.reason());
    }

    @Test
    void secretsStayOutOfEveryStringForm() throws IOException {
        Credentials c = Credentials.fromHeader("Bearer " + TOKEN, List.of());
        assertFalse(c.toString().contains(TOKEN), c.toString());
        assertFalse(Credentials.basic("u", "pw-secret").toString().contains("pw-secret"));
        List<CredentialRecord> records = CredentialFileReader.read(file(TOKEN + ",jane,1"), "token");
        assertFalse(records.toString().contains(TOKEN), records.toString());
        assertFalse(records.get(0).secret().toString().contains(TOKEN));
        AuthenticationResult r = tokens(false).authenticate(c);
        assertFalse(r.toString().contains(TOKEN), r.toString());
    }

    @Test
    void csvFieldsFollowEncodingCsv() {
        assertEquals(List.of("a", "b c", "x,\"y\"", ""), CredentialFileReader.fields("a, b c,\"x,\"\"y\"\"\","));
    }

    @Test
    void otherSchemesAreNotCredentials() {
        assertTrue(Credentials.fromHeader("Negotiate abc", List.of()).isEmpty());
        assertTrue(Credentials.fromHeader("Bearer ", List.of()).isEmpty());
        assertEquals("tok", Credentials.fromHeader("bEaReR tok", List.of()).bearerToken().orElseThrow());
    }

    @Test
    void throwingAuthenticatorIsAFailureWithoutItsMessage() {
        Authenticator boom = new Authenticator() {
            @Override
            public String name() {
                return "boom";
            }

            @Override
            public AuthnAttempt authenticate(Credentials credentials) {
                throw new IllegalStateException("contains " + TOKEN);
            }
        };
        AuthenticationResult r = new AuthenticatorChain(List.of(boom), true).authenticate(Credentials.bearer(TOKEN));
        assertFalse(r.authenticated(), "an error never authenticates, not even as anonymous");
        assertTrue(r.reason().contains("boom: internal error (IllegalStateException)"), r.reason());
        assertFalse(r.reason().contains(TOKEN));
    }

    @Test
    void firstSuccessWinsAndEarlierFailuresAreKept() {
        Authenticator fails = named("first", AuthnAttempt.failure("expired"));
        Authenticator succeeds = named("second", AuthnAttempt.success(dev.palisade.engine.request.UserInfo.of("x", "system:authenticated"),
                AuthenticationMethod.WEBHOOK));
        Authenticator never = named("third", AuthnAttempt.failure("must not be asked"));
        AuthenticationResult r = new AuthenticatorChain(List.of(fails, succeeds, never), false).authenticate(Credentials.bearer("t"));
        assertTrue(r.authenticated());
        assertEquals("second", r.authenticator());
        assertEquals(List.of("system:authenticated"), r.user().groups(), "not added twice");
        assertEquals(List.of(new AuthenticatorError("first", "expired")), r.errors());
        assertInstanceOf(AuthnAttempt.NotMine.class, AuthnAttempt.notMine());
    }

    private static Authenticator named(String name, AuthnAttempt answer) {
        return new Authenticator() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public AuthnAttempt authenticate(Credentials credentials) {
                return answer;
            }
        };
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
