package dev.palisade.spark;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

/**
 * The auditIDs, by hash, that occur in more than one split: only their events must meet on the
 * shuffle; every other request is settled where its split is read. Two IDs with one hash only
 * send more events to the shuffle.
 *
 * @param all every auditID counts as one (some split's IDs could not be told)
 * @param hashes sorted
 */
record CrossSplitIds(IdHash hash, boolean all, long[] hashes) implements Serializable {
    boolean contains(String auditID) {
        return all || Arrays.binarySearch(hashes, hash.of(auditID)) >= 0;
    }

    int size() {
        return hashes.length;
    }

    /** The splits with their first line numbers, and the IDs that cross them. */
    record Scanned(List<Split> splits, CrossSplitIds cross) {
    }

    /** One split's hashes of one hash range; range 0's part also carries the split's newline count. */
    private record Part(int split, long newlines, boolean opaque, long[] hashes) implements Serializable {
    }

    /** A hash range's IDs seen in more than one split; range 0's answer also carries every split's newline count. */
    private record RangeAnswer(long[] newlines, boolean opaque, long[] cross) implements Serializable {
    }

    /**
     * Scans every split once, in parallel ({@link SplitScan}), and finds the hashes seen in more
     * than one. A lone split is not scanned: no ID can be in two, and its lines are numbered from
     * its file's start (one gzip file would be decompressed twice). On a cluster the scan is a
     * job ({@link #asJob}); in local mode, where the executors are this JVM's threads, it runs on
     * threads of its own ({@link #inThisJvm}): the same scan, without a job, its tasks and a
     * shuffle to schedule.
     */
    static Scanned find(JavaSparkContext sc, List<Split> splits, Broadcast<SerializableConfiguration> conf, IdHash hash,
                        long maxLineBytes) throws IOException {
        return find(splits, hash, sc.isLocal()
                ? all -> inThisJvm(all, conf.value().value(), hash, maxLineBytes, sc.defaultParallelism())
                : all -> asJob(sc, all, conf, hash, maxLineBytes));
    }

    /** How several splits are scanned. */
    interface Scan {
        Scanned of(List<Split> splits) throws IOException;
    }

    static Scanned find(List<Split> splits, IdHash hash, Scan scan) throws IOException {
        if (splits.size() == 1) { // a whole file, or its first range: its first line is line 1
            return new Scanned(splits, new CrossSplitIds(hash, false, new long[0]));
        }
        return scan.of(splits);
    }

    /**
     * The scan as a Spark job: each split sends its distinct hashes, cut into hash ranges, through
     * a small shuffle, and each range keeps those it received from two splits or more. No more
     * than the crossing hashes reach the driver.
     */
    static Scanned asJob(JavaSparkContext sc, List<Split> splits, Broadcast<SerializableConfiguration> conf, IdHash hash,
                         long maxLineBytes) {
        int ranges = Math.max(1, Math.min(splits.size(), sc.defaultParallelism()));
        List<Tuple2<Integer, Split>> numbered = new ArrayList<>(splits.size());
        for (int i = 0; i < splits.size(); i++) {
            numbered.add(new Tuple2<>(i, splits.get(i)));
        }
        int count = splits.size();
        List<RangeAnswer> answers = sc.parallelize(numbered, Math.max(1, count))
                .flatMapToPair(t -> parts(t._1(), SplitScan.read(t._2(), conf.value().value(), hash, maxLineBytes), ranges))
                .partitionBy(new HashPartitioner(ranges))
                .mapPartitions(it -> List.of(answer(it, count)).iterator())
                .collect();
        long[] newlines = null;
        boolean opaque = false;
        long[][] cross = new long[answers.size()][];
        for (int r = 0; r < answers.size(); r++) {
            RangeAnswer a = answers.get(r);
            if (a.newlines() != null) {
                newlines = a.newlines();
            }
            opaque |= a.opaque();
            cross[r] = a.cross();
        }
        long[] all = Arrays.stream(cross).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Scanned(withLineOffsets(splits, newlines), new CrossSplitIds(hash, opaque, opaque ? new long[0] : all));
    }

