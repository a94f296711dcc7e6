package org.jspt.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --parallel spark:spark://127.0.0.1:PORT} on a real standalone cluster (a Master and a Worker with
 * 2 cores as child JVMs whose class path holds Spark and the libraries but no jspt class): the executors
 * receive the jspt classes as shipped jars and read the stack from the shared (here: local) file system;
 * the outputs equal the thread executor's.
 */
class StandaloneClusterTest {
    @Test
    void refineMultiOnAStandaloneClusterMatchesTheThreadExecutor(@TempDir Path tmp) throws Exception {
        TinyRun data = new TinyRun(Files.createDirectories(tmp.resolve("data")));
        Path threads = data.refine("threads", "thread:2");
        List<ProcessHandle> left;
        Map<String, String> saved = setDriverProperties(Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1",
                "spark.ui.enabled", "false", "spark.executor.memory", "512m", "spark.jspt.executorWaitSeconds", "60"));
        StandaloneCluster cluster = new StandaloneCluster(Files.createDirectories(tmp.resolve("cluster")), 2, "1g");
        try {
            Path spark;
            try {
                spark = data.refine("spark", "spark:" + cluster.masterUrl());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + cluster.logs(), e);
            }
            TinyRun.assertSameOutputs(threads, spark);
            // The worker's class path has Spark and the libraries only: the jspt classes came as shipped jars.
            try (Stream<Path> files = Files.walk(cluster.workDir)) {
                List<String> shipped = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".jar")).toList();
                assertTrue(shipped.size() >= 2, "jars in the executors' folders: " + shipped);
            }
        } finally {
            cluster.close();
            left = cluster.alive();
            setDriverProperties(saved);
        }
        assertEquals(List.of(), left, "cluster processes still running");
    }

    /** Sets system properties (null value = clear); returns the previous values. */
    private static Map<String, String> setDriverProperties(Map<String, String> props) {
        Map<String, String> old = new HashMap<>();
        props.forEach((k, v) -> {
            old.put(k, System.getProperty(k));
            if (v == null) System.clearProperty(k); else System.setProperty(k, v);
        });
        return old;
    }
}
