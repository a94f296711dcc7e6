package org.jspt.align.tree;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SmallFft} is the discrete Fourier transform, X(k) = Σ x(t)·e^(−2πi·tk/n), for every length it accepts. */
class SmallFftTest {
    @Test
    void matchesTheDirectSumForEveryRadixMix() {
        Random rnd = new Random(5);
        for (int n : new int[] {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 36, 48, 64, 96}) {
            SmallFft fft = new SmallFft(n);
            int at = 3;
            float[] re = new float[n + 2 * at], im = new float[n + 2 * at];
            for (int i = 0; i < re.length; i++) {
                re[i] = (float) rnd.nextGaussian();
                im[i] = (float) rnd.nextGaussian();
            }
            float[] r0 = re.clone(), i0 = im.clone();
            fft.forward(re, im, at);
            double scale = 0;
            for (int t = 0; t < n; t++) scale = Math.max(scale, Math.hypot(r0[at + t], i0[at + t]));
            for (int k = 0; k < n; k++) {
                double sr = 0, si = 0;
                for (int t = 0; t < n; t++) {
                    double a = -2 * Math.PI * t * k / n, c = Math.cos(a), s = Math.sin(a);
                    sr += r0[at + t] * c - i0[at + t] * s;
                    si += r0[at + t] * s + i0[at + t] * c;
                }
                assertEquals(sr, re[at + k], 1e-5 * n * scale, "n = " + n + ", Re X(" + k + ")");
                assertEquals(si, im[at + k], 1e-5 * n * scale, "n = " + n + ", Im X(" + k + ")");
            }
            // Outside [at, at + n) nothing moves.
            for (int i = 0; i < at; i++) {
                assertEquals(r0[i], re[i]);
                assertEquals(r0[at + n + i], re[at + n + i]);
            }
        }
    }

    @Test
    void refusesOtherLengths() {
        assertThrows(IllegalArgumentException.class, () -> new SmallFft(10));
        assertThrows(IllegalArgumentException.class, () -> new SmallFft(0));
    }
}
