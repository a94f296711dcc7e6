package org.jspt.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.status.api.v1.ExecutorSummary;
import org.jspt.exec.JvmCores;

/**
 * Cores on a Spark cluster: those of the executor a task runs in (its JVM's share, told to the core's
 * {@link JvmCores} before each task), and the total over the executors now registered (the banner, the
 * partition count).
 */
final class ExecutorCores {
    private static final Pattern LOCAL_N = Pattern.compile("local\\[(\\d+)(?:,\\d+)?]");

    private ExecutorCores() {}

    /**
     * On an executor, before its task runs: the JVM's per-pass work uses the executor's
     * {@code spark.executor.cores} (which a standalone or YARN executor always has set, from its launch
     * arguments if not by the user), not every core of the node. In local mode ({@code local[N]}) the
     * executor is the driver and gets N.
     */
    static void grantToThisJvm() {
        SparkEnv env = SparkEnv.get();
        if (env == null) return;
        if ("driver".equals(env.executorId())) {
            Matcher m = LOCAL_N.matcher(env.conf().get("spark.master", ""));
            JvmCores.grant(m.matches() ? Integer.parseInt(m.group(1)) : 0);
        } else {
            JvmCores.grant(Math.max(0, env.conf().getInt("spark.executor.cores", 0)));
        }
    }

    /**
     * The cores of the executors now registered (in local mode, the driver's task slots). Spark's
     * {@code defaultParallelism} is not it: it is never below 2 and {@code spark.default.parallelism}
     * overrides it. Falls back to it while the status store has not seen the executors yet.
     */
    static int total(JavaSparkContext sc) {
        int executors = 0, driver = 0;
        scala.collection.Iterator<ExecutorSummary> it = sc.sc().statusStore().executorList(true).iterator();
        while (it.hasNext()) {
            ExecutorSummary e = it.next();
            if (e.id().equals("driver")) driver = e.totalCores();
            else executors += e.totalCores();
        }
        int n = executors > 0 ? executors : driver;
        return n > 0 ? n : Math.max(1, sc.defaultParallelism());
    }
}
