package dev.palisade.engine.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small thread-safe cache whose entries expire after the TTL given when each is put (so that
 * allowed and denied answers can live for different times). Bounded: when full, expired entries
 * are dropped first, then arbitrary ones; a zero TTL stores nothing.
 */
public final class TtlCache<K, V> {
    private record Entry<V>(V value, Instant expires) {}

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int maxSize;
    private final Clock clock;

    public TtlCache(int maxSize, Clock clock) {
        this.maxSize = maxSize;
        this.clock = clock;
    }

    public V get(K key) {
        Entry<V> e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (!clock.instant().isBefore(e.expires())) {
            entries.remove(key, e);
            return null;
        }
        return e.value();
    }

    public void put(K key, V value, Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        if (entries.size() >= maxSize) {
            evict();
        }
        entries.put(key, new Entry<>(value, clock.instant().plus(ttl)));
    }

    public int size() {
        return entries.size();
    }

    private void evict() {
        Instant now = clock.instant();
        entries.values().removeIf(e -> !now.isBefore(e.expires()));
        Iterator<K> it = entries.keySet().iterator();
        while (entries.size() >= maxSize && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
