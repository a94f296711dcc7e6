package org.jspt.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.jspt.exec.ParticleExecutor;
import org.jspt.exec.ParticleReduction;
import org.jspt.exec.ParticleTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Spark executor's passes on local[2]: order, progress, chunking and the fixed merge tree. */
class SparkExecutorTest {
    static SparkExecutor spark;

    @BeforeAll
    static void start() {
        spark = new SparkExecutor(new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("jspt test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")), true, 2);
    }

    @AfterAll
    static void stop() { spark.close(); }

    @Test
    void parallelismIsTheLocalCoreCount() { assertEquals(2, spark.parallelism()); }

    @Test
    void mapParticlesReturnsResultsInIndexOrderAndReportsEveryParticle() {
        AtomicInteger done = new AtomicInteger();
        ParticleTask<Integer> square = i -> i * i;
        List<Integer> r = spark.mapParticles(100, square, done::addAndGet);
        assertEquals(100, r.size());
        for (int i = 0; i < 100; i++) assertEquals(i * i, r.get(i));
        assertEquals(100, done.get());
        assertTrue(spark.mapParticles(0, square, null).isEmpty());
    }

    /** Records the merge tree as text: the grouping must be the fixed one, whatever the task timing. */
    static class Grouping implements ParticleReduction<String> {
        @Override public String identity() { return ""; }
        @Override public String add(String acc, int i) { return acc.isEmpty() ? "" + i : acc + "," + i; }
        @Override public String merge(String left, String right) { return "(" + left + "|" + right + ")"; }
    }

    @Test
    void reduceParticlesFoldsChunksInOrderAndMergesPartitionsAsAFixedPairwiseTree() {
        int n = 70; // 5 chunks; local[2] → at most 4 partitions: chunks {0}, {1}, {2}, {3,4}
        String expected = "((" + range(0, 16) + "|" + range(16, 32) + ")|(" + range(32, 48) + "|(" + range(48, 64) + "|" + range(64, 70) + ")))";
        for (int repeat = 0; repeat < 3; repeat++) assertEquals(expected, spark.reduceParticles(n, new Grouping()));
        assertEquals(range(0, 10), spark.reduceParticles(10, new Grouping()), "one chunk, one partition");
        assertEquals("", spark.reduceParticles(0, new Grouping()));
    }

    private static String range(int a, int b) {
        List<String> s = new ArrayList<>();
        for (int i = a; i < b; i++) s.add("" + i);
        return String.join(",", s);
    }

    static final class WrongBox extends Grouping {
        @Override public String add(String acc, int i) { throw new IllegalArgumentException("particle " + i + " has the wrong box"); }
    }

    @Test
    void anExecutorsFileErrorReachesTheCallerAsAnIoErrorThatNamesTheSharedFileSystem() {
        ParticleTask<Integer> unreadable = i -> {
            throw new java.io.UncheckedIOException(new java.io.FileNotFoundException("/no/such/stack.hdf"));
        };
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> spark.mapParticles(20, unreadable, null));
        assertTrue(e.getMessage().contains("/no/such/stack.hdf") && e.getMessage().contains("file system"), e.getMessage());
        // The first partition to fail wins: 0 or 16.
        String m = assertThrows(IllegalArgumentException.class, () -> spark.reduceParticles(20, new WrongBox())).getMessage();
        assertTrue(m.matches("particle (0|16) has the wrong box"), m);
    }

    @Test
    void classesMissingOnAnExecutorAreReportedAsSuchNotAsAFileProblem() {
        // As Spark reports a task whose classes the executor lacks.
        var failed = new org.apache.spark.SparkException("Job aborted due to stage failure",
                new java.io.IOException(new ClassNotFoundException("org.jspt.spark.SparkExecutor$Slice")));
        RuntimeException e = SparkExecutor.unwrap(failed);
        assertInstanceOf(org.jspt.JsptException.class, e);
        assertTrue(e.getMessage().contains("SparkExecutor$Slice") && e.getMessage().contains("jspt-spark.jar"), e.getMessage());
    }

    @Test
    void slicesCoverTheParticlesInWholeChunks() {
        List<SparkExecutor.Slice> s = SparkExecutor.Slice.split(70, 4);
        assertEquals(List.of(new SparkExecutor.Slice(0, 0, 16), new SparkExecutor.Slice(1, 16, 32), new SparkExecutor.Slice(2, 32, 48),
                new SparkExecutor.Slice(3, 48, 70)), s);
        assertEquals(List.of(new SparkExecutor.Slice(0, 0, 5)), SparkExecutor.Slice.split(5, 8));
        for (SparkExecutor.Slice x : SparkExecutor.Slice.split(1000, 7)) assertEquals(0, x.start() % ParticleExecutor.CHUNK);
    }
}
