package dev.palisade.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.server.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {
    @TempDir
    Path dir;

    @Test
    void pkcs8RsaKeyIsRead() throws Exception {
        KeyPair k = TestPki.rsa();
        TestPki.writePkcs8(dir.resolve("k.pem"), k.getPrivate());
        assertSameKey(k.getPrivate(), PemFiles.privateKey(dir.resolve("k.pem")));
    }

    @Test
    void pkcs1RsaKeyAsCertManagerWritesItIsRead() throws Exception {
        KeyPair k = TestPki.rsa();
        TestPki.writeTraditional(dir.resolve("k.pem"), k.getPrivate());
        assertTrue(Files.readString(dir.resolve("k.pem")).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        assertSameKey(k.getPrivate(), PemFiles.privateKey(dir.resolve("k.pem")));
    }

    @Test
    void sec1EcKeyIsRead() throws Exception {
        KeyPair k = TestPki.ec();
        TestPki.writeSec1(dir.resolve("k.pem"), (java.security.interfaces.ECPrivateKey) k.getPrivate());
        assertTrue(Files.readString(dir.resolve("k.pem")).contains("-----BEGIN EC PRIVATE KEY-----"));
        assertSameKey(k.getPrivate(), PemFiles.privateKey(dir.resolve("k.pem")));
    }

    @Test
    void pkcs8EcKeyIsRead() throws Exception {
        KeyPair k = TestPki.ec();
        TestPki.writePkcs8(dir.resolve("k.pem"), k.getPrivate());
        assertSameKey(k.getPrivate(), PemFiles.privateKey(dir.resolve("k.pem")));
    }

    @Test
    void encryptedKeyIsRefusedSayingSo() throws Exception {
        Files.writeString(dir.resolve("k.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        TlsException e = assertThrows(TlsException.class, () -> PemFiles.privateKey(dir.resolve("k.pem")));
        assertTrue(e.getMessage().contains("k.pem") && e.getMessage().contains("encrypted"), e.getMessage());
    }

    @Test
    void fileWithoutKeyOrCertificateNamesTheFile() throws Exception {
        Files.writeString(dir.resolve("x.pem"), "hello\n");
        assertTrue(assertThrows(TlsException.class, () -> PemFiles.privateKey(dir.resolve("x.pem"))).getMessage()
                .contains("x.pem: no PEM private key"));
        assertTrue(assertThrows(TlsException.class, () -> PemFiles.certificates(dir.resolve("x.pem"))).getMessage()
                .contains("x.pem: no PEM CERTIFICATE"));
        assertTrue(assertThrows(TlsException.class, () -> PemFiles.certificates(dir.resolve("missing.pem"))).getMessage()
                .contains("missing.pem: cannot read"));
    }

    @Test
    void certificateChainKeepsItsOrder() throws Exception {
        TestPki.Issued ca = TestPki.ca("test-ca");
        TestPki.Issued leaf = TestPki.server(ca, TestPki.rsa());
        TestPki.writeCert(dir.resolve("c.pem"), leaf.certificate(), ca.certificate());
        assertEquals(java.util.List.of(leaf.certificate(), ca.certificate()), PemFiles.certificates(dir.resolve("c.pem")));
    }

    private static void assertSameKey(PrivateKey expected, PrivateKey actual) {
        assertEquals(expected.getAlgorithm(), actual.getAlgorithm());
        if (expected instanceof java.security.interfaces.ECPrivateKey e) {
            assertEquals(e.getS(), ((java.security.interfaces.ECPrivateKey) actual).getS());
        } else {
            assertEquals(((java.security.interfaces.RSAPrivateKey) expected).getPrivateExponent(),
                    ((java.security.interfaces.RSAPrivateKey) actual).getPrivateExponent());
        }
    }
}
