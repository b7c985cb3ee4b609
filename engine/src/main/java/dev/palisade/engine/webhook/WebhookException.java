package dev.palisade.engine.webhook;

/** A webhook call that gave no usable answer (connection, TLS, timeout, status, body). Never means "allowed". */
public final class WebhookException extends Exception {
    private static final long serialVersionUID = 1L;

    public WebhookException(String message) {
        super(message);
    }
}
