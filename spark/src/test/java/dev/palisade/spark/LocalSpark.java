package dev.palisade.spark;

import org.apache.spark.sql.SparkSession;

/** A quiet local Spark for tests (no UI, loopback only, few shuffle partitions). */
final class LocalSpark {
    private LocalSpark() {}

    static SparkSession start(String master) {
        return SparkSession.builder().master(master).appName("palisade-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }
}
