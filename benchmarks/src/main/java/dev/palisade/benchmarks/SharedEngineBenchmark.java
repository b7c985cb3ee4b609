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
 * The hot path as a server runs it: ONE engine (or index) shared by every benchmark thread, each
 * thread walking the request mix from its own cursor. Run with {@code -t 1} and {@code -t 2} for
 * the two-thread scaling figure (throughput), and with {@code -bm sample} for p50/p99/p99.9 —
 * palisade and the hand-written index in the same run, as issue 15 asks:
 * <pre>
 * java -jar benchmarks.jar SharedEngineBenchmark -bm thrpt -t 1 -f 1 -wi 2 -i 5 -r 1s
 * java -jar benchmarks.jar SharedEngineBenchmark -bm thrpt -t 2 -f 1 -wi 2 -i 5 -r 1s
 * java -jar benchmarks.jar SharedEngineBenchmark -bm sample -t 1 -f 1 -wi 2 -i 5 -r 2s
 * </pre>
 * AuthorizeBenchmark keeps its engine per thread (Scope.Thread); this one shares it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
public class SharedEngineBenchmark {

    /** Built once per trial and shared by all threads. */
    @State(Scope.Benchmark)
    public static class Shared {
        @Param({"10000"})
        public int bindings;

        @Param({"palisade", "index"})
        public String engine;

        RequestAttributes[] requests;
        PolicyEngine palisade;
        PeerAuthorizer index;

        @Setup(Level.Trial)
        public void setup() {
            Workload w = Workload.generate(bindings, Workload.SEED);
            requests = w.requests().toArray(RequestAttributes[]::new);
            if (engine.equals("palisade")) {
                palisade = Engines.palisade(w);
                Engines.checkAgreement(engine, w, r -> palisade.authorize(r).allowed(), Long.MAX_VALUE);
            } else {
                index = Engines.peer(engine, w);
                Engines.checkAgreement(engine, w, index::allowed, Long.MAX_VALUE);
            }
            long end = System.nanoTime() + AuthorizeBenchmark.WARM_MILLIS * 1_000_000L;
            int i = 0;
            do {
                decide(requests[i]);
                i = i + 1 == requests.length ? 0 : i + 1;
            } while (System.nanoTime() < end);
        }

        Object decide(RequestAttributes r) {
            return palisade != null ? palisade.authorize(r) : (Object) index.allowed(r);
        }
    }

    /** Each thread's own position in the mix; threads start apart so they do not ask the same request together. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup(Level.Trial)
        public void setup(org.openjdk.jmh.infra.ThreadParams thread) {
            next = thread.getThreadIndex() * 337;
        }
    }

    @Benchmark
    public Object authorize(Shared shared, Cursor cursor) {
        RequestAttributes[] requests = shared.requests;
        int i = cursor.next % requests.length;
        cursor.next = i + 1;
        return shared.decide(requests[i]);
    }
}
