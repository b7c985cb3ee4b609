package dev.palisade.engine.authn;

import dev.palisade.Api;
import dev.palisade.engine.request.UserInfo;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of the authentication stage: who ({@code user}), how ({@code method}), which
 * authenticator said so, and every authenticator failure met on the way (kept even on success,
 * so an operator sees a failing webhook). When not authenticated, {@code user} is empty and
 * {@link #reason()} is the 401 text. Designed to be judged by a later stage (DSL authn rules).
 */
@Api
public record AuthenticationResult(boolean authenticated, UserInfo user, AuthenticationMethod method, String authenticator,
                                   List<AuthenticatorError> errors) {
    public AuthenticationResult {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(method, "method");
        authenticator = Objects.requireNonNullElse(authenticator, "");
        errors = List.copyOf(errors);
        if (!authenticated && method != AuthenticationMethod.NONE) {
            throw new IllegalArgumentException("an unauthenticated result has method none");
        }
    }

    public static AuthenticationResult unauthenticated(List<AuthenticatorError> errors) {
        return new AuthenticationResult(false, new UserInfo("", "", List.of(), java.util.Map.of()), AuthenticationMethod.NONE,
                "", errors);
    }

    /** The 401 reason: every failure, or that no credential was presented / recognised. */
    public String reason() {
        if (authenticated) {
            return "";
        }
        if (errors.isEmpty()) {
            return "Unauthorized: no credentials were presented and anonymous access is disabled";
        }
        return "Unauthorized: " + errors.stream().map(AuthenticatorError::render).collect(Collectors.joining("; "));
    }
}
