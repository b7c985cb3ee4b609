package dev.palisade.engine.cache;

import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.request.RequestAttributes;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded, thread-safe map from a request's full attributes to the chain's decision.
 *
 * <p>The key is the {@link RequestAttributes} record itself: its equality covers every attribute
 * an authorizer can read (user name, uid, groups in order, extra, verb, namespace, apiGroup,
 * apiVersion, resource, subresource, name, resourceRequest, path) and it is deeply immutable, so a
 * hit is exactly the same question. Decisions that carry an error are never stored: a failure is
 * worth retrying, and caching it would pin an outage's answer.
 *
 * <p>Eviction is arbitrary (whatever entry the map's iterator yields first), not LRU: what matters
 * is the bound, and it keeps a hit free of any bookkeeping. The size may overshoot the bound by
 * the number of threads storing at that instant, never more.
 *
 * <p>There is no invalidation: an engine is immutable and is replaced whole on a policy change,
 * and each engine owns its own cache, so a new policy version always starts with an empty cache.
 */
public final class DecisionCache {
    private final int maxEntries;
    private final ConcurrentHashMap<RequestAttributes, Decision> entries;

    public DecisionCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a decision cache needs maxEntries >= 1, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.entries = new ConcurrentHashMap<>(Math.min(maxEntries, 1 << 16));
    }

    /** The cached decision for exactly this request, or null. */
    public Decision get(RequestAttributes request) {
        return entries.get(request);
    }

    /** Stores an error-free decision; one that carries errors is dropped. */
    public void put(RequestAttributes request, Decision decision) {
        if (!decision.errors().isEmpty()) {
            return;
        }
        entries.put(request, decision);
        while (entries.size() > maxEntries) {
            Iterator<RequestAttributes> it = entries.keySet().iterator();
            if (!it.hasNext()) {
                break;
            }
            it.next();
            it.remove();
        }
    }

    public int size() {
        return entries.size();
    }

    public int maxEntries() {
        return maxEntries;
    }
}
