package dev.palisade.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;
import scala.Tuple2;

/**
 * What each task of a job hands the driver besides its output (a split's or a reduce
 * partition's partial summary), merged on the driver in partition order as the tasks finish.
 * The driver holds the merged result and the results that came before a slower partition's, not
 * one result per task: thousands of them, each with its counters, on a large input. One per
 * partition is kept (a retried task's second is dropped), and the order makes the merge the same
 * whatever order the tasks finish in.
 *
 * @param <T> a task's result; {@code merge} may change its first argument and return it
 */
final class PartitionResults<T extends Serializable> extends AccumulatorV2<Tuple2<Integer, T>, T> {
    /** Merges {@code next} (the next partition's result) into {@code into}. */
    interface Merge<T> extends Serializable {
        T apply(T into, T next);
    }

    private final Merge<T> merge;
    private TreeMap<Integer, T> waiting = new TreeMap<>();
    private int next;
    private T merged;

    PartitionResults(Merge<T> merge) {
        this.merge = merge;
    }

    /** A task's result: kept as it is (a task adds one; the driver merges). */
    @Override
    public void add(Tuple2<Integer, T> result) {
        if (result._1() >= next) {
            waiting.putIfAbsent(result._1(), result._2());
        }
    }

    /** On the driver: a finished task's results join, and every result now in order is merged. */
    @Override
    public void merge(AccumulatorV2<Tuple2<Integer, T>, T> other) {
        PartitionResults<T> o = (PartitionResults<T>) other;
        if (o.next > 0) {
            throw new IllegalStateException("a task's results were merged before they reached the driver");
        }
        for (Map.Entry<Integer, T> e : o.waiting.entrySet()) {
            add(new Tuple2<>(e.getKey(), e.getValue()));
        }
        while (!waiting.isEmpty() && waiting.firstKey() == next) {
            T result = waiting.pollFirstEntry().getValue();
            merged = merged == null ? result : merge.apply(merged, result);
            next++;
        }
    }

    /** Every partition's result merged, in partition order: a partition without one fails the run (a count lost). */
    T merged(int partitions, String what) {
        if (next < partitions || !waiting.isEmpty()) {
            throw new IllegalStateException(what + " " + next + " of " + partitions + " reported no summary");
        }
        return merged;
    }

    @Override
    public T value() {
        return merged;
    }

    @Override
    public boolean isZero() {
        return merged == null && waiting.isEmpty() && next == 0;
    }

    /** Shares the results (they are not changed once added; merging changes only the driver's copy's first). */
    @Override
    public AccumulatorV2<Tuple2<Integer, T>, T> copy() {
        PartitionResults<T> c = new PartitionResults<>(merge);
        c.waiting = new TreeMap<>(waiting);
        c.next = next;
        c.merged = merged;
        return c;
    }

    @Override
    public void reset() {
        waiting = new TreeMap<>();
        next = 0;
        merged = null;
    }
}
