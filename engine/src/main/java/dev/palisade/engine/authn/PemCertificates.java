package dev.palisade.engine.authn;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads X.509 certificates from PEM (a CA bundle, a client chain), with the JDK's parser. */
public final class PemCertificates {
    private PemCertificates() {}

    public static List<X509Certificate> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AuthnLoadException(file + ": cannot read certificates: " + e.getClass().getSimpleName());
        }
        try {
            return parse(bytes);
        } catch (CertificateException e) {
            throw new AuthnLoadException(file + ": not a PEM certificate bundle: " + e.getMessage());
        }
    }

    /** Every certificate in the PEM or DER bytes, in order; none is an error. */
    public static List<X509Certificate> parse(byte[] bytes) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (var c : factory.generateCertificates(new ByteArrayInputStream(bytes))) {
            out.add((X509Certificate) c);
        }
        if (out.isEmpty()) {
            throw new CertificateException("no certificate found");
        }
        return out;
    }
}
