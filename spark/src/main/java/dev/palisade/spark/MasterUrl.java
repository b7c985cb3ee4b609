package dev.palisade.spark;

import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.scheduler.ExternalClusterManager;

/**
 * {@code palisade batch --spark MASTER}, checked before Spark starts. Spark rejects a master it
 * cannot parse only while its context starts, after logging the failure at ERROR with a stack
 * trace; a typo in a local master ({@code local2}, {@code local[two]}, {@code local[0]}) is a
 * usage error and gets a one-line message instead, and so does a cluster manager's master
 * ({@code yarn}, {@code k8s://...}) when none on the class path takes it: {@code ./palisade}
 * runs Spark's core only. {@code spark://} (standalone) is Spark's own.
 */
final class MasterUrl {
    // Spark's own forms (SparkMasterRegex): local, local[N|*], local[N|*, F], local-cluster[N, C, M]
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)(?:\\s*,\\s*\\d+)?\\])?");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*\\d+\\s*,\\s*\\d+\\s*,\\s*\\d+\\s*]");
    private static final String FORMS = "local, local[N], local[*], local[N,F] (F failures allowed per task), "
            + "spark://HOST:PORT, yarn, or another cluster manager's URL";

    private MasterUrl() {}

    /** @throws IllegalArgumentException naming the master and the forms Spark takes */
    static String check(String master) {
        Matcher local = LOCAL.matcher(master);
        if (local.matches()) {
            String threads = local.group(1);
            if (threads != null && !threads.equals("*") && !atLeastOne(threads)) {
                throw new IllegalArgumentException("--spark " + master + ": needs at least 1 thread (" + FORMS + ")");
            }
            return master;
        }
        if (LOCAL_CLUSTER.matcher(master).matches() || master.startsWith("spark://")) {
            return master;
        }
        if (master.equals("yarn") || master.contains("://")) {
            if (clusterManagerTakes(master)) {
                return master;
            }
            throw new IllegalArgumentException("--spark " + master + ": no Spark cluster manager on this class path takes it "
                    + "(./palisade runs Spark's core: local[N] and spark://HOST:PORT; for YARN or Kubernetes, submit the "
                    + "cluster jar with spark-submit, docs/batch.md)");
        }
        throw new IllegalArgumentException("--spark " + master + ": not a Spark master URL (" + FORMS + ")");
    }

    /** As Spark finds YARN's, Kubernetes' or another cluster manager: those on the class path, asked in turn. */
    private static boolean clusterManagerTakes(String master) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (ExternalClusterManager m : ServiceLoader.load(ExternalClusterManager.class,
                loader != null ? loader : MasterUrl.class.getClassLoader())) {
            if (m.canCreate(master)) {
                return true;
            }
        }
        return false;
    }

    private static boolean atLeastOne(String digits) {
        return !digits.chars().allMatch(c -> c == '0');
    }
}
