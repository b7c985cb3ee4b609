package dev.palisade.engine.abac;

/** One policy line that cannot be read; the message says why (without the file and line, which the loader adds). */
final class AbacParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public AbacParseException(String message) {
        super(message);
    }
}
