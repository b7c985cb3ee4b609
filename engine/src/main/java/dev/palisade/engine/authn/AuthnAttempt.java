package dev.palisade.engine.authn;

import dev.palisade.engine.request.UserInfo;
import java.util.Objects;

/**
 * One authenticator's answer. {@link NotMine}: the credential is not of its kind, or not one it
 * knows (the chain goes on, and this is not an error). {@link Failure}: the credential is of its
 * kind but invalid (expired, tampered, wrong CA...); the chain goes on too, but the failure is
 * reported and anonymous access is then refused. {@link Success}: who it is.
 */
public sealed interface AuthnAttempt {
    record Success(UserInfo user, AuthenticationMethod method) implements AuthnAttempt {
        public Success {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(method, "method");
        }
    }

    record NotMine() implements AuthnAttempt {}

    /** The reason must never contain the secret. */
    record Failure(String reason) implements AuthnAttempt {
        public Failure {
            reason = Objects.requireNonNullElse(reason, "authentication failed");
        }
    }

    static AuthnAttempt success(UserInfo user, AuthenticationMethod method) {
        return new Success(user, method);
    }

    static AuthnAttempt notMine() {
        return new NotMine();
    }

    static AuthnAttempt failure(String reason) {
        return new Failure(reason);
    }
}
