package dev.palisade.engine.cache;

import dev.palisade.engine.authz.Authorizer;
import java.util.List;
import java.util.Optional;

/**
 * Which authorizers may sit behind a decision cache: those whose answer is a function of the
 * request and of what they loaded when the engine was built (DSL policy sets, RBAC, ABAC,
 * AlwaysAllow/AlwaysDeny). A webhook asks a service whose answer can change at any time, and an
 * authorizer added in code may do anything; both make a chain uncacheable. An allow-list, so a
 * new authorizer type is uncacheable until it declares itself {@link Authorizer#pure()}.
 */
public final class CachePurity {
    private CachePurity() {
    }

    /** Why a chain of these authorizers cannot be cached, or empty when it can. */
    public static Optional<String> whyNotCacheable(List<? extends Authorizer> authorizers) {
        for (Authorizer a : authorizers) {
            if (!a.pure()) {
                return Optional.of("authorizer \"" + a.name() + "\" (" + a.getClass().getSimpleName()
                        + ") may answer the same request differently over time; only Policy, RBAC, ABAC,"
                        + " AlwaysAllow and AlwaysDeny chains can be cached");
            }
        }
        return Optional.empty();
    }
}
