package org.jspt.ctf;

import java.util.SplittableRandom;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;

/**
 * Test weights made here, independent of any simulator: a tilt-range wedge times a CTF-like radial sign
 * pattern, and particles d = IFFT(M·FFT(s)) + noise (noise only where M ≠ 0, as a reconstruction from tilts
 * leaves the missing wedge empty).
 */
public final class SyntheticWeights {
    private SyntheticWeights() {}

    /**
     * −(√(1−A²)·sin χ + A·cos χ), A = 0.07, χ = π·(r/firstZero)²: a phase-contrast CTF whose first zero is near
     * {@code firstZero} Fourier pixels (a defocus stand-in), with the wedge of tilts minDeg..maxDeg.
     */
    public static FourierWeight ctf(int n, double firstZero, double minDeg, double maxDeg, WeightConvention c) {
        FourierWeight w = new FourierWeight(n, c);
        double amp = 0.07, ph = Math.sqrt(1 - amp * amp);
        for (int z = 0; z < n; z++) {
            int kz = FourierVolume.signedIndex(z, n);
            for (int y = 0; y < n; y++) {
                int ky = FourierVolume.signedIndex(y, n);
                for (int kx = 0; kx < w.nkx; kx++) {
                    if (!TiltRangeWedge.measured(kx, kz, minDeg, maxDeg)) continue;
                    double r = Math.sqrt(kx * kx + ky * ky + kz * kz), chi = Math.PI * (r / firstZero) * (r / firstZero);
                    double v = -(ph * Math.sin(chi) + amp * Math.cos(chi));
                    w.values[w.index(kx, ky, kz)] = (float) (c == WeightConvention.PREMULTIPLIED ? v * v : v);
                }
            }
        }
        return w;
    }

    /** IFFT(M·FFT(signal)) + white noise of σ {@code sigma} restricted to M ≠ 0 (seeded). */
    public static Volume measure(Volume signal, FourierWeight m, double sigma, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Volume noise = signal.blankLike();
        for (int i = 0; i < noise.data.length; i++) noise.data[i] = (float) (sigma * rng.nextGaussian());
        FourierVolume f = Fft.forward(signal), g = Fft.forward(noise);
        float[] d = f.data, e = g.data;
        for (int j = 0; j < m.values.length; j++) {
            double mj = m.values[j];
            // Premultiplied data carry M = ΣCTF² on the signal and noise of variance ∝ M.
            double nf = m.convention == WeightConvention.PREMULTIPLIED ? Math.sqrt(Math.abs(mj)) : (mj != 0 ? 1 : 0);
            d[2 * j] = (float) (mj * d[2 * j] + nf * e[2 * j]);
            d[2 * j + 1] = (float) (mj * d[2 * j + 1] + nf * e[2 * j + 1]);
        }
        Volume out = Fft.inverse(f);
        out.setApix(signal.apix());
        return out;
    }

    /** Pearson correlation of two volumes, optionally only where {@code mask} &gt; 0.5. */
    public static double correlation(Volume a, Volume b, Volume mask) {
        double sa = 0, sb = 0, c = 0;
        for (int i = 0; i < a.data.length; i++) {
            if (mask != null && mask.data[i] <= 0.5) continue;
            sa += a.data[i];
            sb += b.data[i];
            c++;
        }
        double ma = sa / c, mb = sb / c, ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.data.length; i++) {
            if (mask != null && mask.data[i] <= 0.5) continue;
            double x = a.data[i] - ma, y = b.data[i] - mb;
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** A sphere of radius r (voxels) about the box centre: 1 inside, 0 outside. */
    public static Volume sphere(int n, double r) {
        Volume m = Volume.cube(n);
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++) {
                    double dx = x - n / 2, dy = y - n / 2, dz = z - n / 2;
                    if (dx * dx + dy * dy + dz * dz <= r * r) m.set(x, y, z, 1f);
                }
        return m;
    }
}
