package org.jspt.align.tree;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;
import org.junit.jupiter.api.Test;

/**
 * {@link LocalCcf} gives, at every shift of its cube, what the CCF stage took from the inverse FFT of the half-complex
 * ss³ grid of the products (kx &gt; 0 halved, the kx = 0 plane with both halves, times ss³).
 */
class LocalCcfTest {
    @Test
    void equalsTheInverseTransformOfTheProductGridAtEveryShift() {
        Random rnd = new Random(11);
        // (ss, band radius, half-width): the N = 48 and 64 searches (limit 6), the widest cube (a limit of ss/2 − 1, so
        // ±L reaches both ends of the grid), and a 16-grid with a small band.
        int[][] cases = {{24, 8, 7}, {24, 8, 12}, {16, 5, 4}, {24, 5, 3}};
        for (int[] c : cases) {
            int ss = c[0], radius = c[1], half = c[2];
            CoefficientList band = CoefficientList.of(2, radius);
            int n = 0;
            float[] kx = new float[band.size], ky = new float[band.size], kz = new float[band.size], pr = new float[band.size], pi = new float[band.size];
            FourierVolume grid = new FourierVolume(ss, ss, ss);
            for (int j = 0; j < band.size; j++) {
                // A wedge-like gap, and some products zero (below the reference threshold).
                if (Math.abs(band.kz[j]) > 2 * Math.abs(band.kx[j]) + 3) continue;
                kx[n] = band.kx[j];
                ky[n] = band.ky[j];
                kz[n] = band.kz[j];
                if (rnd.nextDouble() > 0.1) {
                    pr[n] = (float) rnd.nextGaussian();
                    pi[n] = (float) rnd.nextGaussian();
                }
                n++;
            }
            // The kx = 0 plane of a real correlation is Hermitian: P(0, −ky, −kz) = conj P(0, ky, kz).
            for (int j = 0; j < n; j++) {
                if (kx[j] != 0) continue;
                for (int q = 0; q < n; q++) {
                    if (kx[q] == 0 && ky[q] == -ky[j] && kz[q] == -kz[j] && q > j) {
                        pr[q] = pr[j];
                        pi[q] = -pi[j];
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                int i = grid.index((int) kx[j], (int) ky[j], (int) kz[j]);
                float f = kx[j] == 0 ? 1f : 0.5f;
                grid.data[i] = f * pr[j];
                grid.data[i + 1] = f * pi[j];
            }
            Volume ccf = Fft.inverse(grid);
            double n3 = (double) ss * ss * ss, peak = 0;
            for (float v : ccf.data) peak = Math.max(peak, Math.abs(v) * n3);
            LocalCcf local = new LocalCcf(ss, radius, half);
            float[][] s = local.evaluate(kx, ky, kz, pr, pi, n);
            for (int z = -half; z <= half; z++) {
                for (int y = -half; y <= half; y++) {
                    for (int x = -half; x <= half; x++) {
                        double expected = ccf.get(Math.floorMod(x, ss), Math.floorMod(y, ss), Math.floorMod(z, ss)) * n3;
                        assertEquals(expected, local.at(s, x, y, z), 1e-5 * peak, "ss " + ss + ", radius " + radius + ", shift (" + x + ", " + y + ", " + z + ")");
                    }
                }
            }
            // The workspace is reused: a second call with other products gives their values, nothing left over.
            float[] none = new float[n];
            float[][] zero = local.evaluate(kx, ky, kz, none, none, n);
            for (float[] row : zero) for (float v : row) assertEquals(0f, v);
        }
    }
}
