package dev.palisade.server.reload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The reload meters, as Prometheus shows them: {@code palisade_policy_reloads_total{result}},
 * {@code palisade_policy_reload_seconds{result}} (count, sum, max),
 * {@code palisade_policy_generation}, {@code palisade_policy_last_reload_timestamp_seconds},
 * {@code palisade_policy_last_reload_duration_seconds}, {@code palisade_policy_last_reload_success}
 * (1 or 0) and {@code palisade_policy_engines_open} (built and not yet closed: 1 in a steady state,
 * more only while requests still hold a replaced engine; a number that only grows is a leak).
 */
final class ReloadMetrics {
    private final Counter successes;
    private final Counter failures;
    private final Timer successTime;
    private final Timer failureTime;
    private final AtomicLong lastReloadMillis = new AtomicLong();
    private final AtomicLong lastDurationNanos = new AtomicLong();
    private final AtomicLong lastSuccess = new AtomicLong(1);

    ReloadMetrics(MeterRegistry registry, LongSupplier generation, LongSupplier enginesOpen) {
        successes = reloads(registry, "success");
        failures = reloads(registry, "failure");
        successTime = reloadTime(registry, "success");
        failureTime = reloadTime(registry, "failure");
        // the suppliers are lambdas nobody else holds: Micrometer keeps gauge state weakly by default,
        // which turned these gauges into NaN after the first GC
        Gauge.builder("palisade.policy.generation", generation, g -> g.getAsLong())
                .description("The generation of the engine serving requests: 1 for the first, +1 per successful reload")
                .strongReference(true)
                .register(registry);
        Gauge.builder("palisade.policy.last.reload.timestamp", lastReloadMillis, t -> t.get() / 1000.0)
                .description("When the last reload attempt ended (Unix time), 0 before any").baseUnit("seconds")
                .register(registry);
        Gauge.builder("palisade.policy.last.reload.duration", lastDurationNanos, d -> d.get() / 1e9)
                .description("How long the last reload attempt took").baseUnit("seconds")
                .register(registry);
        Gauge.builder("palisade.policy.last.reload.success", lastSuccess, s -> s.get())
                .description("1 when the last reload attempt succeeded (or none was made), 0 when it failed")
                .register(registry);
        Gauge.builder("palisade.policy.engines.open", enginesOpen, e -> e.getAsLong())
                .description("Engines built and not yet closed; replaced ones close when their last request ends")
                .strongReference(true)
                .register(registry);
    }

    private static Counter reloads(MeterRegistry registry, String result) {
        return Counter.builder("palisade.policy.reloads").tag("result", result)
                .description("Policy reloads by result; a failure keeps the last good policy serving").register(registry);
    }

    private static Timer reloadTime(MeterRegistry registry, String result) {
        return Timer.builder("palisade.policy.reload").tag("result", result)
                .description("Time to build a policy generation").register(registry);
    }

    void recorded(boolean succeeded, Duration took, long endedAtMillis) {
        (succeeded ? successes : failures).increment();
        (succeeded ? successTime : failureTime).record(took.toNanos(), TimeUnit.NANOSECONDS);
        lastReloadMillis.set(endedAtMillis);
        lastDurationNanos.set(took.toNanos());
        lastSuccess.set(succeeded ? 1 : 0);
    }
}
