package dev.palisade.diff;

/** A configuration diff cannot analyse exactly (a webhook, an unknown authorizer, an unexpected condition): refused, never guessed. */
public final class UnsupportedPolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedPolicyException(String message) {
        super(message);
    }
}
