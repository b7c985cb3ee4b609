package dev.palisade.server.reload;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ReloadingEngineSource} watches: how often it fingerprints the watched files, how
 * long a change must stay still before it is built (an editor or {@code kubectl cp} writing a
 * folder file by file is one change, not ten), and whether SIGHUP reloads.
 */
public record ReloadOptions(Duration pollInterval, Duration debounce, boolean reloadOnSighup) {
    public ReloadOptions {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(debounce, "debounce");
        if (pollInterval.isNegative() || pollInterval.isZero() || debounce.isNegative()) {
            throw new IllegalArgumentException("pollInterval must be positive and debounce not negative");
        }
    }

    /** What {@code palisade serve} uses: poll every 500 ms, 250 ms still, SIGHUP reloads. */
    public static ReloadOptions defaults() {
        return new ReloadOptions(Duration.ofMillis(500), Duration.ofMillis(250), true);
    }

    /** No polling at all (a day between polls): only {@link ReloadingEngineSource#reload()} reloads. */
    public static ReloadOptions manual() {
        return new ReloadOptions(Duration.ofDays(1), Duration.ZERO, false);
    }
}
