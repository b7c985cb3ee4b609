package dev.palisade.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.audit.AuditTimestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decisions over time: exact counts, bucket widths from the span, bounded, independent of order. */
class TimeHistogramTest {
    private static final long T0 = Instant.parse("2024-05-02T09:00:00Z").toEpochMilli();

    @Test
    void aShortLogGetsOneSecondBucketsFromItsFirstToItsLastRequest() {
        TimeHistogram h = new TimeHistogram();
        h.add(T0 + 2_001, true, false);
        h.add(T0 + 2_999, false, true);
        h.add(T0 + 72_500, true, false);
        h.add(AuditTimestamp.NONE, false, false);
        Timeline t = h.timeline();
        assertEquals(1_000, t.widthMillis());
        assertEquals(T0 + 2_000, t.startMillis());
        assertEquals(71, t.buckets());
        assertEquals(1, t.allowed(0));
        assertEquals(1, t.denied(0));
        assertEquals(1, t.flipped(0));
        assertEquals(1, t.allowed(70));
        assertEquals(3, t.dated());
        assertEquals(1, t.undated());
    }

    @Test
    void aLongSpanWidensTheBucketsToRoundWidthsAndKeepsEveryCount() {
        TimeHistogram h = new TimeHistogram();
        long week = 7L * 86_400_000;
        Random random = new Random(7);
        long allowed = 0;
        for (int i = 0; i < 100_000; i++) {
            boolean allow = random.nextInt(4) > 0;
            allowed += allow ? 1 : 0;
            h.add(T0 + (long) (random.nextDouble() * week), allow, !allow);
        }
        Timeline t = h.timeline();
        assertTrue(t.buckets() <= TimeHistogram.CAPACITY, t.toString());
        assertTrue(t.buckets() >= TimeHistogram.CAPACITY / 10, "a week is not squeezed into a few bars: " + t);
        assertEquals(3_600_000, t.widthMillis(), "a week in hours");
        assertEquals(100_000, t.dated());
        assertEquals(allowed, java.util.Arrays.stream(t.allowed()).sum());
        assertEquals(100_000 - allowed, java.util.Arrays.stream(t.flipped()).sum());
    }

    @Test
    void theResultDoesNotDependOnTheOrderRequestsArriveIn() {
        List<Long> times = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 5_000; i++) {
            times.add(T0 + random.nextLong(40L * 86_400_000));
        }
        Timeline sorted = timeline(times.stream().sorted().toList());
        Timeline reversed = timeline(times.stream().sorted(Collections.reverseOrder()).toList());
        Timeline asIs = timeline(times);
        assertEquals(sorted, reversed);
        assertEquals(sorted, asIs);
    }

    @Test
    void outliersCenturiesApartStayBounded() {
        TimeHistogram h = new TimeHistogram();
        h.add(AuditTimestamp.epochMillis("0001-01-01T00:00:00Z"), true, false);
        h.add(T0, false, false);
        h.add(AuditTimestamp.epochMillis("9999-12-31T23:59:59Z"), true, false);
        Timeline t = h.timeline();
        assertTrue(t.buckets() <= TimeHistogram.CAPACITY, t.toString());
        assertEquals(3, t.dated());
    }

    @Test
    void noTimestampsNoBuckets() {
        TimeHistogram h = new TimeHistogram();
        h.add(AuditTimestamp.NONE, true, false);
        assertEquals(0, h.timeline().buckets());
        assertEquals(1, h.timeline().undated());
    }

    private static Timeline timeline(List<Long> times) {
        TimeHistogram h = new TimeHistogram();
        times.forEach(time -> h.add(time, time % 3 != 0, time % 5 == 0));
        return h.timeline();
    }
}
