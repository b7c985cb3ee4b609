package dev.palisade.engine.cache;

import dev.palisade.Api;

/**
 * A snapshot of an engine's decision cache, e.g. for a metrics gauge. Decisions carrying an error
 * are never cached, so {@code size} counts error-free decisions only.
 *
 * @param size       decisions held now (after pending evictions)
 * @param maxEntries the bound the cache was built with
 */
@Api
public record DecisionCacheStats(int size, int maxEntries) {
}
