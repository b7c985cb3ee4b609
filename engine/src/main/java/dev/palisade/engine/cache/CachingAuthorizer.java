package dev.palisade.engine.cache;

import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.request.RequestAttributes;
import java.util.List;
import java.util.Objects;

/**
 * A decision cache in front of a chain of pure authorizers: a hit returns the decision the chain
 * gave the same request before (an equal, immutable {@link Decision}); a miss asks the chain and
 * stores an error-free answer. Refuses, at construction, a chain it cannot cache correctly.
 */
public final class CachingAuthorizer implements Authorizer {
    private final Authorizer chain;
    private final DecisionCache cache;

    /**
     * @param chain       what to ask on a miss
     * @param authorizers the authorizers behind {@code chain}, checked with {@link CachePurity}
     * @throws IllegalArgumentException when one of them is not pure
     */
    public CachingAuthorizer(Authorizer chain, List<? extends Authorizer> authorizers, DecisionCache cache) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.cache = Objects.requireNonNull(cache, "cache");
        CachePurity.whyNotCacheable(authorizers).ifPresent(why -> {
            throw new IllegalArgumentException("decision cache refused: " + why);
        });
    }

    @Override
    public String name() {
        return chain.name();
    }

    @Override
    public Decision authorize(RequestAttributes request) {
        Decision hit = cache.get(request);
        if (hit != null) {
            return hit;
        }
        Decision d = chain.authorize(request);
        if (d != null) {
            cache.put(request, d);
        }
        return d;
    }

    public DecisionCache cache() {
        return cache;
    }
}
