package dev.palisade.engine.wire;

/** A review document that is not a valid request: the message says which field and why. */
public final class InvalidReviewException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidReviewException(String message) {
        super(message);
    }
}
