package dev.palisade.engine.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;

/**
 * A webhook's answers kept for the TTL given with each (allowed and denied answers live for
 * different times, as the apiserver's authorizedTTL / unauthorizedTTL), on Caffeine: bounded,
 * O(1) eviction, time read from the given clock so tests can move it. A zero TTL stores nothing.
 */
final class WebhookAnswers<V> {
    private record Timed<V>(V value, long ttlNanos) {}

    static final int MAX_ENTRIES = 10_000;

    private final Cache<String, Timed<V>> cache;

    WebhookAnswers(Clock clock) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .executor(Runnable::run)
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(new Expiry<String, Timed<V>>() {
                    @Override
                    public long expireAfterCreate(String key, Timed<V> value, long now) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Timed<V> value, long now, long remaining) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Timed<V> value, long now, long remaining) {
                        return remaining;
                    }
                })
                .build();
    }

    V get(String key) {
        Timed<V> t = cache.getIfPresent(key);
        return t == null ? null : t.value();
    }

    void put(String key, V value, Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        cache.put(key, new Timed<>(value, ttl.toNanos()));
    }
}
