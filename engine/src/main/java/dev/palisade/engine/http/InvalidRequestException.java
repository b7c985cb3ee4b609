package dev.palisade.engine.http;

/** A request that cannot be resolved (the apiserver answers 400): the message says why. */
public final class InvalidRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
