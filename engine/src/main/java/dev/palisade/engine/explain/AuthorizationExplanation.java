package dev.palisade.engine.explain;

import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.request.RequestAttributes;
import java.util.List;
import java.util.Objects;

/**
 * Why one request was allowed or denied.
 *
 * @param request     the request explained
 * @param decision    the engine's decision, exactly as {@code authorize} returns it
 * @param authorizers every authorizer of the chain, in order
 */
public record AuthorizationExplanation(RequestAttributes request, Decision decision, List<AuthorizerTrace> authorizers) {
    public AuthorizationExplanation {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(decision, "decision");
        authorizers = List.copyOf(authorizers);
    }
}
