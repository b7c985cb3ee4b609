package dev.palisade.server.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The server's TLS context from PEM files, rebuilt when their content changes (cert-manager
 * rotates a Secret by rewriting the mounted files). {@link #check()} runs on a timer; a new
 * connection gets the current context. A changed file that does not load keeps the old context
 * serving and is logged once per distinct content.
 */
public final class ReloadingSslContext {
    private final Path certFile;
    private final Path keyFile;
    private final Path clientCaFile;
    private final Consumer<String> log;
    private final AtomicReference<SslContext> current = new AtomicReference<>();
    private byte[] loadedDigest;
    private byte[] failedDigest;

    /** Loads the files now; a problem is a {@link TlsException} naming the file. */
    public ReloadingSslContext(Path certFile, Path keyFile, Path clientCaFile, Consumer<String> log) throws TlsException {
        this.certFile = Objects.requireNonNull(certFile, "certFile");
        this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
        this.clientCaFile = clientCaFile;
        this.log = Objects.requireNonNull(log, "log");
        byte[] digest = digest();
        current.set(build());
        loadedDigest = digest;
    }

    public SslContext current() {
        return current.get();
    }

    public boolean mutualTls() {
        return clientCaFile != null;
    }

    /** Rebuilds the context when a file's content changed; returns true when a new one was swapped in. */
    public synchronized boolean check() {
        byte[] digest;
        try {
            digest = digest();
        } catch (TlsException e) {
            // mid-rotation a file may be briefly missing; keep serving and look again next tick
            return false;
        }
        if (Arrays.equals(digest, loadedDigest) || Arrays.equals(digest, failedDigest)) {
            return false;
        }
        try {
            current.set(build());
            loadedDigest = digest;
            failedDigest = null;
            log.accept("tls: reloaded certificate " + certFile + " and key " + keyFile);
            return true;
        } catch (TlsException e) {
            failedDigest = digest;
            log.accept("tls: keeping the previous certificate: " + e.getMessage());
            return false;
        }
    }

    private SslContext build() throws TlsException {
        List<X509Certificate> chain = PemFiles.certificates(certFile);
        PrivateKey key = PemFiles.privateKey(keyFile);
        if (!sameKey(chain.get(0), key)) {
            throw new TlsException(keyFile + ": the private key does not belong to the certificate in " + certFile);
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, "h2", "http/1.1"));
            if (clientCaFile != null) {
                b.trustManager(PemFiles.certificates(clientCaFile).toArray(X509Certificate[]::new))
                        .clientAuth(ClientAuth.OPTIONAL);
            }
            return b.build();
        } catch (IOException | RuntimeException e) {
            throw new TlsException(certFile + ": cannot build a TLS context: " + e.getMessage());
        }
    }

    /**
     * True when the key is the private half of the certificate's public key: a signature made with
     * it verifies with the certificate (works for RSA, EC and Ed25519 alike). A rotation that pairs
     * a new certificate with an old key would otherwise be swapped in and fail every handshake.
     */
    private static boolean sameKey(X509Certificate cert, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "palisade key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.security.Signature sign = java.security.Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            java.security.Signature verify = java.security.Signature.getInstance(algorithm);
            verify.initVerify(cert.getPublicKey());
            verify.update(probe);
            return verify.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private byte[] digest() throws TlsException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Path> files = new ArrayList<>(List.of(certFile, keyFile));
            if (clientCaFile != null) {
                files.add(clientCaFile);
            }
            for (Path f : files) {
                sha.update(Files.readAllBytes(f));
                sha.update((byte) 0);
            }
            return sha.digest();
        } catch (IOException e) {
            throw new TlsException("cannot read a TLS file: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
