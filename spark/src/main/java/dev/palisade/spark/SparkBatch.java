package dev.palisade.spark;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.batch.BatchReport;
import dev.palisade.engine.batch.CsvReportWriter;
import dev.palisade.engine.batch.DistributedReplay;
import dev.palisade.engine.batch.HtmlReportWriter;
import dev.palisade.engine.batch.JsonReportWriter;
import dev.palisade.engine.batch.JudgedRequest;
import dev.palisade.engine.batch.Place;
import dev.palisade.engine.batch.Problem;
import dev.palisade.engine.batch.TextReportWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

/**
 * {@code palisade batch} on Apache Spark: the same replay, the same answers, on as many cores as
 * the cluster has.
 *
 * <pre>
 * splits (files; JSON-lines files cut at line boundaries)
 *   ── map: read + judge (DistributedReplay.Reader, one PolicyEngine per executor JVM) ──▶ (auditID, place) → event | problem
 *   ── shuffle: partition by auditID, sort by (auditID, input order) ──▶
 *   ── reduce: merge stages (RequestTracker), count (ReportBuilder) ──▶ partial summaries ──▶ driver: merge ──▶ BatchReport
 *                                                                  └──▶ --events: one JSON line per request (JSON lines or Parquet)
 * </pre>
 *
 * The decisions, the stage merging and the counting are the single-machine replay's own code
 * ({@link DistributedReplay}); only the plumbing is Spark's.
 */
public final class SparkBatch {
    private static final long MIB = 1L << 20;

    private SparkBatch() {}

    /**
     * @param events where to write one record per judged request (a folder of JSON-lines part
     *        files; Parquet when the name ends in {@code .parquet}), or null
     * @param splitBytes how much of a JSON-lines file one task reads (0: about a quarter of the
     *        input per core, 8–128 MiB)
     * @param partitions reduce partitions (0: one per 64 MiB of input, at least twice the default parallelism)
     */
    public record Options(int examples, int top, String events, long splitBytes, int partitions) implements Serializable {
        public static Options defaults() {
            return new Options(10, 10, null, 0, 0);
        }

        public Options withEvents(String to) {
            return new Options(examples, top, to, splitBytes, partitions);
        }

        public Options withSplitBytes(long bytes) {
            return new Options(examples, top, events, bytes, partitions);
        }
    }

    /**
     * The report, and how many inputs could not be read to their end (a truncated gzip, a broken
     * document): {@code palisade batch} then exits 2.
     */
    public record Result(BatchReport report, long incompleteInputs) {
    }

    /** What every reduce task needs to know of the run. */
    private record Meta(ArrayList<String> inputs, int examples, ArrayList<String> plugins, ArrayList<String> notes)
            implements Serializable {
    }

    /** One reduce partition's summary and how many of its problems skipped the rest of an input. */
    private record Partial(DistributedReplay.Summary summary, long restSkipped) implements Serializable {
    }

    public static Result run(SparkSession spark, Path config, List<String> logs, Options options) throws IOException {
        return run(spark, config, null, logs, options);
    }

