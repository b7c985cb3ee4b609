package dev.palisade.engine.authn;

import dev.palisade.Api;
/** Why one authenticator refused a credential of its kind. */
@Api
public record AuthenticatorError(String authenticator, String message) {
    public String render() {
        return authenticator + ": " + message;
    }
}
