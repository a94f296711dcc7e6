package org.jspt.sim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.jspt.ctf.Ctf;
import org.jspt.ctf.TiltOrder;
import org.jspt.ctf.TiltScheme;
import org.jspt.ctf.FourierWeight;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;
import org.junit.jupiter.api.Test;

/** The physics of the tilt-series mode on 32³ boxes: wedge, Crowther gaps, CTF zeros, noise per tilt, neighbours. */
class TiltSeriesSimulatorTest {
    private static final int N = 32;

    private static TiltSeriesSimulator sim(String scheme, double defocusUm, double height, double snr, boolean filter, int neighbours, long seed) {
        SimulationParams p = new SimulationParams(N, 3, 8, snr, 90, 2, seed, 2);
        TiltSeriesParams tp = new TiltSeriesParams(List.of(TiltScheme.parse(scheme, TiltOrder.DOSE_SYMMETRIC, 3)), defocusUm * 1e4, defocusUm * 1e4,
                height, height, 0, 0, 300, 2.7, 0.07, 0, 0, filter, neighbours);
        return new TiltSeriesSimulator(List.of(ClassSource.phantom("tripod", N, 3), ClassSource.phantom("ring", N, 3)), p, tp);
    }

    /** Direction of (kx, kz) folded into (−90°, 90°] (M is centrosymmetric). */
    private static double direction(int kx, int kz) {
        double a = Math.toDegrees(Math.atan2(kz, kx));
        if (a > 90) a -= 180;
        if (a <= -90) a += 180;
        return a;
    }

    @Test
    void weightIsEmptyInTheMissingWedgeOfTheActualAsymmetricRange() {
        // -54:62:3 measures -54..+60 (62 is not reached). No Crowther gaps inside Nyquist: 1/Δθ = 19 voxels > 16.
        FourierWeight m = sim("-54:62:3", 3, 0, Double.POSITIVE_INFINITY, true, 0, 5).weight(0);
        int inside = 0, outside = 0;
        for (int kz = -15; kz <= 15; kz++)
            for (int kx = -15; kx <= 15; kx++) {
                double r = Math.hypot(kx, kz);
                if (r < 2 || r > 15) continue;
                double a = direction(kx, kz), margin = Math.toDegrees(Math.asin(0.5 / r));
                for (int ky = -15; ky <= 15; ky++) {
                    float v = m.at(kx, ky, kz);
                    if (a > 60 + margin || a < -54 - margin) {
                        assertEquals(0f, v, "(" + kx + ", " + ky + ", " + kz + ") at " + a + "° lies in the wedge");
                        outside++;
                    } else if (a <= 60 && a >= -54) {
                        assertNotEquals(0f, v, "(" + kx + ", " + ky + ", " + kz + ") at " + a + "° is measured");
                        inside++;
                    }
                }
            }
        assertTrue(inside > 10000 && outside > 3000, inside + " measured, " + outside + " in the wedge");
        // The asymmetry has the documented sign: +59° is measured, −59° is not.
        assertNotEquals(0f, m.at(6, 0, 10));   // atan(10/6) = 59.0°
        assertEquals(0f, m.at(6, 0, -10));
    }

    @Test
    void coarseTiltStepsLeaveCrowtherGapsAtHighFrequencyOnly() {
        // 10° steps: slices are more than one voxel apart beyond |k| = 1/Δθ = 5.7 voxels.
        FourierWeight m = sim("-60:60:10", 3, 0, Double.POSITIVE_INFINITY, false, 0, 5).weight(0);
        int gaps = 0, lowEmpty = 0;
        for (int kz = -15; kz <= 15; kz++)
            for (int kx = 0; kx <= 15; kx++) {
                double r = Math.hypot(kx, kz), a = direction(kx, kz);
                if (r == 0 || Math.abs(a) > 60) continue;
                double off = Math.abs(a - 10 * Math.rint(a / 10)); // angular distance to the nearest tilt
                float v = m.at(kx, 3, kz);
                if (r < 5.5 && v == 0) lowEmpty++;
                if (r >= 8 && r <= 15 && r * Math.sin(Math.toRadians(off)) >= 0.5) {
                    assertEquals(0f, v, "gap at (" + kx + ", " + kz + "), " + off + "° from a tilt");
                    gaps++;
                }
                if (r <= 15 && off < 1e-9) assertNotEquals(0f, v, "on the slice of a tilt");
            }
        assertEquals(0, lowEmpty, "no gaps below the Crowther radius");
        assertTrue(gaps > 50, "gaps found: " + gaps);
    }

