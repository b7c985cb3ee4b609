package dev.palisade.engine.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Service-account JWTs: bound and legacy, RS256 and ES256, and every way a token can be wrong. */
class AuthnServiceAccountTest {
    static KeyPair rsa;
    static KeyPair ec;
    static KeyPair stranger;

    @BeforeAll
    static void keys() {
        rsa = TestPki.rsaKeys();
        ec = TestPki.ecKeys();
        stranger = TestPki.ecKeys();
    }

    private static ServiceAccountAuthenticator authenticator(boolean legacy) {
        return new ServiceAccountAuthenticator("ServiceAccount", List.of(TestTokens.ISSUER), List.of(),
                List.of(rsa.getPublic(), ec.getPublic()), legacy, Clock.systemUTC());
    }

    private static AuthnAttempt attempt(String token) {
        return authenticator(true).authenticate(Credentials.bearer(token));
    }

    private static String failure(String token) {
        return assertInstanceOf(AuthnAttempt.Failure.class, attempt(token)).reason();
    }

    @Test
    void boundRs256TokenGivesServiceAccountWithPodExtras() {
        AuthenticationResult r = new AuthenticatorChain(List.of(authenticator(false)), false)
                .authenticate(Credentials.fromHeader("Bearer " + TestTokens.sign(TestTokens.bound("prod", "builder").build(), rsa), List.of()));
        assertTrue(r.authenticated(), r.reason());
        assertEquals("system:serviceaccount:prod:builder", r.user().name());
        assertEquals("sa-uid-1", r.user().uid());
        assertEquals(List.of("system:serviceaccounts", "system:serviceaccounts:prod", "system:authenticated"), r.user().groups());
        assertEquals(List.of("web-0"), r.user().extra().get("authentication.kubernetes.io/pod-name"));
        assertEquals(List.of("pod-uid-1"), r.user().extra().get("authentication.kubernetes.io/pod-uid"));
        assertEquals(List.of("JTI=jti-1"), r.user().extra().get("authentication.kubernetes.io/credential-id"));
        assertEquals(AuthenticationMethod.SERVICE_ACCOUNT, r.method());
        assertEquals("serviceaccount", r.method().spelling());
    }

    @Test
    void es256TokenIsAccepted() {
        AuthnAttempt.Success s = assertInstanceOf(AuthnAttempt.Success.class,
                attempt(TestTokens.sign(TestTokens.bound("dev", "ci").build(), ec)));
        assertEquals("system:serviceaccount:dev:ci", s.user().name());
    }

    @Test
    void legacyTokenOnlyWhenEnabled() {
        String token = TestTokens.sign(TestTokens.legacy("kube-system", "old").build(), rsa);
        AuthnAttempt.Success s = assertInstanceOf(AuthnAttempt.Success.class, attempt(token));
        assertEquals("system:serviceaccount:kube-system:old", s.user().name());
        assertEquals("sa-uid-2", s.user().uid());
        assertTrue(s.user().extra().isEmpty());
        AuthnAttempt.Failure f = assertInstanceOf(AuthnAttempt.Failure.class, authenticator(false).authenticate(Credentials.bearer(token)));
        assertTrue(f.reason().contains("issuer \"kubernetes/serviceaccount\" is not accepted"), f.reason());
    }

    @Test
    void expiredNotYetValidAndFutureIssued() {
        Instant now = Instant.now();
        assertTrue(failure(TestTokens.sign(TestTokens.bound("a", "b").expirationTime(Date.from(now.minusSeconds(600))).build(), rsa))
                .contains("has expired"));
        assertTrue(failure(TestTokens.sign(TestTokens.bound("a", "b").notBeforeTime(Date.from(now.plusSeconds(600))).build(), rsa))
                .contains("not valid yet"));
        assertTrue(failure(TestTokens.sign(TestTokens.bound("a", "b").issueTime(Date.from(now.plusSeconds(600))).build(), rsa))
                .contains("issued in the future"));
        // within the 60 s leeway
        assertInstanceOf(AuthnAttempt.Success.class,
                attempt(TestTokens.sign(TestTokens.bound("a", "b").expirationTime(Date.from(now.minusSeconds(20))).build(), rsa)));
    }

