package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.batch.DistributedReplay;
import java.util.List;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** With --events the reduce partitions hand their summaries on through an accumulator: one each, none lost. */
class OnePerPartitionTest {
    private static SparkBatch.Partial partial(long restSkipped) {
        DistributedReplay.Summary s = new DistributedReplay.Merger(List.of("a.log"), 0, List.of(), List.of(), null).summary();
        return new SparkBatch.Partial(s, restSkipped);
    }

    @Test
    void aRetriedTasksSecondSummaryIsDroppedAndTheOrderIsThePartitions() {
        SparkBatch.Partial p0 = partial(0);
        SparkBatch.Partial p1 = partial(1);
        SparkBatch.Partial p1again = partial(1);
        List<SparkBatch.Partial> out = SparkBatch.onePerPartition(
                List.of(new Tuple2<>(1, p1), new Tuple2<>(0, p0), new Tuple2<>(1, p1again)), 2);
        assertEquals(2, out.size());
        assertSame(p0, out.get(0));
        assertSame(p1, out.get(1));
    }

    @Test
    void aPartitionWithoutASummaryFailsTheRun() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SparkBatch.onePerPartition(List.of(new Tuple2<>(0, partial(0))), 2));
        assertTrue(e.getMessage().contains("reduce partition 1 of 2"), e.getMessage());
    }
}
