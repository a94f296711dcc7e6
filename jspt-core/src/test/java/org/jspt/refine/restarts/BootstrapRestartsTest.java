package org.jspt.refine.restarts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bootstrap counts and the mean margin of {@link BootstrapRestarts} (refinemulti.md §16.5.1). */
class BootstrapRestartsTest {
    @Test
    void countsArePoissonOfMeanOneAndRepeatForTheSameSeed() {
        int n = 200_000;
        double[] a = BootstrapRestarts.counts(n, 42), b = BootstrapRestarts.counts(n, 42), c = BootstrapRestarts.counts(n, 43);
        assertArrayEquals(a, b, "the same seed gives the same resample");
        int differ = 0, zeros = 0, twos = 0;
        double sum = 0, sq = 0;
        for (int p = 0; p < n; p++) {
            if (a[p] != c[p]) differ++;
            if (a[p] == 0) zeros++;
            if (a[p] == 2) twos++;
            sum += a[p];
            sq += a[p] * a[p];
        }
        double mean = sum / n, var = sq / n - mean * mean;
        assertEquals(1, mean, 0.01, "mean");
        assertEquals(1, var, 0.02, "variance");
        assertEquals(Math.exp(-1), (double) zeros / n, 0.005, "left out: e^-1 of the particles");
        assertEquals(Math.exp(-1) / 2, (double) twos / n, 0.005, "counted twice: e^-1 / 2");
        assertEquals(true, differ > n / 2, "another seed, another resample");
    }

    @Test
    void theMeanMarginFollowsEachRunsMatchingAndSkipsClassesARunDidNotScore() {
        int[] consensus = {0, 1};
        // Run 1 in the consensus labels; run 2 with its labels swapped (its class 1 is consensus class 0).
        List<int[]> classes = List.of(new int[] {0, 1}, new int[] {1, 0});
        float nan = Float.NaN;
        List<float[][]> scores = List.of(
                new float[][] {{-0.5f, -0.2f, -0.1f}, {-0.3f, -0.4f, nan}},
                new float[][] {{-0.1f, -0.6f, -0.3f}, {-0.2f, -0.25f, -0.05f}});
        double[] m = BootstrapRestarts.meanMargins(consensus, classes, scores, 3);
        // particle 0: run 1 −0.2 − (−0.5) = 0.3; run 2 (consensus 0 = its class 1): −0.3 − (−0.6) = 0.3
        assertEquals(0.3, m[0], 1e-6);
        // particle 1: run 1 (class 2 not scored) −0.3 − (−0.4) = 0.1; run 2 (consensus 1 = its class 0, −0.2; best other −0.25) −0.05
        assertEquals((0.1 - 0.05) / 2, m[1], 1e-6);
    }
}
