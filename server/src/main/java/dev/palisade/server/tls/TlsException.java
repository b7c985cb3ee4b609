package dev.palisade.server.tls;

/** A TLS file that cannot be used; the message names the file and the reason. */
public final class TlsException extends Exception {
    public TlsException(String message) {
        super(message);
    }
}
