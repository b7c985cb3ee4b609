package dev.palisade.engine.wire;

import dev.palisade.PalisadeException;

/** A review document that is not a valid request: the message says which field and why. */
public final class InvalidReviewException extends PalisadeException {
    private static final long serialVersionUID = 1L;

    public InvalidReviewException(String message) {
        super(message);
    }
}
