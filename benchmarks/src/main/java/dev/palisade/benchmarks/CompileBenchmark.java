package dev.palisade.benchmarks;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DSL text to a ready engine, single-shot: parse, check, compile (DNF, rule shapes), build the
 * KieBase (an executable model: no DRL parse, no MVEL, no compiled consequences), and answer a
 * first request (so that lazily built parts are counted). {@code rules} seeded
 * guard-rail rules (a fifth of them denies) in one file.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CompileBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
public class CompileBenchmark {
    @Param({"1000", "10000"})
    public int rules;

    private Path dir;
    private RequestAttributes probe;

    /** {@code count} seeded rules: groups, users, namespaces, resources and verbs, a fifth denies. */
    public static String dsl(int count, long seed) {
        Random rnd = new Random(seed);
        StringBuilder b = new StringBuilder("package bench.compile\n\n");
        String[] resources = {"pods", "secrets", "configmaps", "deployments", "services", "jobs"};
        for (int i = 0; i < count; i++) {
            boolean deny = i % 5 == 0;
            b.append(deny ? "deny" : "allow").append(" \"r").append(i).append("\"\n  when ");
            if (i % 3 == 0) {
                b.append("user.name == \"user-").append(rnd.nextInt(10_000)).append('"');
            } else {
                b.append("\"team-").append(rnd.nextInt(500)).append("\" in user.groups");
            }
            b.append("\n   and namespace == \"ns-").append(rnd.nextInt(1000)).append('"');
            b.append("\n   and resource == \"").append(resources[rnd.nextInt(resources.length)]).append('"');
            b.append("\n   and verb in [\"").append(Workload.VERBS.get(rnd.nextInt(3))).append("\", \"")
                    .append(Workload.VERBS.get(3 + rnd.nextInt(4))).append("\"]");
            b.append("\n  because \"rule ").append(i).append("\"\n\n");
        }
        return b.toString();
    }

    @Setup(Level.Trial)
    public void write() throws IOException {
        dir = Files.createTempDirectory("palisade-compile-");
        Files.writeString(dir.resolve("rules.pal"), dsl(rules, Workload.SEED));
        probe = RequestAttributes.resource(new UserInfo("user-1", "", List.of("team-1"), Map.of()),
                "get", "ns-1", "", "pods", "", "");
    }

    @TearDown(Level.Trial)
    public void clean() {
        Workload.deleteRecursively(dir);
    }

    @Benchmark
    public Decision compileToReadyEngine() {
        PolicyEngine engine = PolicyEngine.builder().policies("bench", List.of(dir)).build();
        return engine.authorize(probe);
    }

    /** For a quick look without JMH: {@code java -cp benchmarks.jar dev.palisade.benchmarks.CompileBenchmark 10000}. */
    public static void main(String[] args) throws IOException {
        CompileBenchmark b = new CompileBenchmark();
        b.rules = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        b.write();
        try {
            long t0 = System.nanoTime();
            Decision d = b.compileToReadyEngine();
            System.out.printf("%d rules -> ready engine in %.1f s (%s)%n", b.rules, (System.nanoTime() - t0) / 1e9, d.verdict());
        } finally {
            b.clean();
        }
    }
}
