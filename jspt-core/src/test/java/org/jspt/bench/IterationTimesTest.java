package org.jspt.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import java.util.List;
import org.jspt.run.IterationsFile;
import org.jspt.run.RunFileNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benches' iteration times from iterations.json: bench refine counts every iteration's time (the converged one
 * aligned the whole stack too), bench scale's per-iteration figure only the whole iterations.
 */
class IterationTimesTest {
    @TempDir Path run;

    @Test
    void theConvergedIterationCountsForTheRunButNotAsAWholeIteration() throws Exception {
        double nan = Double.NaN;
        IterationsFile.write(run.resolve(RunFileNames.ITERATIONS), List.of(
                new IterationsFile.Entry(1, new int[] {3, 3}, nan, nan, new double[] {-0.1, -0.1}, new double[] {9, 9}, 16.0, false),
                new IterationsFile.Entry(2, new int[] {3, 3}, 0, 1.5, new double[] {-0.1, -0.1}, new double[] {nan, nan}, 14.0, true)));
        assertArrayEquals(new double[] {16.0, 14.0}, ScaleBenchmark.iterationTimes(run));
        assertArrayEquals(new double[] {16.0}, ScaleBenchmark.iterationTimes(run, false));
    }
}
