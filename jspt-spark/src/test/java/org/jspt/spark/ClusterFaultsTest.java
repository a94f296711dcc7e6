package org.jspt.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspt.exec.JvmCores;
import org.jspt.exec.ParticleExecutor;
import org.jspt.exec.ParticleTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster of two workers with one core each (a master and two workers as child JVMs on
 * 127.0.0.1, whose class path holds Spark and the libraries but no jspt class): a run on it equals the thread
 * executor's, and so does a run whose driver or one of whose workers is killed. One cluster serves the four
 * tests, the one that kills a worker last; the thread executor's run is made once for all of them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsTest {
    @TempDir static Path tmp;
    static TinyRun data;
    static Path threads;
    static StandaloneCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs a machine of 2 cores or more (the executors get 1 each)");
        data = new TinyRun(Files.createDirectories(tmp.resolve("data")));
        threads = data.refine("threads", "thread:2");
        cluster = new StandaloneCluster(Files.createDirectories(tmp.resolve("cluster")), 2, 1, "1g", null);
    }

    @AfterAll
    static void stop() {
        if (cluster == null) return;
        cluster.close();
        assertEquals(List.of(), cluster.alive(), "cluster processes still running");
    }

    /** What an executor's JVM grants a pass: a task that reports it. */
    private static final class GrantedCores implements ParticleTask<Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer apply(int particle) { return JvmCores.get(); }
    }

    @Test
    @Order(1)
    void aPassOnAnExecutorUsesTheExecutorsCoresAndTheBannerCountsTheClusters() throws Exception {
        // The executors need this test's task class too: ship the test classes with jspt's jars.
        List<String> jars = new java.util.ArrayList<>(ShippedJars.forExecutors());
        jars.add(ShippedJars.jarOf(GrantedCores.class));
        Map<String, String> old = setDriverProperties(Map.of("spark.jars", String.join(",", jars)));
        try (ParticleExecutor ex = new SparkExecutorProvider().open(cluster.masterUrl(), "cores")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ex.parallelism() < 2 && System.nanoTime() < deadline) Thread.sleep(200); // the second executor registers
            assertEquals(2, ex.parallelism(), "two executors of one core");
            List<Integer> granted = ex.mapParticles(64, new GrantedCores(), null);
            assertEquals(64, granted.size());
            // The machine has 2 or more cores; each executor was given 1 (the worker's --cores 1).
            for (int g : granted) assertEquals(1, g, "cores granted to a pass on an executor: " + granted);
        } finally {
            setDriverProperties(old);
        }
    }

    @Test
    @Order(2)
    void aRunInThisJvmOnTheClusterEqualsTheThreadExecutorsWithJsptShippedToTheExecutors() throws Exception {
        Map<String, String> old = setDriverProperties(Map.of());
        Path spark;
        try {
            spark = data.refine("spark", "spark:" + cluster.masterUrl());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + cluster.logs(), e);
        } finally {
            setDriverProperties(old);
        }
        TinyRun.assertSameOutputs(threads, spark);
        // The workers' class path has Spark and the libraries only: the jspt classes came as shipped jars.
        try (Stream<Path> files = Files.walk(cluster.workDir)) {
            List<String> shipped = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".jar")).toList();
            assertTrue(shipped.size() >= 2, "jars in the executors' folders: " + shipped);
        }
    }

    /**
     * Sets the in-process driver's Spark settings (those of the child JVMs, see {@link JsptChild}) and
     * {@code extra}; a null value clears. @return the previous values, to pass back when done
     */
    private static Map<String, String> setDriverProperties(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1",
                "spark.ui.enabled", "false", "spark.executor.memory", "512m", "spark.jspt.executorWaitSeconds", "60"));
        props.putAll(extra);
        Map<String, String> old = new HashMap<>();
        props.forEach((k, v) -> {
            old.put(k, System.getProperty(k));
            if (v == null) System.clearProperty(k); else System.setProperty(k, v);
        });
        return old;
    }

    @Test
    @Order(3)
    void aKilledDriverResumesOnAnotherMasterToTheSameOutputs() throws Exception {
        String master = "spark:" + cluster.masterUrl();
        Process driver = JsptChild.start(data, "killed", master, Map.of(), 2, "-Djspt.checkpoint.block=4");
        Path run = data.dir.resolve("killed_01"), cp = run.resolve("checkpoint");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (firstBlock(cp, "02") == null) {
            assertTrue(driver.isAlive(), "the run ended before it could be killed: " + Files.readString(data.dir.resolve("killed.log")) + cluster.logs());
            assertTrue(System.nanoTime() < deadline, "no block of iteration 02 in time: " + Files.readString(data.dir.resolve("killed.log")));
            Thread.sleep(5);
        }
        driver.destroyForcibly(); // SIGKILL: the driver JVM dies mid-iteration, no shutdown hooks
        assertTrue(driver.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(run.resolve("particle_parms_02.json")), "killed before iteration 02 finished");

        JsptChild.Result resumed = JsptChild.finish(JsptChild.start(data.dir, "resumed.log", Map.of(), new String[0],
                "refinemulti", "--resume", run.toString(), "--parallel=spark:local[2]"), data.dir.resolve("resumed.log"));
        assertEquals(0, resumed.code(), resumed.log());
        assertTrue(resumed.log().contains("resuming after iteration 01"), resumed.log());
        assertTrue(resumed.log().matches("(?s).*iteration 02: [1-9]\\d* of 32 particles were aligned before the restart.*"), resumed.log());
        TinyRun.assertSameOutputs(threads, run);
    }

    @Test
    @Order(4)
    void aWorkerKilledWhileItRunsATaskLeavesTheRunToTheOtherWithTheSameOutputs() throws Exception {
        // One checkpoint block per iteration: each iteration's alignment is one map pass of two partitions
        // (16 particles each), one per executor. The test-only hook (TaskMarkers) marks every partition as it
        // starts and holds the first attempts of pass 2 (iteration 02's alignment) until released: the worker
        // whose executor runs partition 0 is killed while that task is certainly running. Partition 0 then
        // runs again on the other executor after partition 1 has finished, i.e. it completes last: results taken
        // in the order partitions finish instead of by partition index would put particles 0-15 last (tried: the
        // xforms of iteration 02 then differ).
        Path markers = Files.createDirectories(tmp.resolve("markers"));
        Process driver = JsptChild.start(data, "lost", "spark:" + cluster.masterUrl(), Map.of(), 2, "-Djspt.checkpoint.block=32",
                "-D" + TaskMarkers.DIR_PROPERTY + "=" + markers, "-D" + TaskMarkers.HOLD_PROPERTY + "=2");
        Path run = data.dir.resolve("lost_01"), cp = run.resolve("checkpoint");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        String[] held;
        while ((held = marker(markers, "pass2_part0_attempt0_")) == null || marker(markers, "pass2_part1_attempt0_") == null) {
            assertTrue(driver.isAlive(), "the run ended before a worker could be killed: " + Files.readString(data.dir.resolve("lost.log")));
            assertTrue(System.nanoTime() < deadline, "iteration 02's tasks did not start in time: " + Files.readString(data.dir.resolve("lost.log")));
            Thread.sleep(5);
        }
        assertNotNull(firstBlock(cp, "01"), "pass 2 is iteration 02's alignment: iteration 01's is saved");
        assertNull(firstBlock(cp, "02"), "pass 2 is iteration 02's alignment: none of it is saved");
        String executor = held[0];
        long pid = Long.parseLong(held[1]);
        int w = cluster.executorsOf(0).stream().anyMatch(h -> h.pid() == pid) ? 0 : 1;
        assertTrue(cluster.executorsOf(w).stream().anyMatch(h -> h.pid() == pid), "executor JVM " + pid + " runs under no worker");
        int killed = cluster.killWorker(w);
        assertTrue(killed >= 2, "the worker and its executor");
        Files.createFile(markers.resolve("release"));

        JsptChild.Result r = JsptChild.finish(driver, data.dir.resolve("lost.log"));
        assertEquals(0, r.code(), r.log() + cluster.logs());
        // Spark saw the running task lost with its executor and ran it again on the other one.
        assertTrue(r.log().matches("(?s).*\nspark: task 0\\.0 in stage \\d+\\.\\d+ lost with executor " + executor + ";.*"),
                "the driver did not report partition 0's task lost on executor " + executor + ": " + r.log());
        assertTrue(r.log().contains("\nspark: executor " + executor + " lost: "), "no line for the lost executor: " + r.log());
        assertTrue(r.log().matches("(?s).*refinemulti: .*, [12] cores? on [12] Spark executors? registered so far; run folder .*"), r.log());
        String[] retry = marker(markers, "pass2_part0_attempt1_");
        assertNotNull(retry, "partition 0 was not run again");
        assertNotEquals(executor, retry[0], "the retry ran on the lost executor");
        TinyRun.assertSameOutputs(threads, run);
    }

    /** The executor id and JVM pid of the first marker whose name starts with {@code prefix}, or null. */
    private static String[] marker(Path dir, String prefix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).findFirst()
                    .map(n -> n.substring(prefix.length()).replaceFirst("^exec", "").split("_pid")).orElse(null);
        }
    }

    private static Path firstBlock(Path cp, String nn) throws Exception {
        if (!Files.isDirectory(cp)) return null;
        try (Stream<Path> s = Files.list(cp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("align_" + nn + "_")).findFirst().orElse(null);
        }
    }
}