    /**
     * The scan on {@code threads} threads of this JVM (local mode): splits in order, the hashes
     * merged here, in bounded memory (a quarter of the heap; beyond it on disk).
     */
    static Scanned inThisJvm(List<Split> splits, Configuration conf, IdHash hash, long maxLineBytes, int threads)
            throws IOException {
        try (RepeatedHashes all = RepeatedHashes.inThisJvm(1)) {
            return inThisJvm(splits, conf, hash, maxLineBytes, threads, all);
        }
    }

    /** As above, the hashes merged in {@code all}. */
    static Scanned inThisJvm(List<Split> splits, Configuration conf, IdHash hash, long maxLineBytes, int threads,
                             RepeatedHashes all) throws IOException {
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, splits.size())), r -> {
            Thread t = new Thread(r, "palisade-scan-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SplitScan.Result>> scans = new ArrayList<>(splits.size());
            for (Split s : splits) {
                scans.add(pool.submit(() -> SplitScan.read(s, conf, hash, maxLineBytes)));
            }
            long[] newlines = new long[splits.size()];
            boolean opaque = false;
            for (int i = 0; i < scans.size(); i++) {
                SplitScan.Result r = result(scans.get(i));
                scans.set(i, null); // its hashes are garbage once added
                newlines[i] = r.newlines();
                opaque |= r.opaque();
                all.addAll(r.hashes()); // each split's hashes are distinct: one seen twice was in two splits
            }
            long[] cross = all.repeated();
            return new Scanned(withLineOffsets(splits, newlines), new CrossSplitIds(hash, opaque, opaque ? new long[0] : cross));
        } finally {
            pool.shutdownNow();
        }
    }

    /** A split's scan, its failure as the job's task would have failed the run: an input that cannot be read. */
    private static SplitScan.Result result(Future<SplitScan.Result> scan) throws IOException {
        try {
            return scan.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while scanning the logs");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("scanning the logs failed: " + e.getCause(), e.getCause());
        }
    }

    private static Iterator<Tuple2<Integer, Part>> parts(int split, SplitScan.Result r, int ranges) {
        long[][] byRange = new long[ranges][];
        int[] sizes = new int[ranges];
        for (long h : r.hashes()) {
            sizes[range(h, ranges)]++;
        }
        for (int k = 0; k < ranges; k++) {
            byRange[k] = new long[sizes[k]];
            sizes[k] = 0;
        }
        for (long h : r.hashes()) {
            int k = range(h, ranges);
            byRange[k][sizes[k]++] = h;
        }
        List<Tuple2<Integer, Part>> out = new ArrayList<>(ranges);
        for (int k = 0; k < ranges; k++) {
            out.add(new Tuple2<>(k, new Part(split, k == 0 ? r.newlines() : 0, r.opaque(), byRange[k])));
        }
        return out.iterator();
    }

    private static int range(long h, int ranges) {
        return (int) Math.floorMod(h * 0x9E3779B97F4A7C15L >>> 1, (long) ranges);
    }

    /** Each split's hashes are distinct: a hash found twice among the parts came from two splits. */
    private static RangeAnswer answer(Iterator<Tuple2<Integer, Part>> parts, int splits) throws IOException {
        long[] newlines = null;
        boolean opaque = false;
        // the executor's other range tasks run beside this one, each with its share of the heap
        int tasks = org.apache.spark.SparkEnv.get().conf().getInt("spark.executor.cores",
                Runtime.getRuntime().availableProcessors());
        try (RepeatedHashes all = RepeatedHashes.inThisJvm(tasks)) {
            while (parts.hasNext()) {
                Tuple2<Integer, Part> t = parts.next();
                Part p = t._2();
                if (t._1() == 0) {
                    if (newlines == null) {
                        newlines = new long[splits];
                    }
                    newlines[p.split()] = p.newlines();
                }
                opaque |= p.opaque();
                all.addAll(p.hashes());
            }
            return new RangeAnswer(newlines, opaque, all.repeated());
        }
    }

    /** Each range's first line number: the newlines before it in its file (whole files start at line 1). */
    private static List<Split> withLineOffsets(List<Split> splits, long[] newlines) {
        List<Split> out = new ArrayList<>(splits.size());
        long before = 0;
        int file = -1;
        for (int i = 0; i < splits.size(); i++) {
            Split s = splits.get(i);
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
            before += newlines[i];
        }
        return out;
    }
}
