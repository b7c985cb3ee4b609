package dev.palisade.spark;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.batch.BatchReport;
import dev.palisade.engine.batch.DistributedReplay;
import dev.palisade.engine.batch.JudgedRequest;
import dev.palisade.engine.batch.Place;
import dev.palisade.engine.batch.Problem;
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
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

/**
 * {@code palisade batch} on Apache Spark: the same replay, the same answers, on as many cores as
 * the cluster has.
 *
 * <pre>
 * splits (files; JSON-lines files cut at line boundaries)
 *   ── scan: newlines and auditID hashes per split ──▶ the IDs found in more than one split (CrossSplitIds, broadcast)
 *   ── map: read + judge (DistributedReplay.Reader, one PolicyEngine per executor JVM); events of crossing IDs ──▶ shuffle,
 *           every other request merged and counted here ──▶ a partial summary (and with --events its lines) ──▶ shuffle
 *   ── shuffle: partition by auditID, sort by (auditID, input order) ──▶
 *   ── reduce: merge stages (RequestTracker), count (ReportBuilder), add the map side's summaries ──▶ driver: merge ──▶ BatchReport
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
     * @param idHashBits how many bits of an auditID's hash tell the IDs that cross splits apart: 64;
     *        fewer only to test that collisions change nothing
     */
    public record Options(int examples, int top, String events, long splitBytes, int partitions, int idHashBits)
            implements Serializable {
        public static Options defaults() {
            return new Options(10, 10, null, 0, 0, 64);
        }

        public Options withEvents(String to) {
            return new Options(examples, top, to, splitBytes, partitions, idHashBits);
        }

        public Options withSplitBytes(long bytes) {
            return new Options(examples, top, events, bytes, partitions, idHashBits);
        }

        Options withIdHashBits(int bits) {
            return new Options(examples, top, events, splitBytes, partitions, bits);
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

    /** A split's or a reduce partition's summary, and how many of its problems skipped the rest of an input. */
    record Partial(DistributedReplay.Summary summary, long restSkipped) implements Serializable {
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
                : Math.min(128 * MIB, Math.max(8 * MIB, ceilDiv(total, 4L * parallelism)));
        Broadcast<SerializableConfiguration> conf = sc.broadcast(new SerializableConfiguration(hadoop));
        long t0 = System.nanoTime();
        CrossSplitIds.Scanned scanned = CrossSplitIds.find(sc, Inputs.plan(files, splitBytes, hadoop), conf,
                new IdHash(options.idHashBits()), engine.limits().maxAuditLineBytes());
        List<Split> splits = scanned.splits();
        Broadcast<CrossSplitIds> cross = sc.broadcast(scanned.cross());
        long t1 = System.nanoTime();
        Broadcast<ConfigBundle> shipped = sc.broadcast(bundle);
        Meta meta = new Meta(new ArrayList<>(files.stream().map(Inputs.InputFile::name).toList()), options.examples(),
                new ArrayList<>(DistributedReplay.admissionPlugins(engine)), new ArrayList<>(DistributedReplay.notes(engine)));
        boolean lines = options.events() != null;
        // as many reduce partitions as when every event crossed (~64 MiB of log each): they are --events' part files
        int partitions = options.partitions() > 0 ? options.partitions()
                : (int) Math.max(2L * parallelism, Math.min(10_000, (total + 64 * MIB - 1) / (64 * MIB)));

        JavaPairRDD<ShuffleKey, byte[]> grouped = sc.parallelize(splits, Math.max(1, splits.size()))
                .mapPartitionsToPair(it -> judge(it, shipped.value(), conf.value().value(), cross.value(), meta, lines))
                .repartitionAndSortWithinPartitions(new ShuffleKey.ByAuditId(partitions), ShuffleKey.ORDER);
        List<Partial> partials;
        if (options.events() == null) {
            partials = grouped.mapPartitions(it -> {
                Feeder f = new Feeder(meta, null, null);
                while (it.hasNext()) {
                    f.feed(it.next());
                }
                return List.of(f.finish()).iterator();
            }).collect();
        } else {
            // one pass over the shuffle output: each reduce partition writes its lines and hands its summary on
            CollectionAccumulator<Tuple2<Integer, Partial>> summaries = sc.sc().collectionAccumulator("palisade summaries");
            writeEvents(spark, grouped.mapPartitionsWithIndex(
                    (index, it) -> new EventLines(it, meta, p -> summaries.add(new Tuple2<>(index, p))), true), options.events());
            partials = onePerPartition(summaries.value(), partitions);
        }
        long t2 = System.nanoTime();
        if (System.getenv("PALISADE_SPARK_TIMING") != null) {
            System.err.printf("spark: %d splits, line numbering + auditID scan %.1f s (%s), read+judge+shuffle+merge%s %.1f s%n",
                    splits.size(), (t1 - t0) / 1e9, scanned.cross().all() ? "some IDs unreadable: every event crosses"
                            : scanned.cross().size() + " IDs in more than one split", lines ? "+write --events" : "",
                    (t2 - t1) / 1e9);
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
        return new Result(summary.build(options.top()), restSkipped);
    }

    /**
     * The reduce partitions' summaries, one each, in partition order. A task run twice (a retry)
     * may have added its summary twice: both are the same, one is kept. A partition without one
     * would be a count lost: it fails the run.
     */
    static List<Partial> onePerPartition(List<Tuple2<Integer, Partial>> added, int partitions) {
        Partial[] byIndex = new Partial[partitions];
        for (Tuple2<Integer, Partial> t : added) {
            if (byIndex[t._1()] == null) {
                byIndex[t._1()] = t._2();
            }
        }
        for (int i = 0; i < partitions; i++) {
            if (byIndex[i] == null) {
                throw new IllegalStateException("reduce partition " + i + " of " + partitions + " reported no summary");
            }
        }
        return List.of(byIndex);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** With PALISADE_SPARK_TIMING set: where the time goes (for docs/batch.md's figures). */
    private static void timing(String what) {
        if (System.getenv("PALISADE_SPARK_TIMING") != null) {
            System.err.printf("spark: %.1f s since the JVM started: %s%n",
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3, what);
        }
    }

    /** Map side: reads and judges a task's splits, one at a time, streamed. */
    private static Iterator<Tuple2<ShuffleKey, byte[]>> judge(Iterator<Split> splits, ConfigBundle bundle,
                                                              Configuration conf, CrossSplitIds cross, Meta meta,
                                                              boolean lines) {
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
                            out -> read(engine, s, conf, cross, meta, lines, out));
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

    /**
     * Reads and judges one split: the events of IDs that cross splits go to the shuffle; every
     * other request is merged and counted here, as the reduce side would (its events are all in
     * this split), into the split's partial summary, which goes to the shuffle last.
     */
    private static void read(PolicyEngine engine, Split s, Configuration conf, CrossSplitIds cross, Meta meta,
                             boolean lines, Consumer<Tuple2<ShuffleKey, byte[]>> out) throws InterruptedException {
        DistributedReplay.Reader reader = ConfigBundle.borrowReader(engine);
        Shipped.Encoder shipped = new Shipped.Encoder();
        DistributedReplay.Merger here = DistributedReplay.Merger.ofInputPart(meta.inputs(), meta.examples(), meta.plugins(),
                meta.notes(), lines ? new LineKeys(s, shipped, out) : null);
        long[] restSkipped = new long[1];
        DistributedReplay.Sink sink = new DistributedReplay.Sink() {
            @Override
            public void event(DistributedReplay.Event e) {
                if (!e.auditID().isEmpty() && cross.contains(e.auditID())) {
                    out.accept(new Tuple2<>(new ShuffleKey(e.auditID(), s.file(), e.place().line(), ShuffleKey.EVENT,
                            e.place().item()), shipped.encode(e)));
                } else {
                    here.event(e);
                }
            }

            @Override
            public void problem(Problem p) {
                here.problem(p);
                if (p.restSkipped()) {
                    restSkipped[0]++;
                }
            }
        };
        try (InputStream in = SplitReading.open(s, conf)) {
            here.records(reader.read(s.name(), in, s.whole() || s.start() == 0, s.lineOffset(), sink));
        } catch (IOException e) {
            // as batch: the input's problem, at its place; the run goes on and is marked incomplete
            sink.problem(new Problem(new Place(s.name(), s.lineOffset() + 1, -1),
                    "cannot read further: " + e + "; the rest of this file is skipped", true));
        } finally {
            ConfigBundle.giveBack(engine, reader);
        }
        Partial summary = new Partial(here.summary(), restSkipped[0]);
        out.accept(new Tuple2<>(new ShuffleKey("", s.file(), s.lineOffset(), ShuffleKey.SUMMARY, 0), shipped.encode(summary)));
    }

    /**
     * With --events, the lines of the requests a split settles, keyed to land where the reduce
     * side would have written them: among their auditID's partition, sorted by auditID, in the
     * order settled (an ID's requests all come from this split); without an auditID, by place.
     */
    private static final class LineKeys implements Consumer<JudgedRequest> {
        private final Split split;
        private final Shipped.Encoder shipped;
        private final Consumer<Tuple2<ShuffleKey, byte[]>> out;
        private final DistributedReplay.EventLines json = new DistributedReplay.EventLines();
        private long settled;

        LineKeys(Split split, Shipped.Encoder shipped, Consumer<Tuple2<ShuffleKey, byte[]>> out) {
            this.split = split;
            this.shipped = shipped;
            this.out = out;
        }

        @Override
        public void accept(JudgedRequest r) {
            ShuffleKey key = r.auditID().isEmpty()
                    ? new ShuffleKey("", split.file(), r.place().line(), ShuffleKey.LINE, r.place().item())
                    : new ShuffleKey(r.auditID(), split.file(), settled++, ShuffleKey.LINE, 0);
            out.accept(new Tuple2<>(key, shipped.encode(json.line(r))));
        }
    }

    /**
     * Reduce side: feeds a partition (sorted by auditID, then input order) to the replay's merger,
     * adds the map side's summaries; with --events, hands on the lines in partition order.
     */
    private static final class Feeder {
        private final DistributedReplay.Merger merger;
        private final Consumer<String> lines;
        private final List<Partial> mapSide = new ArrayList<>();
        private String auditID;

        /** @param each sees each request merged here, {@code lines} each line settled on the map side (both or neither) */
        Feeder(Meta meta, Consumer<JudgedRequest> each, Consumer<String> lines) {
            this.merger = new DistributedReplay.Merger(meta.inputs(), meta.examples(), meta.plugins(), meta.notes(), each);
            this.lines = lines;
        }

        void feed(Tuple2<ShuffleKey, byte[]> t) {
            ShuffleKey k = t._1();
            if (k.kind() == ShuffleKey.SUMMARY) {
                mapSide.add((Partial) Shipped.decode(t._2()));
                return;
            }
            if (!k.auditID().equals(auditID)) {
                if (auditID != null) {
                    merger.endOfAuditId(); // before the next ID's lines: its requests come out first
                }
                auditID = k.auditID();
            }
            if (k.kind() == ShuffleKey.EVENT) {
                merger.event((DistributedReplay.Event) Shipped.decode(t._2()));
            } else if (lines != null) {
                lines.accept((String) Shipped.decode(t._2()));
            }
        }

        Partial finish() {
            DistributedReplay.Summary summary = merger.summary();
            long restSkipped = 0;
            for (Partial p : mapSide) {
                summary.merge(p.summary());
                restSkipped += p.restSkipped();
            }
            return new Partial(summary, restSkipped);
        }
    }

    /** A reduce partition's requests as {@code --events} lines, streamed; at its end, its summary. */
    private static final class EventLines implements Iterator<String> {
        private final Iterator<Tuple2<ShuffleKey, byte[]>> in;
        private final ArrayDeque<String> ready = new ArrayDeque<>();
        private final Feeder feeder;
        private final Consumer<Partial> summary;
        private boolean finished;

        EventLines(Iterator<Tuple2<ShuffleKey, byte[]>> in, Meta meta, Consumer<Partial> summary) {
            this.in = in;
            this.summary = summary;
            DistributedReplay.EventLines json = new DistributedReplay.EventLines();
            this.feeder = new Feeder(meta, r -> ready.add(json.line(r)), ready::add);
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty()) {
                if (in.hasNext()) {
                    feeder.feed(in.next());
                } else if (!finished) {
                    finished = true;
                    summary.accept(feeder.finish());
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
            Result r = run(spark, config, built, logs, new Options(examples, top, events, 0, 0, 64));
            printProblems(r, err);
            return r;
        } finally {
            spark.stop();
            timing("Spark stopped");
        }
    }

    /** The report's examples of malformed input, on {@code err}, as {@code palisade batch} prints them. */
    static void printProblems(Result r, PrintWriter err) {
        for (Problem p : r.report().malformedExamples()) {
            err.println(p.render());
        }
        if (r.report().malformed() > r.report().malformedExamples().size()) {
            err.println("... and " + (r.report().malformed() - r.report().malformedExamples().size())
                    + " more malformed lines (Spark reports the first " + r.report().malformedExamples().size() + ")");
        }
        err.flush();
    }

    /**
     * For {@code spark-submit --class dev.palisade.spark.SparkBatch}: see {@link SubmitCommand}
     * ({@code --help}).
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false, java.nio.charset.StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, false, java.nio.charset.StandardCharsets.UTF_8);
        SparkSession[] started = new SparkSession[1];
        int code;
        try {
            code = SubmitCommand.execute(() -> started[0] = SparkSession.builder().appName("palisade batch").getOrCreate(),
                    out, err, args);
        } finally {
            out.flush();
            err.flush();
            if (started[0] != null) {
                started[0].stop();
            }
        }
        System.exit(code);
    }

}
