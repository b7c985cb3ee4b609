package dev.palisade.engine.authn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A secret kept only as its SHA-256 digest. Comparing digests with {@link MessageDigest#isEqual}
 * takes the same time wherever they differ and whatever the secrets' lengths; keeping digests,
 * not secrets, means a heap dump or a stray toString shows nothing usable. The digest's hex
 * also serves as a hash key for lookups: timing on it tells an attacker nothing about a secret.
 */
public final class SecretDigest {
    private final byte[] digest;

    private SecretDigest(byte[] digest) {
        this.digest = digest;
    }

    public static SecretDigest of(String secret) {
        try {
            return new SecretDigest(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Constant-time equality. */
    public boolean matches(SecretDigest other) {
        return MessageDigest.isEqual(digest, other.digest);
    }

    /** A lookup key derived from the digest (not the secret). */
    public String key() {
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretDigest d && matches(d);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "SecretDigest[<redacted>]";
    }
}
