package dev.palisade.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One quiet local Spark (local[2], no UI, loopback only) for every test class of the module: a
 * session takes seconds to start, and the classes run in one JVM. Spark's own shutdown hook stops
 * it when the JVM ends.
 */
final class LocalSpark {
    private static SparkSession shared;

    private LocalSpark() {}

    static synchronized SparkSession shared() {
        if (shared == null) {
            shared = SparkSession.builder().master("local[2]").appName("palisade-spark-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
        }
        return shared;
    }
}
