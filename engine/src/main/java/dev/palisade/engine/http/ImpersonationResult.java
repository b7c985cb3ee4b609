package dev.palisade.engine.http;

import dev.palisade.engine.request.UserInfo;
import java.util.List;

/**
 * The outcome of the impersonation step. {@code user} is who the request acts as (the
 * requester when nothing is impersonated); {@code error} is non-empty when impersonation is
 * refused (400 for malformed headers, 403 when a check is not allowed) and then {@code user}
 * must not be used.
 */
public record ImpersonationResult(boolean impersonating, UserInfo user, List<ImpersonationCheck> checks, int status, String error) {
    public ImpersonationResult {
        checks = List.copyOf(checks);
    }

    public boolean refused() {
        return !error.isEmpty();
    }
}