    /** Voxel positions (fractional, along kx) where CTF(k/(N·apix)) changes sign, for defocus d. */
    private static List<Double> zeros(double defocus) {
        Ctf c = new Ctf(300, 2.7, 0.07, defocus, defocus, 0, 0);
        List<Double> z = new ArrayList<>();
        double prev = c.value(0, 0);
        for (int i = 1; i <= 15000; i++) {
            double k = i / 1000.0, v = c.value(k / (N * 3.0), 0);
            if (Math.signum(v) != Math.signum(prev)) z.add(k);
            prev = v;
        }
        return z;
    }

    @Test
    void weightChangesSignAtTheCtfZerosOfTheParticlesDefocusAtItsHeight() {
        // Defocus 2 µm at the tilt axis, particle 1 µm above it: the near-0° tilts that fill the kx axis see 3 µm.
        FourierWeight m = sim("-60:60:3", 2, 10000, Double.POSITIVE_INFINITY, true, 0, 5).weight(0);
        List<Double> expected = zeros(30000), ignoringHeight = zeros(20000);
        List<Integer> found = new ArrayList<>();
        // Up to voxel 11, where the zeros are still more than a voxel apart.
        for (int kx = 1; kx < 11; kx++) if (Math.signum(m.at(kx, 0, 0)) != Math.signum(m.at(kx + 1, 0, 0))) found.add(kx);
        List<Integer> predicted = expected.stream().filter(z -> z < 11).map(z -> (int) Math.floor(z)).toList();
        assertEquals(predicted, found, "sign changes between voxels k and k+1, CTF zeros at " + expected);
        assertNotEquals(predicted, ignoringHeight.stream().filter(z -> z < 11).map(z -> (int) Math.floor(z)).toList(), "the test tells 3 µm from 2 µm");
        assertTrue(m.at(1, 0, 0) > 0, "the first lobe is positive (RELION's sign)");
        assertEquals(m.at(3, 0, 0), m.at(-3, 0, 0), "centrosymmetric");
    }

    @Test
    void noiseVarianceOfASingleTiltsVoxelsMatchesTheSnrPerTiltImage() {
        double snr = 0.5;
        TiltSeriesSimulator noisy = sim("-60:60:3", 3, 0, snr, true, 0, 11), clean = sim("-60:60:3", 3, 0, Double.POSITIVE_INFINITY, true, 0, 11);
        // S = mean over classes of the variance of the projection along z of the truth map, computed here independently.
        double s = 0;
        for (int c = 0; c < 2; c++) {
            Volume t = clean.base().truthMap(c);
            double[] img = new double[N * N];
            for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) img[x + N * y] += t.get(x, y, z);
            double mean = java.util.Arrays.stream(img).average().orElseThrow(), var = 0;
            for (double v : img) var += (v - mean) * (v - mean);
            s += var / img.length;
        }
        double sigma2 = s / 2 / snr;
        assertEquals(Math.sqrt(sigma2), noisy.noiseSigma(), 1e-6 * Math.sqrt(sigma2));
        // Voxels on the kx axis band with kx ≥ 10 are reached by the 0° tilt alone (3° slices are > 0.5 voxel away),
        // so the difference noisy − clean there is that tilt image's noise coefficient: E|N|² = N²·σ² (unnormalised DFT).
        double sum = 0;
        int count = 0;
        for (int p = 0; p < noisy.count(); p++) {
            FourierVolume a = Fft.forward(noisy.particle(p).data()), b = Fft.forward(clean.particle(p).data());
            for (int kx = 10; kx <= 15; kx++)
                for (int ky = -15; ky <= 15; ky++) {
                    double dr = a.re(kx, ky, 0) - b.re(kx, ky, 0), di = a.im(kx, ky, 0) - b.im(kx, ky, 0);
                    sum += dr * dr + di * di;
                    count++;
                }
        }
        assertEquals(N * N * sigma2, sum / count, 0.15 * N * N * sigma2, "per-coefficient noise power of one tilt image");
    }

    @Test
    void neighboursAddDensityNearTheBoxEdgeOnly() {
        TiltSeriesSimulator alone = sim("-60:60:3", 3, 0, Double.POSITIVE_INFINITY, false, 0, 13), crowded = sim("-60:60:3", 3, 0, Double.POSITIVE_INFINITY, false, 2, 13);
        double inner = 0, outer = 0;
        for (int p = 0; p < alone.count(); p++) {
            Volume a = alone.particle(p).data(), b = crowded.particle(p).data();
            for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) {
                double d = b.get(x, y, z) - a.get(x, y, z), r = Math.sqrt((x - N / 2.0) * (x - N / 2.0) + (y - N / 2.0) * (y - N / 2.0) + (z - N / 2.0) * (z - N / 2.0));
                if (r < 0.2 * N) inner += d * d; else if (r > 0.35 * N) outer += d * d;
            }
        }
        assertTrue(outer > 0, "neighbours add density");
        assertTrue(inner < 0.1 * outer, "mostly near the edge: inner " + inner + ", outer " + outer);
    }
}
