package dev.palisade.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.audit.AuditLogGenerator;
import dev.palisade.engine.batch.BatchListener;
import dev.palisade.engine.batch.BatchReport;
import dev.palisade.engine.batch.BatchRunner;
import dev.palisade.engine.batch.LogSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Batch replay throughput (events/s) against Jackson alone on the same generated log, in one
 * run: {@code batch} is the whole pipeline (read, parse, judge against the example policy —
 * DSL guard rails then RBAC — dedupe, report); {@code jacksonTree} parses every line into a
 * tree, what "parsing the log with Jackson" usually means; {@code jacksonTokens} only tokenises
 * every line, the floor any JSON reader pays. The baselines run on one thread, the batch on all
 * cores (it is built to), so the ratio answers "is replay as fast as just parsing the log?".
 *
 * <p>Quick run, from the project root: {@code java -jar benchmarks/target/benchmarks.jar BatchBenchmark}
 * (JMH options such as {@code -wi 1 -i 3 -w 5s -r 5s} shorten it; from elsewhere, add
 * {@code -jvmArgsAppend -Dpalisade.examples=PATH/examples}: a bare {@code -D...} there is not a
 * JMH option).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class BatchBenchmark {
    static final int EVENTS = 100_000;

    /** Batch worker threads; 0 = one per core (the CLI's default). */
    @Param({"0"})
    public int workers;

    private Path log;
    private PolicyEngine engine;
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFactory factory = new JsonFactory();

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Path examples = Path.of(System.getProperty("palisade.examples", "examples"));
        engine = PolicyEngine.fromConfig(examples.resolve("palisade.yaml"));
        log = Files.createTempFile("palisade-batch-bench", ".log");
        try (OutputStream out = Files.newOutputStream(log)) {
            new AuditLogGenerator(20240501L).write(out, EVENTS);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(log);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public BatchReport batch() throws InterruptedException {
        BatchRunner runner = new BatchRunner(engine);
        if (workers > 0) {
            runner = runner.workers(workers);
        }
        return runner.run(List.of(LogSource.of(log.toString())), BatchListener.NONE);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void jacksonTree(Blackhole bh) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                if (i > start) {
                    bh.consume(mapper.readTree(bytes, start, i - start));
                }
                start = i + 1;
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void jacksonTokens(Blackhole bh) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                if (i > start) {
                    try (JsonParser p = factory.createParser(bytes, start, i - start)) {
                        while (p.nextToken() != null) {
                            bh.consume(p.currentTokenId());
                        }
                    }
                }
                start = i + 1;
            }
        }
    }
}
