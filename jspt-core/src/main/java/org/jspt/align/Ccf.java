package org.jspt.align;

import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;

/**
 * EMAN2's cross-correlation function and peak search (docs/reference/alignment.md §4).
 *
 * <p>{@code calc_ccf}: ccf = IFFT(FFT(a)·conj FFT(b)), i.e. ccf(s) = Σ_x a(x + s)·b(x), circular, not centred
 * (shift s is stored at voxel (s mod n)); if a = b shifted by +d the peak is at s = d.
 * {@code calc_max_location_wrap}: scan of the shifts |i| ≤ mx, |j| ≤ my, |k| ≤ mz in EMAN2's loop order
 * (k outer, j, i inner) keeping the <em>first</em> strict maximum.
 *
 * <p>Units: voxels. Threading: stateless; the output-argument forms allocate nothing once the calling thread's
 * FFT plans exist. Inputs are never modified.
 */
public final class Ccf {
    private Ccf() {}

    /**
     * ccf = IFFT(fa · conj fb) into {@code out}.
     * @param work scratch of the same shape, overwritten (may be neither fa nor fb)
     * @param out  real output of the same shape, overwritten
     */
    public static void compute(FourierVolume fa, FourierVolume fb, FourierVolume work, Volume out) {
        if (!fa.sameShape(fb) || !fa.sameShape(work)) throw new IllegalArgumentException("CCF inputs differ in shape");
        if (work == fa || work == fb) throw new IllegalArgumentException("CCF scratch must differ from the inputs");
        float[] a = fa.data, b = fb.data, w = work.data;
        for (int i = 0; i < a.length; i += 2) {
            float ar = a[i], ai = a[i + 1], br = b[i], bi = b[i + 1];
            w[i] = ar * br + ai * bi;
            w[i + 1] = ai * br - ar * bi;
        }
        Fft.inverse(work, out);
    }

    /** EMAN2 {@code a.calc_ccf(b)}; allocates its result. */
    public static Volume compute(Volume a, Volume b) {
        if (!a.sameShape(b)) throw new IllegalArgumentException("CCF of " + a.shape() + " and " + b.shape());
        FourierVolume fa = Fft.forward(a), fb = Fft.forward(b);
        Volume out = new Volume(a.nx, a.ny, a.nz);
        compute(fa, fb, new FourierVolume(a.nx, a.ny, a.nz), out);
        return out;
    }

    /**
     * EMAN2 {@code a.calc_ccf()} with no argument: the self-<em>convolution</em> IFFT(FFT(a)²), conv(s) =
     * Σ_x a(x)·a(s − x). Used by {@code translational} without a reference. Allocates its result.
     */
    public static Volume selfConvolution(Volume a) {
        FourierVolume f = Fft.forward(a);
        float[] d = f.data;
        for (int i = 0; i < d.length; i += 2) {
            float re = d[i], im = d[i + 1];
            d[i] = re * re - im * im;
            d[i + 1] = 2 * re * im;
        }
        return Fft.inverse(f);
    }

    /**
     * In place (c − mean)/σ over every voxel, σ with n − 1 (EMAN2's {@code normalize} processor, as the
     * {@code ccc.tomo} comparator and the aligners' {@code ccc.tomo} special case use it). A constant volume
     * is only mean-subtracted.
     */
    public static void normalize(Volume ccf) {
        float[] d = ccf.data;
        double s = 0;
        for (float v : d) s += v;
        double mean = s / d.length, q = 0;
        for (float v : d) q += (v - mean) * (v - mean);
        double sigma = d.length > 1 ? Math.sqrt(q / (d.length - 1)) : 0;
        double inv = sigma > 0 ? 1 / sigma : 1;
        for (int i = 0; i < d.length; i++) d[i] = (float) ((d[i] - mean) * inv);
    }

    /**
     * EMAN2 {@code calc_max_location_wrap(mx, my, mz)}: the integer shift with the largest ccf value within
     * ±mx, ±my, ±mz. An argument of −1 means (size/4) on that axis (integer division); a window wider than
     * size/2 is clamped to size/2 so each voxel is visited once.
     * NB: loop order k (z) outer, j, i inner, and a strict {@code >}: the first maximum wins, so x = −2 beats
     * +2, (y = 1, z = 0) beats (y = 0, z = 1) and an all-equal window gives (−mx, −my, −mz).
     * @param peak receives the shift {x, y, z} (length ≥ 3)
     * @return the ccf value at the peak
     */
    public static float maxLocationWrap(Volume ccf, int mx, int my, int mz, int[] peak) {
        int nx = ccf.nx, ny = ccf.ny, nz = ccf.nz;
        mx = window(mx, nx);
        my = window(my, ny);
        mz = window(mz, nz);
        float best = Float.NEGATIVE_INFINITY;
        int bi = -mx, bj = -my, bk = -mz;
        boolean found = false;
        float[] d = ccf.data;
        for (int k = -mz; k <= mz; k++) {
            int z = Math.floorMod(k, nz);
            for (int j = -my; j <= my; j++) {
                int row = nx * (Math.floorMod(j, ny) + ny * z);
                for (int i = -mx; i <= mx; i++) {
                    float v = d[row + Math.floorMod(i, nx)];
                    if (!found || v > best) {
                        best = v;
                        bi = i; bj = j; bk = k;
                        found = true;
                    }
                }
            }
        }
        peak[0] = bi; peak[1] = bj; peak[2] = bk;
        return best;
    }

    /** Convenience: the peak shift {x, y, z}. */
    public static int[] maxLocationWrap(Volume ccf, int mx, int my, int mz) {
        int[] p = new int[3];
        maxLocationWrap(ccf, mx, my, mz, p);
        return p;
    }

    /** ccf value at integer shift (x, y, z) (wrapped). */
    public static float at(Volume ccf, int x, int y, int z) {
        return ccf.get(Math.floorMod(x, ccf.nx), Math.floorMod(y, ccf.ny), Math.floorMod(z, ccf.nz));
    }

    private static int window(int m, int n) {
        if (m == -1) m = n / 4;
        if (m < 0) throw new IllegalArgumentException("peak search half-width must be ≥ 0 or −1, got " + m);
        return Math.min(m, n / 2);
    }
}
