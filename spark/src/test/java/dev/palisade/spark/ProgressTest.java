package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.batch.BatchListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * batch --spark's progress bar, on a real run: fed the inputs' bytes and the events judged, up to
 * the whole and the report's count, never beyond them and never back. (How many calls come before
 * the end depends on when Spark's listener thread gets to them: not asserted; MapProgressTest
 * feeds it Spark's events one by one.)
 */
class ProgressTest {
    @Test
    void theMapSideTellsItsBytesUpToTheWhole() throws Exception {
        SparkSession spark = LocalSpark.shared();
        Path log = SameAnswersTest.ROOT.resolve("examples/audit/audit.log");
        long[] total = {-1};
        List<long[]> told = new ArrayList<>();
        SparkBatch.Result r = SparkBatch.run(JavaSparkContext.fromSparkContext(spark.sparkContext()), () -> spark,
                SameAnswersTest.ROOT.resolve("examples/audit/palisade.yaml"), null, List.of(log.toString()),
                SparkBatch.Options.defaults().withSplitBytes(2048), bytes -> {
                    total[0] = bytes;
                    return new BatchListener() {
                        @Override
                        public synchronized void progress(long rawBytes, long events) {
                            told.add(new long[] {rawBytes, events});
                        }
                    };
                });
        assertTrue(r.shape().tasks() > 1, "several tasks: " + r.shape());
        assertEquals(Files.size(log), total[0], "the bar's whole: the input's bytes on disk");
        long[] last = told.get(told.size() - 1);
        assertEquals(total[0], last[0], "the whole, once the map side is done");
        assertEquals(r.report().events(), last[1], "the report's events, once the map side is done");
        for (int i = 0; i < told.size(); i++) {
            long[] now = told.get(i);
            assertTrue(now[0] <= last[0] && now[1] <= last[1], "never beyond the whole: " + now[0] + "/" + now[1]);
            assertTrue(i == 0 || now[0] >= told.get(i - 1)[0] && now[1] >= told.get(i - 1)[1], "never back");
        }
    }
}
