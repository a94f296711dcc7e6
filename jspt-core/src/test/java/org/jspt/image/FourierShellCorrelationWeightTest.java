package org.jspt.image;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * FourierShellCorrelation.weighted: each shell times max(0, FSC), nothing kept beyond the curve (the corners past
 * Nyquist); the --goldstandard references' filter (refinemulti.md §7.9).
 */
class FourierShellCorrelationWeightTest {
    private static final int N = 16;

    private static Volume noise(long seed) {
        Volume v = Volume.cube(N);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < v.data.length; i++) v.data[i] = (float) r.nextGaussian();
        return v;
    }

    /** Checks every coefficient of weighted(v, fsc) against gain(shell) × v's. */
    private static void assertGains(Volume v, double[] fsc, java.util.function.IntToDoubleFunction gain) {
        FourierVolume a = Fft.forward(v), b = Fft.forward(FourierShellCorrelation.weighted(v, fsc));
        for (int z = 0; z < N; z++) {
            for (int y = 0; y < N; y++) {
                for (int x = 0; x < a.nkx; x++) {
                    int ky = FourierVolume.signedIndex(y, N), kz = FourierVolume.signedIndex(z, N);
                    int s = (int) Math.round(Math.sqrt(x * x + ky * ky + kz * kz));
                    int i = a.rowLength * (y + N * z) + 2 * x;
                    double g = gain.applyAsDouble(s);
                    assertEquals(g * a.data[i], b.data[i], 1e-3, "re at (" + x + "," + ky + "," + kz + "), shell " + s);
                    assertEquals(g * a.data[i + 1], b.data[i + 1], 1e-3, "im at (" + x + "," + ky + "," + kz + "), shell " + s);
                }
            }
        }
    }

    @Test
    void eachShellIsScaledByItsFscAndNegativeOrMissingShellsAreRemoved() {
        Volume v = noise(3);
        double[] fsc = new double[N / 2 + 1];
        for (int s = 0; s < fsc.length; s++) fsc[s] = s < 4 ? 1 - 0.1 * s : s % 2 == 0 ? 0 : -0.3;
        assertGains(v, fsc, s -> s < 4 ? 1 - 0.1 * s : 0);
    }

    @Test
    void fscOneKeepsTheNyquistSphereOnly() {
        double[] one = new double[N / 2 + 1];
        java.util.Arrays.fill(one, 1);
        Volume v = noise(4);
        assertGains(v, one, s -> s <= N / 2 ? 1 : 0);
        assertNotSame(v.data, FourierShellCorrelation.weighted(v, one).data, "a new volume");
    }
}
