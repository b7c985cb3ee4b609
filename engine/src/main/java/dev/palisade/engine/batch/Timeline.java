package dev.palisade.engine.batch;

import java.util.Arrays;

/**
 * Judged requests over time, as {@link TimeHistogram} counted them: consecutive buckets of
 * {@code widthMillis} from {@code startMillis} (epoch milliseconds), the first and last of them
 * non-empty. At most {@link TimeHistogram#CAPACITY} buckets, whatever the log.
 *
 * @param allowed requests the policy allows now, per bucket
 * @param denied requests the policy denies now, per bucket
 * @param flipped requests whose decision changed (either way), per bucket
 * @param undated requests whose events carried no readable timestamp (not in any bucket)
 */
public record Timeline(long startMillis, long widthMillis, long[] allowed, long[] denied, long[] flipped,
                       long undated) {
    public static final Timeline EMPTY = new Timeline(0, 1_000, new long[0], new long[0], new long[0], 0);

    public Timeline {
        allowed = allowed.clone();
        denied = denied.clone();
        flipped = flipped.clone();
        if (allowed.length != denied.length || allowed.length != flipped.length) {
            throw new IllegalArgumentException("one count of each kind per bucket");
        }
    }

    public int buckets() {
        return allowed.length;
    }

    public long allowed(int bucket) {
        return allowed[bucket];
    }

    public long denied(int bucket) {
        return denied[bucket];
    }

    public long flipped(int bucket) {
        return flipped[bucket];
    }

    public long bucketStart(int bucket) {
        return startMillis + bucket * widthMillis;
    }

    /** Requests in all buckets. */
    public long dated() {
        return Arrays.stream(allowed).sum() + Arrays.stream(denied).sum();
    }

    // the arrays are not exposed (accessors copy), so records compare by content
    @Override
    public long[] allowed() {
        return allowed.clone();
    }

    @Override
    public long[] denied() {
        return denied.clone();
    }

    @Override
    public long[] flipped() {
        return flipped.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timeline t && startMillis == t.startMillis && widthMillis == t.widthMillis
                && undated == t.undated && Arrays.equals(allowed, t.allowed) && Arrays.equals(denied, t.denied)
                && Arrays.equals(flipped, t.flipped);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(allowed) * 31 + Arrays.hashCode(denied) + Long.hashCode(startMillis);
    }

    @Override
    public String toString() {
        return "Timeline[" + buckets() + " buckets of " + widthMillis + " ms from " + startMillis + ", undated "
                + undated + "]";
    }
}
