package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.engine.batch.BatchListener;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskState;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.TaskInfo;
import org.apache.spark.scheduler.TaskLocality;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The bar's bytes and events on Spark, fed the listener events Spark posts: heartbeats with a
 * running task's counts, its end with its final ones. (Which of them come when is Spark's
 * timing; here each case sets it.)
 */
class MapProgressTest {
    private static final long[] TASK_BYTES = {100, 50};
    private MapProgress.Counters counters;
    private final List<long[]> told = new ArrayList<>();
    private MapProgress progress;

    @BeforeEach
    void setUp() {
        SparkContext sc = LocalSpark.shared().sparkContext();
        counters = MapProgress.Counters.registered(sc);
        progress = new MapProgress(TASK_BYTES, counters, new BatchListener() {
            @Override
            public void progress(long rawBytes, long events) {
                told.add(new long[] {rawBytes, events});
            }
        });
    }

    @Test
    void aRunningTasksCountsArriveWithHeartbeats() {
        progress.onTaskStart(start(info(7, 0, 0)));
        progress.onTaskStart(start(info(8, 1, 0)));
        progress.onExecutorMetricsUpdate(heartbeat(7, 40, 300));
        assertTold(40, 300);
        progress.onExecutorMetricsUpdate(heartbeat(8, 10, 20));
        assertTold(50, 320);
        progress.onExecutorMetricsUpdate(heartbeat(7, 90, 700));
        assertTold(100, 720);
    }

    @Test
    void aTaskEndsWithItsSplitsBytesAndItsOwnEventCount() {
        progress.onTaskStart(start(info(7, 0, 0)));
        progress.onExecutorMetricsUpdate(heartbeat(7, 40, 300));
        progress.onTaskEnd(end(info(7, 0, 0), TaskState.FINISHED(), 101, 800)); // read one byte past: the next line's newline
        assertTold(100, 800);
    }

    @Test
    void aHeartbeatAfterItsTasksEndChangesNothing() {
        progress.onTaskStart(start(info(7, 0, 0)));
        progress.onTaskEnd(end(info(7, 0, 0), TaskState.FINISHED(), 100, 800));
        progress.onExecutorMetricsUpdate(heartbeat(7, 40, 300)); // posted before the end, told after it
        assertEquals(1, told.size(), "nothing told for it: " + describe());
        assertTold(100, 800);
    }

    @Test
    void aTaskReadingPastItsBytesCountsItsBytesOnly() {
        progress.onTaskStart(start(info(8, 1, 0)));
        progress.onExecutorMetricsUpdate(heartbeat(8, 64, 20));
        assertTold(50, 20);
    }

    @Test
    void aRetriedTaskCountsOnceAndNothingGoesBack() {
        progress.onTaskStart(start(info(7, 0, 0)));
        progress.onExecutorMetricsUpdate(heartbeat(7, 80, 600));
        progress.onTaskEnd(end(info(7, 0, 0), TaskState.FAILED(), 80, 600));
        assertTold(80, 600);
        progress.onTaskStart(start(info(9, 0, 1)));
        progress.onExecutorMetricsUpdate(heartbeat(9, 10, 50)); // the retry starts again
        assertTold(80, 600);
        progress.onTaskEnd(end(info(9, 0, 1), TaskState.FINISHED(), 100, 800));
        assertTold(100, 800);
        progress.onTaskStart(start(info(10, 0, 2))); // a speculative copy, ending after the first
        progress.onTaskEnd(end(info(10, 0, 2), TaskState.FINISHED(), 100, 800));
        assertTold(100, 800);
    }

    @Test
    void otherAccumulatorsAndOtherStagesTasksAreNotCounted() {
        progress.onTaskStart(start(info(7, 0, 0)));
        long other = LocalSpark.shared().sparkContext().longAccumulator("another").id();
        progress.onExecutorMetricsUpdate(update(7, List.of(value(other, 999))));
        assertEquals(0, told.size(), "told: " + describe());
        progress.onTaskStart(start(info(20, 5, 0))); // index 5: a later stage's task
        progress.onExecutorMetricsUpdate(heartbeat(20, 1000, 1000));
        assertEquals(0, told.size(), "told: " + describe());
    }

    @Test
    void theEndTellsTheWholeAndTheRunsEvents() {
        progress.onTaskStart(start(info(7, 0, 0)));
        progress.onExecutorMetricsUpdate(heartbeat(7, 40, 300));
        progress.finished(1234); // the tasks' ends not told yet
        assertTold(150, 1234);
    }

    private void assertTold(long bytes, long events) {
        long[] last = told.get(told.size() - 1);
        assertEquals(bytes + " bytes, " + events + " events", last[0] + " bytes, " + last[1] + " events", describe());
        for (int i = 1; i < told.size(); i++) {
            if (told.get(i)[0] < told.get(i - 1)[0] || told.get(i)[1] < told.get(i - 1)[1]) {
                throw new AssertionError("went back: " + describe());
            }
        }
    }

    private String describe() {
        return told.stream().map(t -> t[0] + "/" + t[1]).toList().toString();
    }

    private static TaskInfo info(long taskId, int index, int attempt) {
        return new TaskInfo(taskId, index, attempt, index, 0L, "driver", "localhost", TaskLocality.PROCESS_LOCAL(), attempt > 1);
    }

    private static SparkListenerTaskStart start(TaskInfo info) {
        return new SparkListenerTaskStart(0, 0, info);
    }

    private SparkListenerTaskEnd end(TaskInfo info, scala.Enumeration.Value state, long bytes, long events) {
        info.setAccumulables(CollectionConverters.asScala(List.of(value(counters.bytes().id(), bytes),
                value(counters.events().id(), events))).toList());
        info.markFinished(state, 1L);
        return new SparkListenerTaskEnd(0, 0, "ResultTask", org.apache.spark.Success$.MODULE$, info, new ExecutorMetrics(), null);
    }

    private SparkListenerExecutorMetricsUpdate heartbeat(long taskId, long bytes, long events) {
        return update(taskId, List.of(value(counters.bytes().id(), bytes), value(counters.events().id(), events)));
    }

    private static SparkListenerExecutorMetricsUpdate update(long taskId, List<AccumulableInfo> infos) {
        Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> task =
                new Tuple4<>(taskId, 0, 0, CollectionConverters.asScala(infos).toList());
        return new SparkListenerExecutorMetricsUpdate("driver", CollectionConverters.asScala(List.of(task)).toList(),
                scala.collection.immutable.Map$.MODULE$.empty());
    }

    /** As Spark hands a task's count: its own value as the update. */
    private static AccumulableInfo value(long id, long n) {
        return new AccumulableInfo(id, Option.empty(), Option.apply(n), Option.empty(), false, false, Option.empty());
    }
}
