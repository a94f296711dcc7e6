package org.jspt.spark;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * One line on the driver's stderr each time a cluster executor registers or is lost, with the cores now
 * registered, and for each task lost with its executor: the run's banner counts the executors there when it
 * starts ("… registered so far"), and the partitions of each pass are cut for the cores registered when the
 * pass starts, so this is what tells the user that later executors are being used, or that a lost worker left
 * fewer and which work runs again. (Spark itself logs a task lost with a lost worker only at INFO, which
 * {@code bin/jspt} does not show.) Lines start with {@code spark:} (never {@code jspt:}, which marks jspt's
 * own errors).
 */
final class ExecutorChanges extends SparkListener {
    private final Map<String, Integer> cores = new ConcurrentHashMap<>();
    private final PrintStream err;

    ExecutorChanges(PrintStream err) { this.err = err; }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded e) {
        cores.put(e.executorId(), e.executorInfo().totalCores());
        err.println("spark: executor " + e.executorId() + " registered with " + cores(e.executorInfo().totalCores()) + " (" + cores(total()) + " now)");
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
        cores.remove(e.executorId());
        err.println("spark: executor " + e.executorId() + " lost: " + e.reason() + " (" + cores(total()) + " left; its tasks run again elsewhere)");
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        if (!(e.reason() instanceof ExecutorLostFailure lost)) return;
        err.println("spark: task " + e.taskInfo().index() + "." + e.taskInfo().attemptNumber() + " in stage " + e.stageId() + "."
                + e.stageAttemptId() + " lost with executor " + lost.execId() + "; Spark retries it on another executor"
                + (lost.exitCausedByApp() ? " (this loss counts towards spark.task.maxFailures)" : ""));
    }

    private int total() {
        return cores.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String cores(int n) {
        return n + " core" + (n == 1 ? "" : "s");
    }
}
