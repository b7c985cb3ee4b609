package dev.palisade.spark;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.batch.BatchListener;
import dev.palisade.engine.batch.BatchRunner;
import dev.palisade.engine.batch.DistributedReplay;
import dev.palisade.engine.batch.LogSource;
import dev.palisade.engine.batch.Problem;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * For spark/bench/map-side.sh (not part of the build): the work of {@code batch --spark
 * local[2]}'s map side without Spark's tasks, against the single process's replay, each in a
 * fresh JVM, so that what Spark itself adds can be told from what the split replay costs.
 * <ul>
 *   <li>{@code single}: {@link BatchRunner} as {@code palisade batch} runs it (a reader thread,
 *       one worker per core, the merge on this thread).</li>
 *   <li>{@code splits}: the log cut into the splits {@code batch --spark local[2]} cuts it into,
 *       two threads each reading, judging and merging one split at a time with a reader
 *       borrowed from {@link ConfigBundle#borrowReader}, as a Spark task does. Every auditID is taken to lie in
 *       one split and lines are numbered from each split's start: the answers differ from the
 *       job's by the few requests that cross splits (4 of 850,000 at 1M); the work does not.</li>
 *   <li>{@code splits-with-spark}: the same, after a local[2] SparkContext has started and run
 *       one job in this JVM (its threads, its heap, its compiled code all present).</li>
 * </ul>
 * Prints the seconds each pass took (the first pass is the cold one a real run pays).
 *
 * <p>Usage: {@code MapSideHarness CONFIG LOG single|splits|splits-with-spark [PASSES]}
 */
public final class MapSideHarness {
    private static final int THREADS = 2;

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path config = Path.of(args[0]);
        String log = args[1];
        String mode = args[2];
        int passes = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        PolicyEngine engine = PolicyEngine.fromConfig(config);
        JavaSparkContext sc = null;
        if (mode.equals("splits-with-spark")) {
            sc = new JavaSparkContext(new SparkConf().setMaster("local[" + THREADS + "]").setAppName("map-side harness")
                    .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
                    .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
            sc.parallelize(List.of(1, 2, 3), THREADS).count();
        }
        System.out.printf("%s: ready %.2f s after the JVM's main began%n", mode, (System.nanoTime() - t0) / 1e9);
        for (int pass = 1; pass <= passes; pass++) {
            long t1 = System.nanoTime();
            long requests = mode.equals("single")
                    ? new BatchRunner(engine).run(List.of(LogSource.of(log)), BatchListener.NONE).requests()
                    : splits(engine, log);
            System.out.printf("%s: pass %d %.2f s (%d requests)%n", mode, pass, (System.nanoTime() - t1) / 1e9, requests);
        }
        if (sc != null) {
            sc.stop();
        }
    }

    private static long splits(PolicyEngine engine, String log) throws Exception {
        Configuration conf = new Configuration();
        List<Inputs.InputFile> files = Inputs.expand(List.of(log), conf);
        List<Split> splits = Inputs.plan(files, SparkBatch.defaultSplitBytes(Inputs.costOf(files), THREADS), conf); // as the job
        DistributedReplay.RunInputs inputs = new DistributedReplay.RunInputs(files.stream().map(Inputs.InputFile::name).toList());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<DistributedReplay.Summary>> parts = new ArrayList<>();
            for (Split s : splits) {
                parts.add(pool.submit(() -> {
                    DistributedReplay.Reader reader = ConfigBundle.borrowReader(engine);
                    DistributedReplay.Merger here = DistributedReplay.Merger.ofInputPart(inputs, 10,
                            DistributedReplay.admissionPlugins(engine), DistributedReplay.notes(engine), null);
                    try (InputStream in = SplitReading.open(s, conf)) {
                        here.records(reader.read(s.name(), in, s.whole() || s.start() == 0, 0, new DistributedReplay.Sink() {
                            @Override
                            public void event(DistributedReplay.Event e) {
                                here.event(e);
                            }

                            @Override
                            public void problem(Problem p) {
                                here.problem(p);
                            }
                        }));
                    } finally {
                        ConfigBundle.giveBack(engine, reader);
                    }
                    return here.summary();
                }));
            }
            DistributedReplay.Summary all = null;
            for (Future<DistributedReplay.Summary> part : parts) {
                all = all == null ? part.get() : all.merge(part.get());
            }
            return all == null ? 0 : all.build(10).requests();
        } finally {
            pool.shutdown();
        }
    }
}
