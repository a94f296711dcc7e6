package org.jspt.exec;

/**
 * The cores the per-JVM work of a pass (preparing reference tables once for every task in this JVM) may
 * use: all of the machine's, unless the executor running this JVM was given fewer. A Spark executor sets
 * it to its {@code spark.executor.cores} before running a task, so that an executor started with 4 cores
 * on a 64-core node does not prepare with 64 threads beside the node's other executors.
 */
public final class JvmCores {
    private static volatile int granted;

    private JvmCores() {}

    /** The granted cores, or the machine's when no executor said otherwise. */
    public static int get() {
        int g = granted;
        return g > 0 ? g : Runtime.getRuntime().availableProcessors();
    }

    /** Called by an executor in its JVM: {@code cores} ≥ 1, or 0 to go back to the machine's. */
    public static void grant(int cores) {
        if (cores < 0) throw new IllegalArgumentException("cores must be >= 0, got " + cores);
        granted = cores;
    }
}