    /**
     * @param built the engine of {@code config} when the caller has built it already (the CLI,
     *        which checks the configuration first), else null; it serves the executors that run in
     *        this JVM (local mode) too, so the policies are compiled once
     */
    public static Result run(SparkSession spark, Path config, PolicyEngine built, List<String> logs, Options options)
            throws IOException {
        ConfigBundle bundle = ConfigBundle.read(config);
        PolicyEngine engine = built == null ? bundle.engine() : bundle.adopt(built);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        List<Inputs.InputFile> files = Inputs.expand(logs, hadoop);
        if (options.events() != null) {
            org.apache.hadoop.fs.Path to = new org.apache.hadoop.fs.Path(options.events());
            if (to.getFileSystem(hadoop).exists(to)) {
                throw new IllegalArgumentException(options.events() + ": already exists (--events with Spark writes a new folder)");
            }
        }
        long total = files.stream().mapToLong(Inputs.InputFile::size).sum();
        int parallelism = Math.max(1, sc.defaultParallelism());
        long splitBytes = options.splitBytes() > 0 ? options.splitBytes()
                : Math.min(128 * MIB, Math.max(8 * MIB, total / (4L * parallelism)));
        Broadcast<SerializableConfiguration> conf = sc.broadcast(new SerializableConfiguration(hadoop));
        long t0 = System.nanoTime();
        List<Split> splits = withLineOffsets(sc, Inputs.plan(files, splitBytes, hadoop), conf);
        long t1 = System.nanoTime();
        Broadcast<ConfigBundle> shipped = sc.broadcast(bundle);
        Meta meta = new Meta(new ArrayList<>(files.stream().map(Inputs.InputFile::name).toList()), options.examples(),
                new ArrayList<>(DistributedReplay.admissionPlugins(engine)), new ArrayList<>(DistributedReplay.notes(engine)));
        // enough reduce partitions that each sorts its events in memory (~64 MiB of log each)
        int partitions = options.partitions() > 0 ? options.partitions()
                : (int) Math.max(2L * parallelism, Math.min(10_000, (total + 64 * MIB - 1) / (64 * MIB)));

        JavaPairRDD<ShuffleKey, byte[]> grouped = sc.parallelize(splits, Math.max(1, splits.size()))
                .mapPartitionsToPair(it -> judge(it, shipped.value(), conf.value().value()))
                .repartitionAndSortWithinPartitions(new ShuffleKey.ByAuditId(partitions), ShuffleKey.ORDER);
        List<Partial> partials = grouped.mapPartitions(it -> {
            Feeder f = new Feeder(meta, null);
            while (it.hasNext()) {
                f.feed(it.next());
            }
            return List.of(new Partial(f.finish(), f.restSkipped)).iterator();
        }).collect();
        long t2 = System.nanoTime();
        if (System.getenv("PALISADE_SPARK_TIMING") != null) {
            System.err.printf("spark: %d splits, line numbering %.1f s, read+judge+shuffle+merge %.1f s%n", splits.size(),
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            timing("summary merged");
        }
        DistributedReplay.Summary summary = null;
        long restSkipped = 0;
        for (Partial p : partials) {
            summary = summary == null ? p.summary() : summary.merge(p.summary());
            restSkipped += p.restSkipped();
        }
        if (summary == null) {
            summary = new DistributedReplay.Merger(meta.inputs(), meta.examples(), meta.plugins(), meta.notes(), null).summary();
        }
        if (options.events() != null) {
            // the judged events' shuffle is reused: only the (cheap) merging runs again
            writeEvents(spark, grouped.mapPartitions(it -> new EventLines(it, meta)), options.events());
        }
        return new Result(summary.build(options.top()), restSkipped);
    }

    /** With PALISADE_SPARK_TIMING set: where the time goes (for docs/batch.md's figures). */
    private static void timing(String what) {
        if (System.getenv("PALISADE_SPARK_TIMING") != null) {
            System.err.printf("spark: %.1f s since the JVM started: %s%n",
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3, what);
        }
    }

    /** Fills in each split's first line number: newlines counted per split in parallel, summed per file. */
    private static List<Split> withLineOffsets(JavaSparkContext sc, List<Split> splits,
                                               Broadcast<SerializableConfiguration> conf) {
        List<Split> ranges = splits.stream().filter(s -> !s.whole()).toList();
        if (ranges.isEmpty()) {
            return splits;
        }
        List<Long> counts = sc.parallelize(ranges, ranges.size())
                .map(s -> SplitReading.newlines(s, conf.value().value())).collect();
        List<Split> out = new ArrayList<>(splits.size());
        int r = 0;
        long before = 0;
        int file = -1;
        for (Split s : splits) {
            if (s.whole()) {
                out.add(s);
                continue;
            }
            if (s.file() != file) {
                file = s.file();
                before = 0;
            }
            // the lines before this split's first: the newlines before byte start - 1, and the one ending at or after it
            out.add(s.withLineOffset(s.start() == 0 ? 0 : before + 1));
            before += counts.get(r++);
        }
        return out;
    }

    /** Map side: reads and judges a task's splits, one at a time, streamed. */
    private static Iterator<Tuple2<ShuffleKey, byte[]>> judge(Iterator<Split> splits, ConfigBundle bundle,
                                                              Configuration conf) {
        PolicyEngine engine = bundle.engine();
        List<Split> todo = new ArrayList<>();
        splits.forEachRemaining(todo::add);
        return new Iterator<>() {
            private int next;
            private Pump<Tuple2<ShuffleKey, byte[]>> current;

            @Override
            public boolean hasNext() {
                while (current == null || !current.hasNext()) {
                    if (next >= todo.size()) {
                        return false;
                    }
                    Split s = todo.get(next++);
                    Pump<Tuple2<ShuffleKey, byte[]>> pump = new Pump<>("palisade-read-" + s.file() + "@" + s.start(),
                            out -> read(engine, s, conf, out));
                    org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
                    if (task != null) {
                        task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) t -> pump.cancel());
                    }
                    current = pump;
                }
                return true;
            }

            @Override
            public Tuple2<ShuffleKey, byte[]> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private static void read(PolicyEngine engine, Split s, Configuration conf, Consumer<Tuple2<ShuffleKey, byte[]>> out)
            throws InterruptedException {
        DistributedReplay.Reader reader = ConfigBundle.borrowReader(engine);
        Shipped.Encoder shipped = new Shipped.Encoder();
        DistributedReplay.Sink sink = new DistributedReplay.Sink() {
            @Override
            public void event(DistributedReplay.Event e) {
                out.accept(new Tuple2<>(new ShuffleKey(e.auditID(), s.file(), e.place().line(), ShuffleKey.EVENT,
                        e.place().item()), shipped.encode(e)));
            }

            @Override
            public void problem(Problem p) {
                out.accept(new Tuple2<>(new ShuffleKey("", s.file(), p.place().line(), ShuffleKey.PROBLEM, p.place().item()),
                        shipped.encode(p)));
            }
        };
        long records;
        try (InputStream in = SplitReading.open(s, conf)) {
            records = reader.read(s.name(), in, s.whole() || s.start() == 0, s.lineOffset(), sink);
        } catch (IOException e) {
            // as batch: the input's problem, at its place; the run goes on and is marked incomplete
            sink.problem(new Problem(new Place(s.name(), s.lineOffset() + 1, -1),
                    "cannot read further: " + e + "; the rest of this file is skipped", true));
            records = 0;
        } finally {
            ConfigBundle.giveBack(engine, reader);
        }
        out.accept(new Tuple2<>(new ShuffleKey("", s.file(), s.lineOffset(), ShuffleKey.RECORDS, 0), shipped.encode(records)));
    }

    /** Reduce side: feeds a partition (sorted by auditID, then input order) to the replay's merger. */
    private static final class Feeder {
        private final DistributedReplay.Merger merger;
        private String auditID;
        long restSkipped;

        Feeder(Meta meta, Consumer<JudgedRequest> each) {
            this.merger = new DistributedReplay.Merger(meta.inputs(), meta.examples(), meta.plugins(), meta.notes(), each);
        }

        void feed(Tuple2<ShuffleKey, byte[]> t) {
            Object v = Shipped.decode(t._2());
            if (v instanceof DistributedReplay.Event e) {
                if (!t._1().auditID().equals(auditID)) {
                    if (auditID != null) {
                        merger.endOfAuditId();
                    }
                    auditID = t._1().auditID();
                }
                merger.event(e);
            } else if (v instanceof Problem p) {
                merger.problem(p);
                if (p.restSkipped()) {
                    restSkipped++;
                }
            } else if (v instanceof Long n) {
                merger.records(n);
            }
        }

        DistributedReplay.Summary finish() {
            return merger.summary();
        }
    }

    /** A reduce partition's requests as {@code --events} lines, streamed. */
    private static final class EventLines implements Iterator<String> {
        private final Iterator<Tuple2<ShuffleKey, byte[]>> in;
        private final ArrayDeque<String> ready = new ArrayDeque<>();
        private final Feeder feeder;
        private boolean finished;

        EventLines(Iterator<Tuple2<ShuffleKey, byte[]>> in, Meta meta) {
            this.in = in;
            DistributedReplay.EventLines json = new DistributedReplay.EventLines();
            this.feeder = new Feeder(meta, r -> ready.add(json.line(r)));
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty()) {
                if (in.hasNext()) {
                    feeder.feed(in.next());
                } else if (!finished) {
                    finished = true;
                    feeder.finish();
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }
    }

    /** The columns of {@code palisade batch --events}, for Parquet. */
    public static final StructType EVENT_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("auditID", DataTypes.StringType, true),
        DataTypes.createStructField("user", DataTypes.StringType, true),
        DataTypes.createStructField("impersonatedBy", DataTypes.StringType, true),
        DataTypes.createStructField("verb", DataTypes.StringType, true),
        DataTypes.createStructField("apiGroup", DataTypes.StringType, true),
        DataTypes.createStructField("resource", DataTypes.StringType, true),
        DataTypes.createStructField("subresource", DataTypes.StringType, true),
        DataTypes.createStructField("namespace", DataTypes.StringType, true),
        DataTypes.createStructField("name", DataTypes.StringType, true),
        DataTypes.createStructField("path", DataTypes.StringType, true),
        DataTypes.createStructField("recorded", DataTypes.StringType, true),
        DataTypes.createStructField("decision", DataTypes.StringType, true),
        DataTypes.createStructField("flip", DataTypes.BooleanType, true),
        DataTypes.createStructField("rule", DataTypes.StringType, true),
        DataTypes.createStructField("reason", DataTypes.StringType, true),
        DataTypes.createStructField("admission", DataTypes.StringType, true),
        DataTypes.createStructField("admissionReason", DataTypes.StringType, true),
        DataTypes.createStructField("warnings", DataTypes.createArrayType(DataTypes.StringType), true),
        DataTypes.createStructField("source", DataTypes.StringType, true),
    });

