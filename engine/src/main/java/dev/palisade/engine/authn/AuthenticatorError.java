package dev.palisade.engine.authn;

/** Why one authenticator refused a credential of its kind. */
public record AuthenticatorError(String authenticator, String message) {
    public String render() {
        return authenticator + ": " + message;
    }
}
