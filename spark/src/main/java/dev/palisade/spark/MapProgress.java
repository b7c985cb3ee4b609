package dev.palisade.spark;

import dev.palisade.engine.batch.BatchListener;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The map side's progress, on the driver, for {@code batch --spark}'s bar: bytes read and events
 * judged. A task counts both as it reads ({@link Counters}); Spark brings a running task's counts
 * with each executor heartbeat and its final ones with its end. A task's bytes count at most its
 * splits' bytes, a retried or speculative task's once, and what is told never goes back (a
 * retry starts its counts again).
 *
 * <p>Spark tells its listeners from a thread of its own, some of it after the job:
 * {@link #finished} tells the end.
 */
final class MapProgress extends SparkListener {
    /**
     * What a task counts as it reads: in every task's closure, and named (Spark then hands each
     * task's final counts with its end).
     */
    record Counters(LongAccumulator bytes, LongAccumulator events) implements Serializable {
        static Counters registered(SparkContext sc) {
            return new Counters(sc.longAccumulator("palisade: bytes read"), sc.longAccumulator("palisade: events judged"));
        }

        /** {@code in}, its bytes counted as they are read (those of the file itself: compressed, for a gzip file). */
        InputStream counting(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        bytes.add(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        bytes.add(n);
                    }
                    return n;
                }
            };
        }

        void event() {
            events.add(1);
        }
    }

    /** A task under way: its index among the map side's tasks, and what it has counted so far. */
    private static final class Running {
        final int index;
        long bytes;
        long events;

        Running(int index) {
            this.index = index;
        }
    }

    private final long[] taskBytes;
    private final boolean[] done;
    private final Counters counters;
    private final BatchListener to;
    private final Map<Long, Running> running = new HashMap<>();
    private final Set<Long> ended = new HashSet<>();
    private long doneBytes;
    private long doneEvents;
    private long toldBytes;
    private long toldEvents;

    /** @param taskBytes each map-side task's bytes on disk, by task index */
    MapProgress(long[] taskBytes, Counters counters, BatchListener to) {
        this.taskBytes = taskBytes.clone();
        this.done = new boolean[taskBytes.length];
        this.counters = counters;
        this.to = to;
    }

    static MapProgress of(List<? extends List<Split>> tasks, Counters counters, BatchListener to) {
        return new MapProgress(tasks.stream().mapToLong(t -> t.stream().mapToLong(s -> s.end() - s.start()).sum()).toArray(),
                counters, to);
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart start) {
        int index = start.taskInfo().index();
        if (index < done.length && !ended.contains(start.taskInfo().taskId())) {
            running.put(start.taskInfo().taskId(), new Running(index));
        }
    }

    @Override
    public synchronized void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        boolean changed = false;
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> task
                : CollectionConverters.asJava(update.accumUpdates())) {
            Running r = running.get((Long) task._1());
            if (r != null) {
                changed |= counted(r, CollectionConverters.asJava(task._4()));
            }
        }
        if (changed) {
            tell();
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        long id = end.taskInfo().taskId();
        ended.add(id);
        Running r = running.remove(id);
        int index = end.taskInfo().index();
        if (end.taskInfo().successful() && index < done.length && !done[index]) {
            done[index] = true;
            doneBytes += taskBytes[index];
            Running last = new Running(index);
            counted(last, CollectionConverters.asJava(end.taskInfo().accumulables()));
            doneEvents += last.events;
        }
        if (r != null || index < done.length) {
            tell();
        }
    }

    /** Takes a task's counts from {@code infos} (each the task's own: its update); whether any was there. */
    private boolean counted(Running r, List<AccumulableInfo> infos) {
        boolean found = false;
        for (AccumulableInfo info : infos) {
            Object value = info.update().getOrElse(() -> null);
            if (!(value instanceof Long n)) {
                continue;
            }
            if (info.id() == counters.bytes().id()) {
                r.bytes = Math.min(n, taskBytes[r.index]);
                found = true;
            } else if (info.id() == counters.events().id()) {
                r.events = n;
                found = true;
            }
        }
        return found;
    }

    private void tell() {
        long bytes = doneBytes;
        long events = doneEvents;
        for (Running r : new ArrayList<>(running.values())) {
            bytes += r.bytes;
            events += r.events;
        }
        toldBytes = Math.max(toldBytes, bytes);
        toldEvents = Math.max(toldEvents, events);
        to.progress(toldBytes, toldEvents);
    }

    /** The map side is over, whether or not Spark has told every task's end yet: all its bytes, and the run's events. */
    synchronized void finished(long events) {
        for (int task = 0; task < done.length; task++) {
            if (!done[task]) {
                done[task] = true;
                doneBytes += taskBytes[task];
            }
        }
        running.clear();
        toldBytes = Math.max(toldBytes, doneBytes);
        toldEvents = Math.max(toldEvents, events);
        to.progress(toldBytes, toldEvents);
    }
}