    private static void writeEvents(SparkSession spark, JavaRDD<String> lines, String to) {
        if (to.endsWith(".parquet")) {
            Dataset<String> json = spark.createDataset(lines.rdd(), Encoders.STRING());
            spark.read().schema(EVENT_SCHEMA).json(json).write().parquet(to);
        } else {
            lines.saveAsTextFile(to);
        }
    }

    /**
     * {@code palisade batch --spark MASTER}: a local (or standalone) session for one run, Spark's
     * logging at WARN. Problems are printed on {@code err} (the report's examples of them).
     */
    public static Result runWithMaster(String master, Path config, PolicyEngine built, List<String> logs, int examples,
                                       int top, String events, PrintWriter err) throws IOException {
        SparkSession.Builder b = SparkSession.builder().master(master).appName("palisade batch")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        timing("JVM up, configuration built; starting Spark");
        SparkSession spark = b.getOrCreate();
        timing("Spark started");
        try {
            Result r = run(spark, config, built, logs, new Options(examples, top, events, 0, 0));
            for (Problem p : r.report().malformedExamples()) {
                err.println(p.render());
            }
            if (r.report().malformed() > r.report().malformedExamples().size()) {
                err.println("... and " + (r.report().malformed() - r.report().malformedExamples().size())
                        + " more malformed lines (Spark reports the first " + r.report().malformedExamples().size() + ")");
            }
            err.flush();
            return r;
        } finally {
            spark.stop();
            timing("Spark stopped");
        }
    }

