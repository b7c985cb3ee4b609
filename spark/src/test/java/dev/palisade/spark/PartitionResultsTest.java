package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * The tasks' results (partial summaries) reach the driver in whatever order the tasks finish; it
 * merges them in partition order, one per partition, and a partition without one fails the run.
 * Strings stand for summaries here: their merge (concatenation) shows the order.
 */
class PartitionResultsTest {
    /** The driver's accumulator, fed the way Spark does: one fresh copy per task, merged when it finishes. */
    private static PartitionResults<String> finished(List<Tuple2<Integer, String>> tasksInTheOrderTheyFinish) {
        PartitionResults<String> driver = new PartitionResults<>((into, next) -> into + next);
        for (Tuple2<Integer, String> task : tasksInTheOrderTheyFinish) {
            PartitionResults<String> taskSide = (PartitionResults<String>) driver.copyAndReset();
            taskSide.add(task);
            driver.merge(taskSide);
        }
        return driver;
    }

    @Test
    void mergedInPartitionOrderWhateverOrderTheTasksFinishIn() {
        PartitionResults<String> r = finished(List.of(new Tuple2<>(2, "c"), new Tuple2<>(0, "a"), new Tuple2<>(3, "d"),
                new Tuple2<>(1, "b")));
        assertEquals("abcd", r.merged(4, "split"));
    }

    @Test
    void aRetriedTasksSecondResultIsDropped() {
        PartitionResults<String> r = finished(List.of(new Tuple2<>(1, "b"), new Tuple2<>(0, "a"), new Tuple2<>(1, "B"),
                new Tuple2<>(0, "A")));
        assertEquals("ab", r.merged(2, "split"));
    }

    @Test
    void aPartitionWithoutAResultFailsTheRun() {
        PartitionResults<String> r = finished(List.of(new Tuple2<>(0, "a"), new Tuple2<>(2, "c")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.merged(3, "reduce partition"));
        assertTrue(e.getMessage().contains("reduce partition 1 of 3"), e.getMessage());
        PartitionResults<String> none = finished(List.of(new Tuple2<>(0, "a")));
        assertThrows(IllegalStateException.class, () -> none.merged(2, "split"), "the last one missing");
    }

    @Test
    void onlyWhatCameBeforeAMissingPartitionIsMerged() {
        PartitionResults<String> r = finished(List.of(new Tuple2<>(1, "b"), new Tuple2<>(0, "a"), new Tuple2<>(3, "d")));
        assertEquals("ab", r.value(), "d waits for 2");
    }
}
