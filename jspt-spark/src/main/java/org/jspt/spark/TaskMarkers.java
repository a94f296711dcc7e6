package org.jspt.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * TEST-ONLY hook for the fault tests (ClusterFaultsTest), off unless the driver runs with
 * {@code -Djspt.test.taskMarkers=DIR}; never set it in production. When set, every partition of a
 * {@link SparkExecutor#mapParticles} pass writes, as it starts on an executor, an empty file
 * {@code DIR/pass<N>_part<P>_attempt<A>_exec<E>_pid<PID>} (N counts the executor's map passes from 1), so a
 * test knows which executor JVM runs which partition. With {@code -Djspt.test.holdPass=N} as well, the first
 * attempt of every partition of pass N then waits (at most a minute) until {@code DIR/release} exists: the
 * test can kill that executor while its task is certainly running, whatever the machine's load.
 *
 * <p>Cost when unset: the driver reads one system property per pass and ships null; each partition checks it.
 * The directory must be one the executors see (the tests' cluster runs on this machine).
 */
record TaskMarkers(String dir, int pass, boolean hold) implements Serializable {
    static final String DIR_PROPERTY = "jspt.test.taskMarkers", HOLD_PROPERTY = "jspt.test.holdPass";
    private static final long HOLD_LIMIT_MILLIS = 60_000;

    /** The hook for map pass {@code pass} on the driver, or null (the normal case) when the property is unset. */
    static TaskMarkers forPass(int pass) {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || dir.isEmpty()) return null;
        return new TaskMarkers(dir, pass, Integer.getInteger(HOLD_PROPERTY, 0) == pass);
    }

    /** On the executor, before partition {@code partition} runs: the marker, then the hold. */
    void started(int partition) {
        TaskContext tc = TaskContext.get();
        int attempt = tc == null ? 0 : tc.attemptNumber();
        String executor = SparkEnv.get() == null ? "?" : SparkEnv.get().executorId();
        Path d = Path.of(dir);
        try {
            Files.createFile(d.resolve("pass" + pass + "_part" + partition + "_attempt" + attempt + "_exec" + executor
                    + "_pid" + ProcessHandle.current().pid()));
        } catch (FileAlreadyExistsException again) {
            // the same attempt number again (a resubmitted stage): one marker is enough
        } catch (IOException e) {
            throw new UncheckedIOException("test hook " + DIR_PROPERTY + ": cannot write a marker in " + dir, e);
        }
        if (!hold || attempt > 0) return;
        long deadline = System.currentTimeMillis() + HOLD_LIMIT_MILLIS;
        while (!Files.exists(d.resolve("release")) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
