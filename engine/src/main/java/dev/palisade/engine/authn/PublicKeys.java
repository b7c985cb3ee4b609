package dev.palisade.engine.authn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Service-account verification keys from PEM, as {@code --service-account-key-file} takes them:
 * {@code PUBLIC KEY} blocks (RSA or EC) and {@code CERTIFICATE} blocks (their public key).
 * Private keys are refused: a verifier needs, and should hold, only public keys.
 */
public final class PublicKeys {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private PublicKeys() {}

    public static List<PublicKey> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new AuthnLoadException(file + ": cannot read public keys: " + e.getClass().getSimpleName());
        }
        List<PublicKey> keys = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
            String where = file + ":" + line;
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + type + " block is not valid base64");
                continue;
            }
            switch (type) {
                case "PUBLIC KEY" -> {
                    PublicKey k = publicKey(der);
                    if (k == null) {
                        problems.add(where + ": PUBLIC KEY is neither an RSA nor an EC key");
                    } else {
                        keys.add(k);
                    }
                }
                case "CERTIFICATE" -> {
                    try {
                        keys.add(PemCertificates.parse(m.group().getBytes(StandardCharsets.US_ASCII)).get(0).getPublicKey());
                    } catch (CertificateException e) {
                        problems.add(where + ": CERTIFICATE cannot be parsed");
                    }
                }
                default -> problems.add(where + ": " + type + " is not accepted; give public keys (PUBLIC KEY) or certificates");
            }
        }
        if (keys.isEmpty() && problems.isEmpty()) {
            problems.add(file + ": no PEM public key found");
        }
        if (!problems.isEmpty()) {
            throw new AuthnLoadException(problems);
        }
        return keys;
    }

    private static PublicKey publicKey(byte[] der) {
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        return null;
    }
}
