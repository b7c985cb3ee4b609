package dev.palisade.engine.batch;

import dev.palisade.engine.audit.AuditTimestamp;

/**
 * Counts judged requests per time bucket (allowed now, denied now, flipped) in bounded memory,
 * whatever the log's size, span or order: at most {@link #CAPACITY} buckets, all of one width.
 * The width starts at one second and, when a request falls outside the span the buckets can
 * cover, grows to the next width of {@link #WIDTHS} (each a multiple of the one before, so
 * buckets merge exactly) until the span fits. Buckets are aligned to the epoch, so the result
 * does not depend on the order requests arrive in. Single-threaded, like {@link ReportBuilder}.
 */
final class TimeHistogram {
    static final int CAPACITY = 240;
    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    /** Widths a reader recognises; after the last, ×10 (a span of centuries still ends the chain). */
    private static final long[] WIDTHS = {SECOND, 2 * SECOND, 10 * SECOND, 30 * SECOND, MINUTE, 5 * MINUTE,
            10 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 7 * DAY, 28 * DAY};

    private long width = WIDTHS[0];
    /** Index (time / width) of slot 0 of the arrays; meaningful once something was counted. */
    private long first;
    /** Indices of the earliest and latest buckets counted so far. */
    private long lowest = Long.MAX_VALUE;
    private long highest = Long.MIN_VALUE;
    private long[] allowed = new long[CAPACITY];
    private long[] denied = new long[CAPACITY];
    private long[] flipped = new long[CAPACITY];
    private long undated;

    void add(long timestamp, boolean allowedNow, boolean flip) {
        if (timestamp == AuditTimestamp.NONE) {
            undated++;
            return;
        }
        long index = Math.floorDiv(timestamp, width);
        if (lowest > highest) {
            first = index;
        } else if (index < first || index >= first + CAPACITY) {
            rebucket(timestamp);
            index = Math.floorDiv(timestamp, width);
        }
        lowest = Math.min(lowest, index);
        highest = Math.max(highest, index);
        int slot = (int) (index - first);
        if (allowedNow) {
            allowed[slot]++;
        } else {
            denied[slot]++;
        }
        if (flip) {
            flipped[slot]++;
        }
    }

    /**
     * Widens the buckets until what was counted and {@code timestamp} fit in {@link #CAPACITY}
     * of them (maybe not at all, when only the window has to move), then moves the counts.
     */
    private void rebucket(long timestamp) {
        long low = Math.min(lowest * width, timestamp);
        long high = Math.max(highest * width, timestamp);
        long wider = width;
        while (Math.floorDiv(high, wider) - Math.floorDiv(low, wider) >= CAPACITY) {
            wider = nextWidth(wider);
        }
        long factor = wider / width;
        long newFirst = Math.floorDiv(low, wider);
        long[] a = new long[CAPACITY];
        long[] d = new long[CAPACITY];
        long[] f = new long[CAPACITY];
        for (int i = 0; i < CAPACITY; i++) {
            if (allowed[i] + denied[i] == 0) {
                continue;
            }
            int slot = (int) (Math.floorDiv(first + i, factor) - newFirst);
            a[slot] += allowed[i];
            d[slot] += denied[i];
            f[slot] += flipped[i];
        }
        lowest = Math.floorDiv(lowest, factor);
        highest = Math.floorDiv(highest, factor);
        width = wider;
        first = newFirst;
        allowed = a;
        denied = d;
        flipped = f;
    }

    private static long nextWidth(long width) {
        for (long w : WIDTHS) {
            if (w > width) {
                return w;
            }
        }
        return width * 10;
    }

    /** The buckets from the first to the last that counted anything (none when no request had a time). */
    Timeline timeline() {
        if (lowest > highest) {
            return new Timeline(0, width, new long[0], new long[0], new long[0], undated);
        }
        int lo = (int) (lowest - first);
        int hi = (int) (highest - first);
        return new Timeline((first + lo) * width, width, java.util.Arrays.copyOfRange(allowed, lo, hi + 1),
                java.util.Arrays.copyOfRange(denied, lo, hi + 1), java.util.Arrays.copyOfRange(flipped, lo, hi + 1),
                undated);
    }
}
