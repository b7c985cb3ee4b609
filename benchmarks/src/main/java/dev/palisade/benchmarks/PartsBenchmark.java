package dev.palisade.benchmarks;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
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
 *
 * <p>{@code rbac-new-users} is RBAC's miss path: the same requests, each by a user the thread
 * has never seen (131,072 distinct names in turn, more than the thread's identity cache keeps),
 * so every decision first inserts and joins that user's identity keys, and the cache is
 * periodically emptied. {@code rbac} is the usual case: the mix's users come back.
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

    @Param({"policy", "rbac", "chain", "rbac-new-users"})
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
            case "rbac-new-users" -> {
                requests = renamedUsers(requests, 1 << 17);
                yield engine.authorizers().get(1);
            }
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

    /** {@code count} requests cycling through the mix, each by its own user name (same groups). */
    private static RequestAttributes[] renamedUsers(RequestAttributes[] mix, int count) {
        RequestAttributes[] renamed = new RequestAttributes[count];
        for (int i = 0; i < count; i++) {
            RequestAttributes r = mix[i % mix.length];
            UserInfo u = r.user();
            renamed[i] = new RequestAttributes(new UserInfo(u.name() + "~" + i, u.uid(), u.groups(), u.extra()),
                    r.verb(), r.namespace(), r.apiGroup(), r.apiVersion(), r.resource(), r.subresource(), r.name(),
                    r.resourceRequest(), r.path());
        }
        return renamed;
    }

    @Benchmark
    public Object authorize() {
        RequestAttributes r = requests[next];
        next = (next + 1) & (requests.length - 1);
        return authorizer.authorize(r);
    }
}
