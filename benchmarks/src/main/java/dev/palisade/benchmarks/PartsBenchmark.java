package dev.palisade.benchmarks;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authz.Authorizer;
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
 * Where {@code palisade}'s time goes: the same workload and request mix as
 * {@link AuthorizeBenchmark}, asking one part of the chain alone — the guard-rail policy set
 * ({@code policy}), the RBAC authorizer ({@code rbac}) — or the whole chain ({@code chain}).
 * A diagnostic, not a comparison: every request goes to the part even where the chain would
 * have stopped earlier.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
public class PartsBenchmark {
    @Param({"10000"})
    public int bindings;

    @Param({"policy", "rbac", "chain"})
    public String part;

    private RequestAttributes[] requests;
    private int next;
    private Authorizer authorizer;
    private PolicyEngine engine;

    @Setup(Level.Trial)
    public void setup() {
        Workload w = Workload.generate(bindings, Workload.SEED);
        requests = w.requests().toArray(RequestAttributes[]::new);
        engine = Engines.palisade(w);
        Engines.checkAgreement("palisade", w, r -> engine.authorize(r).allowed());
        authorizer = switch (part) {
            case "policy" -> engine.authorizers().get(0);
            case "rbac" -> engine.authorizers().get(1);
            case "chain" -> new Authorizer() {
                @Override public String name() { return "chain"; }
                @Override public dev.palisade.engine.authz.Decision authorize(RequestAttributes r) { return engine.authorize(r); }
            };
            default -> throw new IllegalArgumentException(part);
        };
        long end = System.nanoTime() + AuthorizeBenchmark.WARM_MILLIS * 1_000_000L;
        do {
            for (int i = 0; i < requests.length; i++) {
                authorize();
            }
        } while (System.nanoTime() < end);
    }

    @Benchmark
    public Object authorize() {
        RequestAttributes r = requests[next];
        next = (next + 1) & (requests.length - 1);
        return authorizer.authorize(r);
    }
}
