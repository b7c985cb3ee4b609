package dev.palisade.spark;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.batch.BatchListener;
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
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

/**
 * {@code palisade batch} on Apache Spark: the same replay, the same answers, on as many cores as
 * the cluster has.
 *
 * <pre>
 * splits (files; JSON-lines files cut at line boundaries), packed into tasks (small files several to a task)
 *   ── scan: newlines and auditID hashes per split ──▶ the IDs found in more than one split (CrossSplitIds, broadcast)
 *   ── map, per task: read + judge its splits (DistributedReplay.Reader, one PolicyEngine per executor JVM); every
 *           request whose ID does not cross merged and counted here ──▶ a partial summary (with --events, its lines
 *           written here)
 *   few crossing IDs: the partial summaries and the crossing events ──▶ driver: merge them by auditID ──▶ BatchReport
 *                                                                     └──▶ --events: their lines, one more part
 *   else: the crossing events and the summaries (and lines) ──▶ shuffle: partition by auditID, sort by (auditID,
 *         input order) ──▶ reduce: merge stages (RequestTracker), count (ReportBuilder), add the map side's
 *         summaries (write the lines) ──▶ driver: merge ──▶ BatchReport
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
     * @param splitBytes how much one task reads: the size a JSON-lines file is cut to, and what small
     *        files are packed into, each opening counted as {@link Inputs#openCost} (0: about a
     *        quarter of the input so counted per core, 8–128 MiB)
     * @param partitions reduce partitions (0: one per 64 MiB of input, at least twice the default parallelism)
     * @param idHashBits how many bits of an auditID's hash tell the IDs that cross splits apart: 64;
     *        fewer only to test that collisions change nothing
     * @param mapSideCrossingIds up to how many IDs in more than one split the map side settles
     *        every other request and the driver merges the crossing ones (no shuffle); beyond it,
     *        or when some split's IDs could not be told, every crossing event goes through a shuffle
     * @param mapSideCrossingBytes how much of crossing events (encoded) the driver takes, each
     *        split its share; a split with more sends the run through the shuffle. 0: always the shuffle
     */
    public record Options(int examples, int top, String events, long splitBytes, int partitions, int idHashBits,
                          int mapSideCrossingIds, long mapSideCrossingBytes) implements Serializable {
        /** The IDs a driver merges without a shuffle: their events (a few each, ~0.5-1 KB encoded) stay in the tens of MB. */
        static final int MAP_SIDE_CROSSING_IDS = 20_000;
        static final long MAP_SIDE_CROSSING_BYTES = 64 * MIB;

        public static Options defaults() {
            return of(10, 10, null);
        }

        /** What the command line sets; the rest automatic. */
        public static Options of(int examples, int top, String events) {
            return new Options(examples, top, events, 0, 0, 64, MAP_SIDE_CROSSING_IDS, MAP_SIDE_CROSSING_BYTES);
        }

        public Options withEvents(String to) {
            return new Options(examples, top, to, splitBytes, partitions, idHashBits, mapSideCrossingIds, mapSideCrossingBytes);
        }

        public Options withSplitBytes(long bytes) {
            return new Options(examples, top, events, bytes, partitions, idHashBits, mapSideCrossingIds, mapSideCrossingBytes);
        }

        Options withIdHashBits(int bits) {
            return new Options(examples, top, events, splitBytes, partitions, bits, mapSideCrossingIds, mapSideCrossingBytes);
        }

        Options withPartitions(int reducePartitions) {
            return new Options(examples, top, events, splitBytes, reducePartitions, idHashBits, mapSideCrossingIds, mapSideCrossingBytes);
        }

        /** (0, 0): every crossing event goes through the shuffle (tests both ways and the overflow). */
        Options withMapSide(int crossingIds, long crossingBytes) {
            return new Options(examples, top, events, splitBytes, partitions, idHashBits, crossingIds, crossingBytes);
        }
    }

    /**
     * The report, and how many inputs could not be read to their end (a truncated gzip, a broken
     * document): {@code palisade batch} then exits 2; and how the run was cut.
     */
    public record Result(BatchReport report, long incompleteInputs, Shape shape) {
    }

    /** How the run was cut: its splits, the tasks that read them (several small files to a task), and its path. */
    public record Shape(int splits, int tasks, String path) {
    }

    /**
     * What every task needs to know of the run. The inputs are broadcast: a task's closure is read
     * once per task, and a run of many small files is as many tasks, each of which would read the
     * names of all of them.
     */
    private record Meta(Broadcast<DistributedReplay.RunInputs> inputs, int examples, ArrayList<String> plugins,
                        ArrayList<String> notes, MapProgress.Counters counters) implements Serializable {
        DistributedReplay.RunInputs run() {
            return inputs.value();
        }
    }

    /** A split's or a reduce partition's summary, and how many of its problems skipped the rest of an input. */
    record Partial(DistributedReplay.Summary summary, long restSkipped) implements Serializable {
    }

    /**
     * A split settled on the map side: its partial summary and its events of crossing IDs (keyed
     * as for the shuffle, encoded), or {@code overflow}: they came to more than the split's share
     * of what the driver takes, and the run goes through the shuffle instead.
     */
    record MapSide(Partial partial, ArrayList<Tuple2<ShuffleKey, byte[]>> crossing, boolean overflow)
            implements Serializable {
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
        return run(JavaSparkContext.fromSparkContext(spark.sparkContext()), () -> spark, config, built, logs, options);
    }

    /**
     * As {@link #run(SparkSession, Path, PolicyEngine, List, Options)}, with only a context:
     * {@code session}, Spark SQL's session on {@code sc}, is asked for only to write Parquet
     * --events (starting one took ~1 s on this machine).
     */
    static Result run(JavaSparkContext sc, Supplier<SparkSession> session, Path config, PolicyEngine built,
                      List<String> logs, Options options) throws IOException {
        return run(sc, session, config, built, logs, options, null);
    }

    /**
     * @param progress given the inputs' bytes on disk, what to tell the map side's bytes read and
     *        events judged, as its tasks go ({@link MapProgress}), or null
     */
    static Result run(JavaSparkContext sc, Supplier<SparkSession> session, Path config, PolicyEngine built,
                      List<String> logs, Options options, LongFunction<BatchListener> progress) throws IOException {
        ConfigBundle bundle = ConfigBundle.read(config);
        PolicyEngine engine = built == null ? bundle.engine() : bundle.adopt(built);
        Configuration hadoop = sc.hadoopConfiguration();
        List<Inputs.InputFile> files = Inputs.expand(logs, hadoop);
        if (options.events() != null) {
            org.apache.hadoop.fs.Path to = new org.apache.hadoop.fs.Path(options.events());
            if (Inputs.onFileSystem(options.events(), () -> to.getFileSystem(hadoop).exists(to))) {
                throw new IllegalArgumentException(options.events() + ": already exists (--events with Spark writes a new folder)");
            }
        }
        long total = files.stream().mapToLong(Inputs.InputFile::size).sum();
        BatchListener bar = progress == null ? null : progress.apply(total); // drawn from here: through the scan too
        int parallelism = Math.max(1, sc.defaultParallelism());
        // each file's opening counted, as Spark SQL counts it: many small files make larger tasks, several files each
        long splitBytes = options.splitBytes() > 0 ? options.splitBytes()
                : defaultSplitBytes(Inputs.costOf(files), parallelism);
        Broadcast<SerializableConfiguration> conf = sc.broadcast(new SerializableConfiguration(hadoop));
        long t0 = System.nanoTime();
        CrossSplitIds.Scanned scanned = CrossSplitIds.find(sc, Inputs.plan(files, splitBytes, hadoop), conf,
                new IdHash(options.idHashBits()), engine.limits().maxAuditLineBytes());
        List<Split> splits = scanned.splits();
        List<ArrayList<Split>> tasks = Inputs.tasks(splits, splitBytes);
        Broadcast<CrossSplitIds> cross = sc.broadcast(scanned.cross());
        long t1 = System.nanoTime();
        Broadcast<ConfigBundle> shipped = sc.broadcast(bundle);
        Meta meta = new Meta(sc.broadcast(new DistributedReplay.RunInputs(files.stream().map(Inputs.InputFile::name).toList())),
                options.examples(),
                new ArrayList<>(DistributedReplay.admissionPlugins(engine)), new ArrayList<>(DistributedReplay.notes(engine)),
                bar == null ? null : MapProgress.Counters.registered(sc.sc()));
        boolean lines = options.events() != null;
        EventsFolder folder = lines ? new EventsFolder(options.events(), session) : null;
        // as many reduce partitions as when every event crossed (~64 MiB of log each): they are --events' part files
        int partitions = options.partitions() > 0 ? options.partitions()
                : (int) Math.max(2L * parallelism, Math.min(10_000, (total + 64 * MIB - 1) / (64 * MIB)));

        MapProgress watch = bar == null ? null : MapProgress.of(tasks, meta.counters(), bar);
        if (watch != null) {
            sc.sc().addSparkListener(watch);
        }
        List<Partial> partials = null;
        String path = "shuffle";
        try {
            if (!scanned.cross().all() && scanned.cross().size() <= options.mapSideCrossingIds()
                    && options.mapSideCrossingBytes() > 0) {
                // a task's share; with many tasks, at least 64 KiB (a few hundred events) each
                long share = Math.max(options.mapSideCrossingBytes() / Math.max(1, tasks.size()),
                        Math.min(options.mapSideCrossingBytes(), 64 << 10));
                partials = settledOnTheMapSide(sc, tasks, shipped, conf, cross, meta, folder, share);
                path = partials != null ? "map side" : "map side overflowed, then shuffle";
                if (partials == null && lines) {
                    folder.discard(hadoop); // this run's own folder (it did not exist): the shuffle writes it anew
                }
            }
            if (partials == null && !lines) {
                partials = shuffled(sc, tasks, shipped, conf, cross, meta, false, partitions).mapPartitions(it -> {
                    Feeder f = new Feeder(meta, null, null);
                    while (it.hasNext()) {
                        f.feed(it.next());
                    }
                    return List.of(f.finish()).iterator();
                }).collect();
            } else if (partials == null) {
                // one pass over the shuffle output: each reduce partition writes its lines and hands its summary on
                PartitionResults<Partial> summaries = new PartitionResults<>((into, next) -> merged(into, next, meta.run()));
                sc.sc().register(summaries); // unnamed: Spark shows named ones, as strings, after every task
                folder.write(shuffled(sc, tasks, shipped, conf, cross, meta, true, partitions).mapPartitionsWithIndex(
                        (index, it) -> new EventLines(it, meta, p -> summaries.add(new Tuple2<>(index, p))), true), true);
                partials = List.of(summaries.merged(partitions, "reduce partition"));
            }
        } finally {
            if (watch != null) {
                sc.sc().removeSparkListener(watch);
            }
        }
        long t2 = System.nanoTime();
        if (System.getenv("PALISADE_SPARK_TIMING") != null) {
            System.err.printf("spark: %d splits, line numbering + auditID scan %.1f s (%s), read+judge+merge%s (%s, %d tasks) %.1f s%n",
                    splits.size(), (t1 - t0) / 1e9, scanned.cross().all() ? "some IDs unreadable: every event crosses"
                            : scanned.cross().size() + " IDs in more than one split", lines ? "+write --events" : "",
                    path, tasks.size(), (t2 - t1) / 1e9);
            timing("summary merged");
        }
        DistributedReplay.Summary summary = null;
        long restSkipped = 0;
        for (Partial p : partials) {
            summary = summary == null ? p.summary().of(meta.run()) : summary.merge(p.summary());
            restSkipped += p.restSkipped();
        }
        if (summary == null) {
            summary = new DistributedReplay.Merger(meta.run(), meta.examples(), meta.plugins(), meta.notes(), null).summary();
        }
        BatchReport report = summary.build(options.top());
        if (watch != null) {
            watch.finished(report.events());
        }
        return new Result(report, restSkipped, new Shape(splits.size(), tasks.size(), path));
    }

    /**
     * Two partial summaries of the run with {@code inputs} as one: counts add up (the summary's
     * merge changes {@code into}, which may have been sent: it is given the run's inputs again).
     */
    private static Partial merged(Partial into, Partial next, DistributedReplay.RunInputs inputs) {
        return new Partial(into.summary().of(inputs).merge(next.summary()), into.restSkipped() + next.restSkipped());
    }

    /** Two tasks' map sides as one (in split order); an overflow keeps nothing else. */
    private static MapSide merged(MapSide into, MapSide next, DistributedReplay.RunInputs inputs) {
        if (into.overflow() || next.overflow()) {
            return new MapSide(null, new ArrayList<>(), true);
        }
        Partial partial = into.partial() == null ? next.partial()
                : next.partial() == null ? into.partial() : merged(into.partial(), next.partial(), inputs);
        into.crossing().addAll(next.crossing());
        return new MapSide(partial, into.crossing(), false);
    }

    /** The crossing events through a shuffle, partitioned by auditID and sorted; the splits' summaries (and lines) with them. */
    private static JavaPairRDD<ShuffleKey, byte[]> shuffled(JavaSparkContext sc, List<ArrayList<Split>> tasks,
            Broadcast<ConfigBundle> shipped, Broadcast<SerializableConfiguration> conf, Broadcast<CrossSplitIds> cross,
            Meta meta, boolean lines, int partitions) {
        return sc.parallelize(tasks, Math.max(1, tasks.size()))
                .mapPartitionsToPair(it -> judge(onlyTask(it), shipped.value(), conf.value().value(), cross.value(), meta, lines))
                .repartitionAndSortWithinPartitions(new ShuffleKey.ByAuditId(partitions), ShuffleKey.ORDER);
    }

    /**
     * Few IDs cross: each task settles every other request of its splits where it reads them
     * (with --events, writing their lines as it goes: one part file per task, no shuffle) and
     * hands its summary and its crossing events to the driver, which merges those last (and
     * appends their lines). Null when some task's crossing events came to more than its share:
     * nothing was kept.
     */
    private static List<Partial> settledOnTheMapSide(JavaSparkContext sc, List<ArrayList<Split>> tasks,
            Broadcast<ConfigBundle> shipped, Broadcast<SerializableConfiguration> conf, Broadcast<CrossSplitIds> cross,
            Meta meta, EventsFolder events, long share) throws IOException {
        PartitionResults<MapSide> sides = new PartitionResults<>((into, next) -> merged(into, next, meta.run()));
        sc.sc().register(sides); // unnamed: Spark shows named ones, as strings, after every task
        boolean lines = events != null;
        JavaRDD<String> settled = sc.parallelize(tasks, Math.max(1, tasks.size())).mapPartitionsWithIndex(
                (index, it) -> settle(onlyTask(it), shipped.value(), conf.value().value(), cross.value(), meta, lines, share,
                        side -> sides.add(new Tuple2<>(index, side))), true);
        if (lines) {
            events.write(settled, false); // marked whole once the crossing requests' lines are in
        } else {
            settled.foreachPartition(it -> it.forEachRemaining(line -> { }));
        }
        MapSide all = sides.merged(Math.max(1, tasks.size()), "task");
        if (all.overflow()) {
            return null;
        }
        List<Partial> partials = new ArrayList<>();
        if (all.partial() != null) { // null: no split at all (no input)
            partials.add(all.partial());
        }
        List<Tuple2<ShuffleKey, byte[]>> crossing = all.crossing();
        crossing.sort((a, b) -> ShuffleKey.ORDER.compare(a._1(), b._1()));
        List<String> crossingLines = new ArrayList<>();
        DistributedReplay.EventLines json = new DistributedReplay.EventLines();
        Feeder merger = new Feeder(meta, lines ? r -> crossingLines.add(json.line(r)) : null, null);
        crossing.forEach(merger::feed);
        partials.add(merger.finish());
        if (!crossingLines.isEmpty()) {
            events.appendLast(sc, crossingLines, tasks.size());
        } else if (lines) {
            events.markWhole(sc.hadoopConfiguration());
        }
        return partials;
    }

    /** A partition's one task (parallelize(tasks, tasks.size()) gives each its own: a second would be lost). */
    private static List<Split> onlyTask(Iterator<ArrayList<Split>> partition) {
        if (!partition.hasNext()) {
            return List.of();
        }
        List<Split> task = partition.next();
        if (partition.hasNext()) {
            throw new IllegalStateException("more than one task in a partition");
        }
        return task;
    }

    /** Map side, settling: a task's splits in order, their lines out, its {@link MapSide} to {@code done} at the end. */
    private static Iterator<String> settle(List<Split> splits, ConfigBundle bundle, Configuration conf,
                                           CrossSplitIds cross, Meta meta, boolean lines, long share,
                                           Consumer<MapSide> done) {
        if (splits.isEmpty()) {
            done.accept(new MapSide(null, new ArrayList<>(), false));
            return java.util.Collections.emptyIterator();
        }
        PolicyEngine engine = bundle.engine();
        MapSide[] side = new MapSide[1];
        Split first = splits.get(0);
        String name = "palisade-read-" + first.file() + "@" + first.start() + (splits.size() > 1 ? "+" + (splits.size() - 1) : "");
        return Pump.<String>forTask(name, out -> {
            Shipped.Encoder shipped = new Shipped.Encoder();
            ArrayList<Tuple2<ShuffleKey, byte[]>> crossing = new ArrayList<>();
            long[] bytes = new long[1];
            DistributedReplay.EventLines json = lines ? new DistributedReplay.EventLines() : null;
            // one merger for the task's splits: no two of them share a settled auditID (those cross, to the
            // driver); a merger and summary per split, merged one by one, cost 16,000 small files ~0.3 s of CPU
            DistributedReplay.Merger here = merger(meta, lines ? r -> out.accept(json.line(r)) : null);
            long restSkipped = 0;
            for (Split s : splits) {
                restSkipped += read(engine, s, conf, cross, meta.counters(), here, e -> {
                    if (bytes[0] <= share) {
                        byte[] encoded = shipped.encode(e);
                        bytes[0] += encoded.length;
                        crossing.add(new Tuple2<>(eventKey(s, e), encoded));
                    }
                });
                if (bytes[0] > share) {
                    break; // the run goes through the shuffle: nothing of this task is kept
                }
            }
            boolean overflow = bytes[0] > share;
            side[0] = overflow ? new MapSide(null, new ArrayList<>(), true)
                    : new MapSide(new Partial(here.summary(), restSkipped), crossing, false);
        }).atEnd(() -> done.accept(side[0])); // on the task's thread, once its splits are read to their end
    }

    private static ShuffleKey eventKey(Split s, DistributedReplay.Event e) {
        return new ShuffleKey(e.auditID(), s.file(), e.place().line(), ShuffleKey.EVENT, e.place().item());
    }

    /** How much one task reads unless told: about a quarter of {@code total} (the input, openings counted) per core, 8–128 MiB. */
    static long defaultSplitBytes(long total, int parallelism) {
        return Math.min(128 * MIB, Math.max(8 * MIB, ceilDiv(total, 4L * parallelism)));
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
    private static Iterator<Tuple2<ShuffleKey, byte[]>> judge(List<Split> todo, ConfigBundle bundle,
                                                              Configuration conf, CrossSplitIds cross, Meta meta,
                                                              boolean lines) {
        PolicyEngine engine = bundle.engine();
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
                    current = Pump.forTask("palisade-read-" + s.file() + "@" + s.start(),
                            out -> shuffleSplit(engine, s, conf, cross, meta, lines, out));
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
     * One split for the shuffle: the events of crossing IDs, with --events the lines of the
     * requests settled here, and the split's partial summary last.
     */
    private static void shuffleSplit(PolicyEngine engine, Split s, Configuration conf, CrossSplitIds cross, Meta meta,
                                     boolean lines, Consumer<Tuple2<ShuffleKey, byte[]>> out) throws InterruptedException {
        Shipped.Encoder shipped = new Shipped.Encoder();
        DistributedReplay.Merger here = merger(meta, lines ? new LineKeys(s, shipped, out) : null);
        long restSkipped = read(engine, s, conf, cross, meta.counters(), here, e -> out.accept(new Tuple2<>(eventKey(s, e), shipped.encode(e))));
        Partial summary = new Partial(here.summary(), restSkipped);
        out.accept(new Tuple2<>(new ShuffleKey("", s.file(), s.lineOffset(), ShuffleKey.SUMMARY, 0), shipped.encode(summary)));
    }

    /** A merger for a task's splits, or one split's; each request it settles goes to {@code settled} too, when not null. */
    private static DistributedReplay.Merger merger(Meta meta, Consumer<JudgedRequest> settled) {
        return DistributedReplay.Merger.ofInputPart(meta.run(), meta.examples(), meta.plugins(), meta.notes(), settled);
    }

    /**
     * Reads and judges one split: the events of IDs that cross splits go to {@code crossing};
     * every other request is merged and counted by {@code here}, as it would be with all its
     * events together (they are all in this split), and settled by the split's end.
     *
     * @param counters the bytes and events the progress bar is told, or null (no bar)
     * @return how many of the split's inputs could not be read to their end (0 or 1)
     */
    private static long read(PolicyEngine engine, Split s, Configuration conf, CrossSplitIds cross, MapProgress.Counters counters,
                             DistributedReplay.Merger here, Consumer<DistributedReplay.Event> crossing)
            throws InterruptedException {
        DistributedReplay.Reader reader = ConfigBundle.borrowReader(engine);
        long[] restSkipped = new long[1];
        DistributedReplay.Sink sink = new DistributedReplay.Sink() {
            @Override
            public void event(DistributedReplay.Event e) {
                if (counters != null) {
                    counters.event();
                }
                if (!e.auditID().isEmpty() && cross.contains(e.auditID())) {
                    crossing.accept(e);
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
        try (InputStream in = counters == null ? SplitReading.open(s, conf) : counters.counting(SplitReading.open(s, conf))) {
            here.records(reader.read(s.name(), in, s.whole() || s.start() == 0, s.lineOffset(), s.end() - s.start(), sink));
        } catch (IOException e) {
            // as batch: the input's problem, at its place; the run goes on and is marked incomplete
            sink.problem(new Problem(new Place(s.name(), s.lineOffset() + 1, -1),
                    "cannot read further: " + e + "; the rest of this file is skipped", true));
        } finally {
            ConfigBundle.giveBack(engine, reader);
        }
        here.endOfAuditId(); // a lone RequestReceived is settled here, as when the split had a merger of its own
        return restSkipped[0];
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
        private final DistributedReplay.RunInputs inputs;
        private final Consumer<String> lines;
        /** The map side's summaries that landed here, merged as they come (not held: one per split). */
        private Partial mapSide;
        private String auditID;

        /** @param each sees each request merged here, {@code lines} each line settled on the map side (either may be null) */
        Feeder(Meta meta, Consumer<JudgedRequest> each, Consumer<String> lines) {
            this.inputs = meta.run();
            this.merger = new DistributedReplay.Merger(inputs, meta.examples(), meta.plugins(), meta.notes(), each);
            this.lines = lines;
        }

        void feed(Tuple2<ShuffleKey, byte[]> t) {
            ShuffleKey k = t._1();
            if (k.kind() == ShuffleKey.SUMMARY) {
                Partial p = (Partial) Shipped.decode(t._2());
                mapSide = mapSide == null ? p : merged(mapSide, p, inputs);
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
            Partial here = new Partial(merger.summary(), 0);
            return mapSide == null ? here : merged(here, mapSide, inputs);
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

    /**
     * {@code palisade batch --spark MASTER}: a local (or standalone) session for one run, Spark's
     * logging at WARN. Problems are printed on {@code err} (the report's examples of them).
     *
     * @throws IllegalArgumentException a master Spark would not parse (before Spark starts), a
     *         missing input, an {@code --events} folder that exists
     */
    public static Result runWithMaster(String master, Path config, PolicyEngine built, List<String> logs, int examples,
                                       int top, String events, PrintWriter err) throws IOException {
        return runWithMaster(master, config, built, logs, examples, top, events, err, null);
    }

    /**
     * @param progress given the inputs' bytes on disk, what to tell as the map side goes (a progress bar), or null;
     *        what it makes is closed, if it can be, before the problems are printed (a bar's line is cleared first)
     */
    public static Result runWithMaster(String master, Path config, PolicyEngine built, List<String> logs, int examples,
                                       int top, String events, PrintWriter err, LongFunction<BatchListener> progress)
            throws IOException {
        SparkConf conf = new SparkConf().setMaster(MasterUrl.check(master)).setAppName("palisade batch")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        if (progress != null) {
            // a running task's counts reach the bar with the executor's heartbeats: every 10 s unless told
            conf.setIfMissing("spark.executor.heartbeatInterval", "1s");
        }
        if (master.startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        timing("JVM up, configuration built; starting Spark");
        JavaSparkContext sc = new JavaSparkContext(conf);
        timing("Spark started");
        BatchListener[] bar = new BatchListener[1];
        try {
            Result r = run(sc, sessionWhenAsked(sc), config, built, logs, Options.of(examples, top, events),
                    progress == null ? null : total -> bar[0] = progress.apply(total));
            if (bar[0] instanceof java.io.Closeable done) {
                done.close(); // else the first problem is printed at the end of the bar's line
            }
            printProblems(r, err);
            return r;
        } catch (Exception e) { // SparkException too: Scala throws checked exceptions undeclared
            // what failed then is only a symptom (a job cancelled, a block manager's folder gone); Spark's message
            // of it goes on for lines (where the context was made and stopped)
            if (sc.sc().isStopped()) {
                throw new IOException("--spark " + master + ": Spark stopped before the replay was done"
                        + (master.startsWith("spark://") ? " (could the master be reached? see Spark's log above)" : "")
                        + "; the replay then failed with: " + rootCause(e).toString().lines().findFirst().orElse(""), e);
            }
            throw e;
        } finally {
            sc.stop(); // and the session, if there is one
            timing("Spark stopped");
        }
    }

    /** The bottom of {@code t}'s causes: Spark wraps a task's reason in its own exceptions, often twice. */
    static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** Spark SQL's session on {@code sc}, started the first time it is asked for (only Parquet --events need one). */
    static Supplier<SparkSession> sessionWhenAsked(JavaSparkContext sc) {
        SparkSession[] session = new SparkSession[1];
        return () -> {
            if (session[0] == null) {
                session[0] = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
            }
            return session[0];
        };
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
        JavaSparkContext[] started = new JavaSparkContext[1];
        int code;
        try {
            // spark-submit's settings (master, --name, --conf) come as system properties, which SparkConf reads
            code = SubmitCommand.execute(() -> started[0] = new JavaSparkContext(
                            new SparkConf().setIfMissing("spark.app.name", "palisade batch")),
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
