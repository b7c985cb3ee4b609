package dev.palisade.engine.authn;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test-time PKI: CAs, intermediates and leaf certificates made fresh in each run (nothing secret
 * is committed). EC P-256 keys keep generation fast.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private TestPki() {}

    /** A certificate with its key, able to issue others when it is a CA. */
    public record Issued(X509Certificate certificate, KeyPair keys) {
        public String pem() {
            return TestPki.pem(certificate);
        }
    }

    public static KeyPair ecKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Issued ca(String cn) {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        return new Issued(build(new X500Name("CN=" + cn), keys, new X500Name("CN=" + cn), keys.getPrivate(),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), true, null, List.of()), keys);
    }

    public static Issued intermediate(Issued issuer, String cn) {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        return new Issued(build(name(issuer), keys, new X500Name("CN=" + cn), issuer.keys().getPrivate(),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), true, null, List.of()), keys);
    }

    /** A client certificate for {@code subject} (e.g. {@code CN=jane,O=dev,O=ops}) valid for [from, to]. */
    public static Issued client(Issued issuer, String subject, Instant from, Instant to, KeyPurposeId usage) {
        KeyPair keys = ecKeys();
        return new Issued(build(name(issuer), keys, new X500Name(subject), issuer.keys().getPrivate(), from, to, false,
                usage, List.of()), keys);
    }

    public static Issued client(Issued issuer, String subject) {
        Instant now = Instant.now();
        return client(issuer, subject, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), KeyPurposeId.id_kp_clientAuth);
    }

    /** A server certificate for 127.0.0.1 / localhost. */
    public static Issued server(Issued issuer) {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        return new Issued(build(name(issuer), keys, new X500Name("CN=127.0.0.1"), issuer.keys().getPrivate(),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), false, KeyPurposeId.id_kp_serverAuth,
                List.of(new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost"))), keys);
    }

    /** A TLS server context presenting {@code server} (and its chain). */
    public static SSLContext serverContext(Issued server, X509Certificate... chain) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            Certificate[] all = new Certificate[chain.length + 1];
            all[0] = server.certificate();
            System.arraycopy(chain, 0, all, 1, chain.length);
            ks.setKeyEntry("server", server.keys().getPrivate(), "x".toCharArray(), all);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "x".toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509Certificate c) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String publicKeyPem(java.security.PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static X500Name name(Issued issuer) {
        return X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
    }

    private static X509Certificate build(X500Name issuer, KeyPair subjectKeys, X500Name subject, PrivateKey signer,
                                         Instant from, Instant to, boolean ca, KeyPurposeId usage, List<GeneralName> sans) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(from), Date.from(to), subject, subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            if (usage != null) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage));
            }
            if (!sans.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            String alg = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg).build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
