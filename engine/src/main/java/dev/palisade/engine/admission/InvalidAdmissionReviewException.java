package dev.palisade.engine.admission;

import dev.palisade.Api;
import dev.palisade.PalisadeException;

/** The input is not a usable AdmissionReview v1; the message says which field is wrong. */
@Api
public final class InvalidAdmissionReviewException extends PalisadeException {
    private static final long serialVersionUID = 1L;

    public InvalidAdmissionReviewException(String message) {
        super(message);
    }
}
