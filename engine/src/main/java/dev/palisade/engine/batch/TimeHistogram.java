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
final class TimeHistogram implements java.io.Serializable {
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
        add(timestamp, allowedNow ? 1 : 0, allowedNow ? 0 : 1, flip ? 1 : 0);
    }

    /**
     * Adds {@code other}'s counts (a distributed replay's partial summaries). The result is the
     * histogram of all the requests both counted, whatever the order: widths are multiples of each
     * other and buckets are aligned to the epoch, so each of {@code other}'s buckets falls in one
     * of this one's once this one is at least as wide.
     */
    void merge(TimeHistogram other) {
        undated += other.undated;
        if (other.lowest > other.highest) {
            return;
        }
        if (width < other.width) {
            if (lowest > highest) {
                width = other.width;
            } else {
                widen(other.width);
            }
        }
        for (long index = other.lowest; index <= other.highest; index++) {
            int slot = (int) (index - other.first);
            if (other.allowed[slot] + other.denied[slot] > 0) {
                add(index * other.width, other.allowed[slot], other.denied[slot], other.flipped[slot]);
            }
        }
    }

    private void widen(long wider) {
        long factor = wider / width;
        long newFirst = Math.floorDiv(lowest, factor);
        move(wider, newFirst, factor);
    }

    private void add(long timestamp, long allowedCount, long deniedCount, long flippedCount) {
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
        allowed[slot] += allowedCount;
        denied[slot] += deniedCount;
        flipped[slot] += flippedCount;
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
        move(wider, Math.floorDiv(low, wider), wider / width);
    }

    /** Re-buckets the counts into buckets {@code factor} times as wide, slot 0 at index {@code newFirst}. */
    private void move(long wider, long newFirst, long factor) {
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
