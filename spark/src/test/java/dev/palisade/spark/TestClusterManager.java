package dev.palisade.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.ExternalClusterManager;
import org.apache.spark.scheduler.SchedulerBackend;
import org.apache.spark.scheduler.TaskScheduler;

/**
 * A cluster manager found as Spark finds YARN's or Kubernetes' (META-INF/services), for masters
 * {@code palisade-test://...} only: {@link MasterUrlTest} checks that such a master is let through.
 * It never starts anything (Spark consults cluster managers only for masters it does not know).
 */
public final class TestClusterManager implements ExternalClusterManager {
    @Override
    public boolean canCreate(String masterURL) {
        return masterURL.startsWith("palisade-test://");
    }

    @Override
    public TaskScheduler createTaskScheduler(SparkContext sc, String masterURL) {
        throw new UnsupportedOperationException("a test cluster manager: it is only asked whether it takes a master");
    }

    @Override
    public SchedulerBackend createSchedulerBackend(SparkContext sc, String masterURL, TaskScheduler scheduler) {
        throw new UnsupportedOperationException("a test cluster manager: it is only asked whether it takes a master");
    }

    @Override
    public void initialize(TaskScheduler scheduler, SchedulerBackend backend) {
        throw new UnsupportedOperationException("a test cluster manager: it is only asked whether it takes a master");
    }
}
