package dev.palisade.engine.wire;

/** Input that is not one valid JSON value within the limits; the message says why, never quoting a token. */
public final class MalformedJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedJsonException(String message) {
        super(message, null, false, false); // bad input is routine: no stack trace
    }
}
