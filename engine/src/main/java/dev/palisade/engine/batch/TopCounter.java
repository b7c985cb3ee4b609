package dev.palisade.engine.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts keys (users, resources, rules) in bounded memory. Exact while there are at most
 * {@code capacity} distinct keys; beyond that the rarest half is dropped whenever the table
 * doubles, so heavy hitters survive with counts that may be slightly low, and
 * {@link #approximate()} says so. Real logs have a few hundred users and resources, so the
 * exact case is the usual one.
 */
final class TopCounter implements java.io.Serializable {
    /** One key and how often it was counted. */
    record Entry(String key, long count) implements java.io.Serializable {
    }

    private final int capacity;
    private final Map<String, long[]> counts = new HashMap<>();
    private boolean approximate;

    TopCounter(int capacity) {
        this.capacity = capacity;
    }

    void add(String key) {
        counts.computeIfAbsent(key, k -> new long[1])[0]++;
        if (counts.size() > 2 * capacity) {
            prune();
        }
    }

    /** Adds {@code other}'s counts (a distributed replay's partial summaries). */
    void merge(TopCounter other) {
        other.counts.forEach((k, v) -> counts.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
        approximate |= other.approximate;
        if (counts.size() > 2 * capacity) {
            prune();
        }
    }

    boolean approximate() {
        return approximate;
    }

    /** The {@code n} most frequent keys, most frequent first, ties by key (so output is deterministic). */
    List<Entry> top(int n) {
        List<Entry> all = new ArrayList<>(counts.size());
        counts.forEach((k, v) -> all.add(new Entry(k, v[0])));
        all.sort(ORDER);
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    private void prune() {
        approximate = true;
        List<Entry> keep = top(capacity);
        counts.clear();
        keep.forEach(e -> counts.put(e.key(), new long[] {e.count()}));
    }

    private static final Comparator<Entry> ORDER =
            Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::key);
}
