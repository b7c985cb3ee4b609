package dev.palisade.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code palisade batch --spark MASTER}, checked before Spark starts. Spark rejects a master it
 * cannot parse only while its context starts, after logging the failure at ERROR with a stack
 * trace; a typo in a local master ({@code local2}, {@code local[two]}, {@code local[0]}) is a
 * usage error and gets a one-line message instead. Anything with a scheme ({@code spark://},
 * {@code k8s://}...) and {@code yarn} are left to Spark and its cluster managers.
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
        if (LOCAL_CLUSTER.matcher(master).matches() || master.equals("yarn") || master.contains("://")) {
            return master;
        }
        throw new IllegalArgumentException("--spark " + master + ": not a Spark master URL (" + FORMS + ")");
    }

    private static boolean atLeastOne(String digits) {
        return !digits.chars().allMatch(c -> c == '0');
    }
}
