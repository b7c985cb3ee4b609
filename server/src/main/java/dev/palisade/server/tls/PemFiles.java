package dev.palisade.server.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and private keys as cert-manager and openssl write them: {@code PRIVATE KEY}
 * (PKCS#8, RSA or EC), {@code RSA PRIVATE KEY} (PKCS#1) and {@code EC PRIVATE KEY} (SEC1); the
 * last two are wrapped into PKCS#8 for the JDK. Encrypted keys are refused with a clear message.
 */
public final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

    private PemFiles() {}

    /** The certificates of a PEM file, in order (leaf first for a chain). */
    public static List<X509Certificate> certificates(Path file) throws TlsException {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(file)) {
                if (b.type().equals("CERTIFICATE")) {
                    out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new TlsException(file + ": not a valid X.509 certificate: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new TlsException(file + ": no PEM CERTIFICATE block found");
        }
        return out;
    }

    /** The private key of a PEM file (the first key block). */
    public static PrivateKey privateKey(Path file) throws TlsException {
        for (Block b : blocks(file)) {
            switch (b.type()) {
                case "PRIVATE KEY":
                    return pkcs8(file, b.der());
                case "RSA PRIVATE KEY":
                    return pkcs8(file, sequence(integer0(), RSA_ALGORITHM, octetString(b.der())));
                case "EC PRIVATE KEY":
                    byte[] curve = Der.ecCurveOid(b.der());
                    if (curve == null) {
                        throw new TlsException(file + ": EC PRIVATE KEY without curve parameters; convert it with "
                                + "'openssl pkcs8 -topk8 -nocrypt'");
                    }
                    return pkcs8(file, sequence(integer0(), sequence(EC_PUBLIC_KEY_OID, curve), octetString(b.der())));
                case "ENCRYPTED PRIVATE KEY":
                    throw new TlsException(file + ": the private key is encrypted; give an unencrypted PEM key");
                default:
                    // certificates or parameters before the key: skip
            }
        }
        throw new TlsException(file + ": no PEM private key block (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY) found");
    }

    private static PrivateKey pkcs8(Path file, byte[] der) throws TlsException {
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new TlsException(file + ": the private key is not a readable RSA, EC or Ed25519 key");
    }

    private record Block(String type, byte[] der) {}

    private static List<Block> blocks(Path file) throws TlsException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsException(file + ": cannot read: " + e.getMessage());
        }
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new TlsException(file + ": PEM block " + m.group(1) + " is not valid base64");
            }
        }
        return out;
    }

    private static byte[] integer0() {
        return new byte[] {0x02, 0x01, 0x00};
    }

    private static byte[] octetString(byte[] content) {
        return Der.tlv(0x04, content);
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return Der.tlv(0x30, b.toByteArray());
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
