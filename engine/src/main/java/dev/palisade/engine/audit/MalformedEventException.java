package dev.palisade.engine.audit;

/** A line or document that is not a usable audit Event; the message says why, without the place. */
public final class MalformedEventException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedEventException(String message) {
        super(message, null, false, false); // no stack trace: bad lines are routine, not exceptional
    }
}
