package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MasterUrlTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "local[1]", "local[2]", "local[*]", "local[16]", "local[2,3]", "local[*, 4]",
        "local-cluster[2, 1, 1024]", "spark://host:7077",
        "palisade-test://cluster"}) // a cluster manager on the class path takes it (TestClusterManager)
    void takesWhatSparkTakes(String master) {
        assertEquals(master, MasterUrl.check(master));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bogus      | not a Spark master URL",
        "local2     | not a Spark master URL",
        "local[two] | not a Spark master URL",
        "local[]    | not a Spark master URL",
        "local[2    | not a Spark master URL",
        "LOCAL[2]   | not a Spark master URL",
        "local[0]   | needs at least 1 thread",
        "local[00]  | needs at least 1 thread",
        "local[0,3] | needs at least 1 thread",
        // the test class path, as ./palisade's, has Spark's core and SQL, no YARN or Kubernetes module
        "yarn                    | no Spark cluster manager on this class path takes it",
        "k8s://https://host:6443 | no Spark cluster manager on this class path takes it",
        "mesos://host:5050       | no Spark cluster manager on this class path takes it",
    })
    void rejectsATypoBeforeSparkStarts(String master, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MasterUrl.check(master));
        assertTrue(e.getMessage().startsWith("--spark " + master + ": " + reason), e.getMessage());
        assertTrue(e.getMessage().contains("local[N]"), "names what works: " + e.getMessage());
    }

    @Test
    void batchSparkRefusesItBeforeStartingSpark() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkBatch.runWithMaster(
                "local[two]", SameAnswersTest.ROOT.resolve("examples/audit/palisade.yaml"), null,
                List.of(SameAnswersTest.ROOT.resolve("examples/audit/audit.log").toString()), 10, 10, null,
                new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().startsWith("--spark local[two]: not a Spark master URL"), e.getMessage());
    }
}
