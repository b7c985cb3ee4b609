package dev.palisade.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's meters, in a Prometheus registry that others (the reloading engine source) may add
 * to. Labels are bounded: endpoint names from the router, verdicts from handlers, status codes;
 * never a path, user or token.
 *
 * <ul>
 *   <li>{@code palisade_http_requests_seconds} — timer with a percentile histogram, by
 *       {@code endpoint}, {@code verdict} and {@code code}</li>
 *   <li>{@code palisade_http_requests_in_flight} — requests being answered</li>
 *   <li>{@code palisade_policy_generation} — the generation of the engine serving now</li>
 * </ul>
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public ServerMetrics(PrometheusMeterRegistry registry, EngineSource engines) {
        this.registry = registry;
        Gauge.builder("palisade.http.requests.in.flight", inFlight, AtomicInteger::get)
                .description("requests being answered").register(registry);
        if (registry.find("palisade.policy.generation").gauge() == null) { // a reloading source registers its own
            Gauge.builder("palisade.policy.generation", engines, EngineSource::generation)
                    .description("generation of the policy engine serving requests (1 = first built)").register(registry);
        }
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void finished(String endpoint, String verdict, int code, long nanos) {
        inFlight.decrementAndGet();
        String v = verdict.isEmpty() ? "none" : verdict;
        String key = endpoint + '\u0000' + v + '\u0000' + code;
        timers.computeIfAbsent(key, k -> Timer.builder("palisade.http.requests")
                .description("requests answered, by endpoint, verdict and status code")
                .tags("endpoint", endpoint, "verdict", v, "code", Integer.toString(code))
                .publishPercentileHistogram()
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    int inFlight() {
        return inFlight.get();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
