package dev.palisade.engine.authn;

/**
 * One authenticator of a chain. Implementations are thread-safe, never throw for bad input
 * (they answer {@link AuthnAttempt.Failure}), and never put a secret into a reason.
 */
public interface Authenticator {
    /** The name failures are reported under, e.g. {@code TokenFile} or the configured name. */
    String name();

    AuthnAttempt authenticate(Credentials credentials);
}
