package org.jspt.spark;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.status.api.v1.ExecutorSummary;
import org.jspt.exec.JvmCores;
import org.jspt.exec.ParticleWorkers;

/**
 * Cores on a Spark cluster: those of the executor a task runs in (its JVM's share, told to the core's
 * {@link JvmCores} before each task), and the total over the executors now registered (the banner, the
 * partition count).
 */
final class ExecutorCores {
    private static final Pattern LOCAL_N = Pattern.compile("local\\[(\\d+)(?:,\\d+)?]");

    private ExecutorCores() {}

    /**
     * On an executor, before its task runs: the JVM's per-pass work uses that executor's cores (as the driver
     * saw them registered, {@code cores}: executor id → cores; else {@code spark.executor.cores}), not every
     * core of the node. The executor's own configuration does not always carry its cores: a standalone worker
     * gives them on the executor's command line. In local mode ({@code local[N]}) the executor is the driver
     * and gets N.
     */
    static void grantToThisJvm(Map<String, Integer> cores) {
        // The task thread runs particles beside the executor's other task threads: inner searches stay on it.
        ParticleWorkers.markCurrentThread();
        SparkEnv env = SparkEnv.get();
        if (env == null) return;
        if ("driver".equals(env.executorId())) {
            Matcher m = LOCAL_N.matcher(env.conf().get("spark.master", ""));
            JvmCores.grant(m.matches() ? Integer.parseInt(m.group(1)) : 0);
        } else {
            Integer c = cores.get(env.executorId());
            JvmCores.grant(c != null && c > 0 ? c : Math.max(0, env.conf().getInt("spark.executor.cores", 0)));
        }
    }

    /** Executor id → cores of every executor now registered (shipped with each pass). */
    static HashMap<String, Integer> perExecutor(JavaSparkContext sc) {
        HashMap<String, Integer> m = new HashMap<>();
        scala.collection.Iterator<ExecutorSummary> it = sc.sc().statusStore().executorList(true).iterator();
        while (it.hasNext()) {
            ExecutorSummary e = it.next();
            m.put(e.id(), e.totalCores());
        }
        return m;
    }

    /**
     * The cores of the executors now registered (in local mode, the driver's task slots). Spark's
     * {@code defaultParallelism} is not it: it is never below 2 and {@code spark.default.parallelism}
     * overrides it. Falls back to it while the status store has not seen the executors yet.
     */
    static int total(JavaSparkContext sc) {
        int n = registered(sc);
        return n > 0 ? n : Math.max(1, sc.defaultParallelism());
    }

    /** Executors now registered (not the driver). */
    static int executors(JavaSparkContext sc) {
        int n = 0;
        scala.collection.Iterator<ExecutorSummary> it = sc.sc().statusStore().executorList(true).iterator();
        while (it.hasNext()) if (!it.next().id().equals("driver")) n++;
        return n;
    }

    /** The cores of the executors in Spark's status store (local mode: the driver's), 0 while it lists none. */
    static int registered(JavaSparkContext sc) {
        int executors = 0, driver = 0;
        scala.collection.Iterator<ExecutorSummary> it = sc.sc().statusStore().executorList(true).iterator();
        while (it.hasNext()) {
            ExecutorSummary e = it.next();
            if (e.id().equals("driver")) driver = e.totalCores();
            else executors += e.totalCores();
        }
        return executors > 0 ? executors : driver;
    }
}