    /**
     * For {@code spark-submit}: {@code --config palisade.yaml [--events OUT[.parquet]] [--format
     * text|json|csv|html] [--examples N] [--top N] LOG...}; the report on standard output. The
     * configuration is read on the driver (client mode, or ship it with {@code --files}).
     */
    public static void main(String[] args) throws IOException {
        Path config = null;
        String events = null;
        String format = "text";
        int examples = 10;
        int top = 10;
        List<String> logs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-c", "--config" -> config = Path.of(args[++i]);
                case "--events" -> events = args[++i];
                case "--format" -> format = args[++i];
                case "--examples" -> examples = Integer.parseInt(args[++i]);
                case "--top" -> top = Integer.parseInt(args[++i]);
                default -> logs.add(args[i]);
            }
        }
        if (config == null || logs.isEmpty()) {
            System.err.println("usage: spark-submit --class dev.palisade.spark.SparkBatch palisade-spark.jar "
                    + "--config palisade.yaml [--events OUT[.parquet]] [--format text|json|csv|html] LOG...");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("palisade batch").getOrCreate();
        Result r;
        try {
            r = run(spark, config, logs, new Options(examples, top, events, 0, 0));
        } finally {
            spark.stop();
        }
        PrintWriter out = new PrintWriter(System.out, false, java.nio.charset.StandardCharsets.UTF_8);
        switch (format) {
            case "json" -> JsonReportWriter.write(r.report(), out);
            case "csv" -> CsvReportWriter.write(r.report(), out);
            case "html" -> HtmlReportWriter.write(r.report(), out);
            default -> TextReportWriter.write(r.report(), out);
        }
        out.flush();
        System.exit(r.incompleteInputs() > 0 ? 2 : 0);
    }
}
