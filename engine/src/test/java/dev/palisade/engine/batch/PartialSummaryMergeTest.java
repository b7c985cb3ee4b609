package dev.palisade.engine.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.engine.audit.AuditTimestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A distributed replay counts in partial summaries and merges them: the decisions over time and
 * the top-N counters must come out as one pass over everything would count them, however the
 * requests were spread over the partials. (The whole report is compared end to end, Spark against
 * batch, in the spark module.)
 */
class PartialSummaryMergeTest {
    private static final long T0 = Instant.parse("2024-05-02T09:00:00Z").toEpochMilli();

    /** A case: name, the span the timestamps cover, how many partials, how many without a timestamp. */
    record Case(String name, long spanMillis, int partials, int undated) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("a minute, one-second buckets, 2 partials", 60_000, 2, 0),
                new Case("a day, partials of different widths, 7 partials", 86_400_000L, 7, 3),
                new Case("a month, 16 partials, some empty", 30L * 86_400_000, 16, 10),
                new Case("one partial only", 3_600_000, 1, 1))
                .map(c -> Arguments.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mergedHistogramsEqualOnePass(String name, Case c) {
        Random random = new Random(name.hashCode());
        TimeHistogram whole = new TimeHistogram();
        List<TimeHistogram> parts = new ArrayList<>();
        for (int i = 0; i < c.partials(); i++) {
            parts.add(new TimeHistogram());
        }
        for (int i = 0; i < 20_000 + c.undated(); i++) {
            long t = i < c.undated() ? AuditTimestamp.NONE : T0 + (long) (random.nextDouble() * c.spanMillis());
            boolean allowed = random.nextInt(3) > 0;
            boolean flip = random.nextInt(10) == 0;
            whole.add(t, allowed, flip);
            // skewed spread: the first partial sees a narrow slice (narrow buckets), the others the rest
            int part = t != AuditTimestamp.NONE && t < T0 + c.spanMillis() / 50 ? 0 : random.nextInt(c.partials());
            parts.get(part).add(t, allowed, flip);
        }
        TimeHistogram merged = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            merged.merge(parts.get(i));
        }
        Timeline a = whole.timeline();
        Timeline b = merged.timeline();
        assertEquals(a.widthMillis(), b.widthMillis(), "bucket width");
        assertEquals(a.startMillis(), b.startMillis(), "first bucket");
        assertArrayEquals(a.allowed(), b.allowed(), "allowed per bucket");
        assertArrayEquals(a.denied(), b.denied(), "denied per bucket");
        assertArrayEquals(a.flipped(), b.flipped(), "flipped per bucket");
        assertEquals(a.undated(), b.undated(), "undated");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counterCases")
    void mergedTopCountersEqualOnePass(String name, int keys, int partials, boolean approximate) {
        Random random = new Random(keys);
        TopCounter whole = new TopCounter(64);
        List<TopCounter> parts = new ArrayList<>();
        for (int i = 0; i < partials; i++) {
            parts.add(new TopCounter(64));
        }
        for (int i = 0; i < 50_000; i++) {
            String key = "k" + (int) Math.abs(random.nextGaussian() * keys);
            whole.add(key);
            parts.get(random.nextInt(partials)).add(key);
        }
        TopCounter merged = parts.get(0);
        for (int i = 1; i < partials; i++) {
            merged.merge(parts.get(i));
        }
        assertEquals(approximate, merged.approximate(), "approximate");
        if (!approximate) {
            assertEquals(whole.top(10), merged.top(10));
        }
    }

    static Stream<Arguments> counterCases() {
        return Stream.of(
                Arguments.of("few keys: exact", 20, 5, false),
                Arguments.of("more keys than the capacity: flagged approximate", 2_000, 3, true));
    }
}
