package dev.palisade.engine.authz;

import dev.palisade.engine.request.RequestAttributes;

/**
 * One authorizer of a chain. Implementations are thread-safe and must not throw for a bad
 * request: they return {@link Decision#error(String)} instead, which never allows.
 */
public interface Authorizer {
    /** The name reasons are reported under, e.g. {@code RBAC} or a policy set's name. */
    String name();

    Decision authorize(RequestAttributes request);
}