    @Test
    void wrongIssuerAndWrongAudience() {
        String wrongIssuer = failure(TestTokens.sign(TestTokens.bound("a", "b").issuer("https://evil.example").build(), rsa));
        assertTrue(wrongIssuer.contains("issuer \"https://evil.example\" is not accepted"), wrongIssuer);
        String wrongAudience = failure(TestTokens.sign(TestTokens.bound("a", "b").audience("vault").build(), rsa));
        assertTrue(wrongAudience.contains("audiences [vault] are not among the accepted audiences"), wrongAudience);
    }

    @Test
    void foreignJwtIsNotMine() {
        JWTClaimsSet oidc = new JWTClaimsSet.Builder().issuer("https://accounts.example").subject("jane").build();
        assertInstanceOf(AuthnAttempt.NotMine.class, attempt(TestTokens.sign(oidc, rsa)));
        assertInstanceOf(AuthnAttempt.NotMine.class, attempt("not-a-jwt"));
        assertInstanceOf(AuthnAttempt.NotMine.class, attempt("a.b.c"));
    }

    @Test
    void tamperedPayloadAndWrongKeyAreRefused() {
        String token = TestTokens.sign(TestTokens.bound("a", "b").build(), rsa);
        String[] parts = token.split("\\.");
        String forgedClaims = TestTokens.bound("kube-system", "admin").build().toString();
        String forged = parts[0] + "." + Base64URL.encode(forgedClaims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertTrue(failure(forged).contains("signature is invalid"));
        assertTrue(failure(TestTokens.sign(TestTokens.bound("a", "b").build(), stranger)).contains("signature is invalid"));
    }

    @Test
    void algorithmConfusionIsRefused() throws Exception {
        // HS256 keyed with the public key's bytes: the classic confusion attack
        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), TestTokens.bound("a", "b").build());
        hs.sign(new MACSigner(java.util.Arrays.copyOf(rsa.getPublic().getEncoded(), 64)));
        assertTrue(failure(hs.serialize()).contains("algorithm HS256 is not accepted"));
        String header = Base64URL.encode("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)).toString();
        String payload = Base64URL.encode(TestTokens.bound("a", "b").build().toString().getBytes(StandardCharsets.UTF_8)).toString();
        assertFalse(attempt(header + "." + payload + ".") instanceof AuthnAttempt.Success);
    }

    @Test
    void missingOrInconsistentClaims() {
        assertTrue(failure(TestTokens.sign(TestTokens.bound("a", "b").subject("system:serviceaccount:a:other").build(), rsa))
                .contains("sub claim is invalid"));
        assertTrue(failure(TestTokens.sign(TestTokens.bound("a", "b").claim("kubernetes.io",
                Map.of("serviceaccount", Map.of("name", "b"))).build(), rsa)).contains("namespace claim is missing"));
        assertTrue(failure(TestTokens.sign(TestTokens.bound("a", "b").claim("kubernetes.io",
                Map.of("namespace", "a", "serviceaccount", "b")).build(), rsa)).contains("wrong type"));
        assertTrue(failure(TestTokens.sign(TestTokens.legacy("a", "b")
                .claim("kubernetes.io/serviceaccount/secret.name", null).build(), rsa)).contains("secretName claim is missing"));
    }

    @Test
    void publicKeysFromPem(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("sa.pub");
        Files.writeString(keys, TestPki.publicKeyPem(rsa.getPublic()) + TestPki.pem(TestPki.ca("signer").certificate()));
        assertEquals(2, PublicKeys.read(keys).size());
        Path priv = dir.resolve("sa.key");
        Files.writeString(priv, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        AuthnLoadException e = assertThrows(AuthnLoadException.class, () -> PublicKeys.read(priv));
        assertTrue(e.getMessage().contains(priv + ":1: PRIVATE KEY is not accepted"), e.getMessage());
    }

    @Test
    void configurationMistakesAreRefused() {
        assertThrows(AuthnLoadException.class, () -> new ServiceAccountAuthenticator("sa", List.of(), List.of(),
                List.of(rsa.getPublic()), false, Clock.systemUTC()));
        assertThrows(AuthnLoadException.class, () -> new ServiceAccountAuthenticator("sa", List.of(TestTokens.ISSUER), List.of(),
                List.of(), false, Clock.systemUTC()));
    }

}
