package dev.palisade.engine.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client certificates verified with the JDK's PKIX against a CA bundle generated for the run. */
class AuthnX509Test {
    static TestPki.Issued root;
    static TestPki.Issued intermediate;
    static TestPki.Issued otherRoot;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        root = TestPki.ca("palisade-test-root");
        intermediate = TestPki.intermediate(root, "palisade-test-intermediate");
        otherRoot = TestPki.ca("someone-else");
    }

    private X509Authenticator authenticator(Clock clock) throws IOException {
        Path bundle = dir.resolve("ca.pem");
        Files.writeString(bundle, root.pem());
        return X509Authenticator.fromFile("X509", bundle, clock);
    }

    private AuthnAttempt present(Clock clock, java.security.cert.X509Certificate... chain) throws IOException {
        return authenticator(clock).authenticate(Credentials.clientCertificate(List.of(chain)));
    }

    @Test
    void validChainGivesCommonNameAndOrganizations() throws IOException {
        TestPki.Issued leaf = TestPki.client(intermediate, "O=dev,O=system:masters,CN=jane");
        AuthenticationResult r = new AuthenticatorChain(List.of(authenticator(Clock.systemUTC())), false)
                .authenticate(Credentials.clientCertificate(List.of(leaf.certificate(), intermediate.certificate())));
        assertTrue(r.authenticated(), r.reason());
        assertEquals("jane", r.user().name());
        assertEquals(List.of("dev", "system:masters", "system:authenticated"), r.user().groups());
        assertEquals(AuthenticationMethod.X509, r.method());
    }

    @Test
    void unknownAuthority() throws IOException {
        TestPki.Issued leaf = TestPki.client(otherRoot, "CN=mallory,O=system:masters");
        AuthnAttempt.Failure f = assertInstanceOf(AuthnAttempt.Failure.class, present(Clock.systemUTC(), leaf.certificate()));
        assertTrue(f.reason().contains("unknown authority"), f.reason());
    }

    @Test
    void missingIntermediateIsUnknownAuthority() throws IOException {
        TestPki.Issued leaf = TestPki.client(intermediate, "CN=jane");
        assertInstanceOf(AuthnAttempt.Failure.class, present(Clock.systemUTC(), leaf.certificate()));
    }

    @Test
    void expiredAndNotYetValid() throws IOException {
        TestPki.Issued leaf = TestPki.client(root, "CN=jane");
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC);
        AuthnAttempt.Failure expired = assertInstanceOf(AuthnAttempt.Failure.class, present(later, leaf.certificate()));
        assertTrue(expired.reason().contains("has expired"), expired.reason());
        Instant now = Instant.now();
        TestPki.Issued future = TestPki.client(root, "CN=jane", now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(3)),
                KeyPurposeId.id_kp_clientAuth);
        AuthnAttempt.Failure early = assertInstanceOf(AuthnAttempt.Failure.class, present(Clock.systemUTC(), future.certificate()));
        assertTrue(early.reason().contains("not yet valid"), early.reason());
    }

    @Test
    void tamperedSignatureIsRefused() throws IOException {
        // same issuer name as the root, signed by a different key: only the signature differs
        TestPki.Issued impostorRoot = new TestPki.Issued(root.certificate(), TestPki.ecKeys());
        TestPki.Issued leaf = TestPki.client(impostorRoot, "CN=mallory,O=system:masters");
        AuthnAttempt.Failure f = assertInstanceOf(AuthnAttempt.Failure.class, present(Clock.systemUTC(), leaf.certificate()));
        assertFalse(f.reason().isEmpty());
    }

    @Test
    void serverOnlyCertificateIsNotForClients() throws IOException {
        Instant now = Instant.now();
        TestPki.Issued leaf = TestPki.client(root, "CN=jane", now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)),
                KeyPurposeId.id_kp_serverAuth);
        AuthnAttempt.Failure f = assertInstanceOf(AuthnAttempt.Failure.class, present(Clock.systemUTC(), leaf.certificate()));
        assertTrue(f.reason().contains("clientAuth"), f.reason());
    }

    @Test
    void certificateWithoutCommonNameIsRefused() throws IOException {
        TestPki.Issued leaf = TestPki.client(root, "O=dev");
        AuthnAttempt.Failure f = assertInstanceOf(AuthnAttempt.Failure.class, present(Clock.systemUTC(), leaf.certificate()));
        assertTrue(f.reason().contains("no common name"), f.reason());
    }

    @Test
    void noCertificateIsNotMine() throws IOException {
        assertInstanceOf(AuthnAttempt.NotMine.class, authenticator(Clock.systemUTC()).authenticate(Credentials.bearer("x")));
    }

    @Test
    void badBundleIsALoadError() throws IOException {
        Path bundle = dir.resolve("bad.pem");
        Files.writeString(bundle, "not a certificate");
        AuthnLoadException e = org.junit.jupiter.api.Assertions.assertThrows(AuthnLoadException.class,
                () -> X509Authenticator.fromFile("X509", bundle, Clock.systemUTC()));
        assertTrue(e.getMessage().startsWith(bundle.toString()), e.getMessage());
    }
}
