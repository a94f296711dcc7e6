package org.jspt.sim;

import static org.junit.jupiter.api.Assertions.*;

import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;
import org.junit.jupiter.api.Test;

class DensityRendererTest {
    /** The defining sum F(k) = Σ w exp(−2πi k·u/N) G(k) inside the Nyquist sphere, evaluated directly. */
    private static Volume direct(int n, double apix, double res, double[][] atoms) {
        FourierVolume f = new FourierVolume(n, n, n);
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int kx = 0; kx < f.nkx; kx++) {
                    int ky = FourierVolume.signedIndex(y, n), kz = FourierVolume.signedIndex(z, n);
                    double k2 = kx * kx + ky * ky + kz * kz;
                    if (k2 >= n * n / 4.0) continue;
                    double s = Math.sqrt(k2) / (n * apix), g = Math.exp(-0.5 * s * s * res * res);
                    double re = 0, im = 0;
                    for (double[] a : atoms) {
                        double ph = -2 * Math.PI * (kx * (a[0] + n / 2) + ky * (a[1] + n / 2) + kz * (a[2] + n / 2)) / n;
                        re += a[3] * Math.cos(ph);
                        im += a[3] * Math.sin(ph);
                    }
                    f.set(kx, ky, kz, (float) (re * g), (float) (im * g));
                }
        return Fft.inverse(f);
    }

    @Test
    void rendersTheBandLimitedSumWithoutInterpolationError() {
        int n = 16;
        double[][] atoms = {{0.3, -1.7, 2.25, 6}, {-3.1, 2.4, 0.5, 8}, {4.9, 0.2, -2.6, 16}};
        double[] x = new double[3], y = new double[3], z = new double[3], w = new double[3];
        for (int i = 0; i < 3; i++) { x[i] = atoms[i][0]; y[i] = atoms[i][1]; z[i] = atoms[i][2]; w[i] = atoms[i][3]; }
        for (double res : new double[] {0, 8}) {
            Volume got = Volume.cube(n);
            new DensityRenderer(n, 2.0, res).render(x, y, z, w, got);
            Volume want = direct(n, 2.0, res, atoms);
            double max = 0;
            for (float v : want.data) max = Math.max(max, Math.abs(v));
            for (int i = 0; i < got.data.length; i++) {
                assertEquals(want.data[i], got.data[i], 1e-4 * max, "voxel " + i + " at res " + res);
            }
        }
    }

    @Test
    void integerShiftOfTheAtomsIsAnExactShiftOfTheMap() {
        int n = 16;
        double[] x = {0.4, -2.2}, y = {1.3, 0.1}, z = {-0.6, 2.7}, w = {7, 8};
        DensityRenderer r = new DensityRenderer(n, 3.0, 9);
        Volume a = Volume.cube(n), b = Volume.cube(n);
        r.render(x, y, z, w, a);
        r.render(new double[] {x[0] + 2, x[1] + 2}, y, z, w, b);
        for (int k = 0; k < n; k++)
            for (int j = 0; j < n; j++)
                for (int i = 0; i < n; i++) assertEquals(a.get(i, j, k), b.get((i + 2) % n, j, k), 1e-5);
    }

    @Test
    void theLowPassHasAmplitudeEToTheMinusHalfAtOneOverRes() {
        int n = 32;
        double apix = 2, res = 8;
        Volume v = Volume.cube(n);
        new DensityRenderer(n, apix, res).render(new double[] {0}, new double[] {0}, new double[] {0}, new double[] {1}, v);
        FourierVolume f = Fft.forward(v);
        int k = (int) Math.round(n * apix / res); // s = k/(n·apix) = 1/res
        double amp = Math.hypot(f.re(k, 0, 0), f.im(k, 0, 0)) / Math.hypot(f.re(0, 0, 0), f.im(0, 0, 0));
        assertEquals(Math.exp(-0.5 * Math.pow(k / (n * apix) * res, 2)), amp, 1e-4);
        assertEquals(8, k);
        assertEquals(Math.exp(-0.5), amp, 1e-4); // k·res/(n·apix) = 1 exactly here
    }
}
