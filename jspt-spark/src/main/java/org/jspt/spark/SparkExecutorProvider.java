package org.jspt.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.jspt.exec.ExecutorProvider;
import org.jspt.exec.ParticleExecutor;

/**
 * {@code --parallel spark:<master>}: starts a SparkContext for {@code local}, {@code local[N]},
 * {@code local[*]} or a cluster master such as {@code spark://HOST:7077}. Under {@code spark-submit} the
 * settings it passes (as system properties) are kept; the master named in {@code --parallel} wins.
 * For a cluster, the jspt jars are shipped to the executors unless {@code spark.jars} is already set,
 * and the executor waits until at least one executor has registered (at most
 * {@code spark.jspt.executorWaitSeconds}, default 120). It does not wait for more: how many executors a
 * cluster will give is not known in advance (free cores, {@code spark.cores.max}, other jobs), so the banner
 * says what is registered so far and {@link ExecutorChanges} reports every executor that joins or is lost.
 */
public final class SparkExecutorProvider implements ExecutorProvider {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)])?");

    @Override
    public String scheme() { return "spark"; }

    @Override
    public ParticleExecutor open(String target, String appName) {
        SparkConf conf = new SparkConf().setMaster(target).setIfMissing("spark.app.name", appName);
        Matcher local = LOCAL.matcher(target);
        if (local.matches()) {
            // Everything runs in this JVM: no need to listen on the network.
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else if (!conf.contains("spark.jars")) conf.setJars(ShippedJars.forExecutors().toArray(new String[0]));
        boolean authenticated = SparkSecret.configure(conf, System.getenv());
        if (!local.matches()) MasterProbe.check(conf, target, authenticated);
        JavaSparkContext sc = new JavaSparkContext(conf);
        if (!local.matches()) sc.sc().addSparkListener(new ExecutorChanges(System.err));
        try {
            if (!local.matches()) awaitExecutors(sc, conf.getInt("spark.jspt.executorWaitSeconds", 120));
        } catch (RuntimeException e) {
            sc.stop();
            throw e;
        }
        return new SparkExecutor(sc, true, driverThreads(local));
    }

    /** local[N] → N, otherwise the driver's cores (driver-side work: reference building, writing). */
    private static int driverThreads(Matcher local) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (local.matches() && local.group(1) != null && !local.group(1).equals("*")) return Math.max(1, Integer.parseInt(local.group(1)));
        return cores;
    }

    /** Waits for the first executor: the partition count of the first pass depends on the cores seen. */
    private static void awaitExecutors(JavaSparkContext sc, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        // getExecutorInfos lists the driver too; the status store (the cores the banner counts) follows a little later.
        while (sc.statusTracker().getExecutorInfos().length < 2 || ExecutorCores.registered(sc) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no Spark executor registered with " + sc.master() + " within " + seconds
                        + " s: check that the master is reachable and its workers have free cores and memory"
                        + " (spark.executor.memory " + sc.getConf().get("spark.executor.memory", "1g") + ")");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Spark executors", e);
            }
        }
    }
}
