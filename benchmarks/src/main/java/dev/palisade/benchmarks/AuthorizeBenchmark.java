package dev.palisade.benchmarks;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.request.RequestAttributes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One authorization decision, warm, one thread, per engine and number of RBAC bindings (plus 100
 * guard-rail DSL rules), over a fixed seeded mix of {@value Workload#REQUESTS} requests ending in
 * ALLOW, DENY and NO_OPINION (each invocation decides the next request of the mix).
 *
 * <ul>
 *   <li>{@code palisade}: {@link PolicyEngine#authorize}, built from files as a user configures it;</li>
 *   <li>{@code palisade-cached}: the same engine with its optional decision cache
 *       ({@link PolicyEngine.Builder#decisionCache}, {@value #CACHE_ENTRIES} entries). The mix has
 *       {@value Workload#REQUESTS} distinct requests, so after the first pass every decision is a
 *       hit: this measures the cache's hit path, reported beside {@code palisade}, never instead;</li>
 *   <li>{@code index}: the hand-written HashMap floor ({@link IndexAuthorizer});</li>
 *   <li>{@code jcasbin}, {@code cedar}: the peers with the same grants.</li>
 * </ul>
 * Before measuring, every engine must answer ALLOW/not-ALLOW as the index does on every request
 * of the mix, or setup fails.
 *
 * <p>Quick mode: {@code java -jar benchmarks/target/benchmarks.jar AuthorizeBenchmark -f 1 -wi 2 -w 1s -i 5 -r 1s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
public class AuthorizeBenchmark {
    @Param({"100", "1000", "10000", "100000"})
    public int bindings;

    @Param({"palisade", "palisade-cached", "index", "jcasbin", "cedar"})
    public String engine;

    private RequestAttributes[] requests;
    private int next;
    private PolicyEngine palisade;
    private PeerAuthorizer peer;

    @Setup(Level.Trial)
    public void setup() {
        Workload w = Workload.generate(bindings, Workload.SEED);
        requests = w.requests().toArray(RequestAttributes[]::new);
        int checked;
        if (engine.equals("palisade")) {
            palisade = Engines.palisade(w);
            checked = Engines.checkAgreement(engine, w, r -> palisade.authorize(r).allowed(), Long.MAX_VALUE);
        } else if (engine.equals("palisade-cached")) {
            palisade = Engines.palisade(w, CACHE_ENTRIES);
            // twice: the first pass fills the cache from the chain, the second is answered from it
            Engines.checkAgreement(engine, w, r -> palisade.authorize(r).allowed(), Long.MAX_VALUE);
            checked = Engines.checkAgreement(engine, w, r -> palisade.authorize(r).allowed(), Long.MAX_VALUE);
        } else {
            peer = Engines.peer(engine, w);
            checked = Engines.checkAgreement(engine, w, peer::allowed, CHECK_MILLIS);
        }
        if (checked < requests.length) {
            requests = java.util.Arrays.copyOf(requests, checked); // measure only what was checked
        }
        System.out.println("# " + engine + " @ " + bindings + " bindings: agrees with the index on "
                + (checked == w.requests().size() ? "all " : "the first ") + checked + " requests of the mix "
                + Engines.outcomes(w) + (checked < w.requests().size() ? " (time-limited check; measured on those)" : ""));
        // Warm every engine the same way before JMH's own warm-up: the mix, over and over, for
        // WARM_MILLIS (at least once more). Drools compiles constraints after 20 evaluations and
        // the JIT needs far more than the quick mode's two 1 s iterations on a busy 2-core box.
        long end = System.nanoTime() + WARM_MILLIS * 1_000_000L;
        do {
            authorize();
        } while (System.nanoTime() < end);
    }

    static final int CACHE_ENTRIES = 100_000;
    static final long WARM_MILLIS = Long.getLong("palisade.bench.warmMillis", 3000);
    /** How long a peer's agreement check may take before it stops (after at least 32 requests). */
    static final long CHECK_MILLIS = Long.getLong("palisade.bench.checkMillis", 30_000);

    private RequestAttributes nextRequest() {
        RequestAttributes r = requests[next];
        next = next + 1 == requests.length ? 0 : next + 1;
        return r;
    }

    @Benchmark
    public Object authorize() {
        RequestAttributes r = nextRequest();
        return palisade != null ? palisade.authorize(r) : (Object) peer.allowed(r);
    }
}
