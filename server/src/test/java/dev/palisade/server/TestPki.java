package dev.palisade.server;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** Certificates made at test time: a CA, server certificates for localhost, client certificates. */
public final class TestPki {
    public record Issued(X509Certificate certificate, KeyPair keys) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {}

    public static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, RANDOM);
        return g.generateKeyPair();
    }

    public static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    public static Issued ca(String cn) throws Exception {
        KeyPair keys = rsa();
        return new Issued(sign(cn, keys, cn, keys.getPrivate(), true, false), keys);
    }

    /** A server certificate for localhost and 127.0.0.1, signed by {@code ca}. */
    public static Issued server(Issued ca, KeyPair keys) throws Exception {
        return new Issued(sign("localhost", keys, subject(ca), ca.keys().getPrivate(), false, true), keys);
    }

    public static Issued client(Issued ca, String cn) throws Exception {
        KeyPair keys = rsa();
        return new Issued(sign(cn, keys, subject(ca), ca.keys().getPrivate(), false, false), keys);
    }

    private static String subject(Issued ca) {
        return ca.certificate().getSubjectX500Principal().getName().replace("CN=", "");
    }

    private static X509Certificate sign(String cn, KeyPair keys, String issuerCn, PrivateKey issuerKey, boolean isCa,
                                        boolean san) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuerCn),
                BigInteger.valueOf(RANDOM.nextLong() & Long.MAX_VALUE), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), new X500Name("CN=" + cn), keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (san) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        String alg = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg).build(issuerKey)));
    }

    public static void writeCert(Path file, X509Certificate... certs) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            for (X509Certificate c : certs) {
                w.writeObject(c);
            }
        }
        Files.writeString(file, s.toString());
    }

    /** PKCS#8 {@code PRIVATE KEY}. */
    public static void writePkcs8(Path file, PrivateKey key) throws IOException {
        StringWriter s = new StringWriter();
        try (PemWriter w = new PemWriter(s)) {
            w.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
        }
        Files.writeString(file, s.toString());
    }

    /** The traditional form of an RSA key: {@code RSA PRIVATE KEY} (PKCS#1). */
    public static void writeTraditional(Path file, PrivateKey key) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(new JcaMiscPEMGenerator(key));
        }
        Files.writeString(file, s.toString());
    }

    /** SEC1 {@code EC PRIVATE KEY} with the named curve, as openssl and cert-manager write it (P-256 only). */
    public static void writeSec1(Path file, java.security.interfaces.ECPrivateKey key) throws IOException {
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(),
                new org.bouncycastle.asn1.x9.X962Parameters(org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1));
        StringWriter s = new StringWriter();
        try (PemWriter w = new PemWriter(s)) {
            w.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        }
        Files.writeString(file, s.toString());
    }

    /** An HTTP client trusting {@code ca}, presenting {@code client} when given. */
    public static HttpClient httpClient(Issued ca, Issued client) throws Exception {
        return httpClient(ca, client, HttpClient.Version.HTTP_1_1);
    }

    public static HttpClient httpClient(Issued ca, Issued client, HttpClient.Version version) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (client != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", client.keys().getPrivate(), "x".toCharArray(),
                    new X509Certificate[] {client.certificate()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "x".toCharArray());
        }
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
        return HttpClient.newBuilder().sslContext(ssl).version(version)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }
}
