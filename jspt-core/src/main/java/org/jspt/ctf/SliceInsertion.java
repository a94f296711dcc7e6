package org.jspt.ctf;

import java.util.Arrays;
import org.jspt.image.FourierVolume;

/**
 * Direct Fourier insertion of a tilt series' central slices into the n³ transform of a subtomogram, as a
 * gather over voxels. A voxel k = (kx, ky, kz) takes tilt i when the tilt's central plane ({@link TiltGeometry})
 * passes within half a voxel of it: with d_i = |−kx·sin θ_i + kz·cos θ_i| (voxels), its weight is
 * w_i = max(0, 1 − d_i/0.5), and the weights of a voxel are normalised to sum 1. Half a voxel is the
 * thickness of a central slice for an object as large as the box, so voxels are left empty (M = 0) where
 * neighbouring slices are more than one voxel apart: the Crowther gaps beyond |k| ≈ 1/Δθ voxels (Crowther,
 * DeRosier &amp; Klug 1970: d = D·Δθ) and, beyond the extreme tilts, the missing wedge. A tilt image is band-limited
 * to its own Nyquist square, so a tilt contributes only where its in-plane frequency k_u = kx·cos θ + kz·sin θ
 * has |k_u| ≤ n/2 (ky = k_v is exact: the tilt axis is y).
 *
 * <p>The geometry (which tilts reach which (kx, kz) column, with weight and k_u) and the exposure attenuation of
 * each tilt at each in-plane frequency depend only on the box, pixel size and tilt scheme, so they are computed
 * once here; per particle only the CTFs change. Immutable after construction and thread-safe.
 */
public final class SliceInsertion {
    /** Half-width of the slice profile, voxels. */
    public static final double HALF_WIDTH = 0.5;

    private final int n, nkx;
    private final double apix;
    private final TiltScheme scheme;
    /** Per (kx, kz) column c = kx + nkx·z: entries start[c] .. start[c+1]−1 of tilt/weight/ku. */
    private final int[] start, tilt;
    private final float[] weight, ku;
    /** Exposure attenuation of entry j at ky (storage row y): dose[j·n + y]; null when the filter is off. */
    private final float[] dose;

    /**
     * @param box n (even)
     * @param apix Å per voxel
     * @param scheme the tilt series
     * @param exposureFactor the divisor that makes the scheme's exposures 300 kV-equivalent ({@link ExposureFilter#voltageFactor}),
     *        or 0 for no exposure filter
     */
    public SliceInsertion(int box, double apix, TiltScheme scheme, double exposureFactor) {
        if (box < 4 || box % 2 != 0) throw new IllegalArgumentException("box must be even and >= 4, got " + box);
        if (!(apix > 0)) throw new IllegalArgumentException("apix must be > 0, got " + apix);
        this.n = box;
        this.nkx = box / 2 + 1;
        this.apix = apix;
        this.scheme = scheme;
        int t = scheme.size();
        double[] sin = new double[t], cos = new double[t];
        for (int i = 0; i < t; i++) {
            double a = Math.toRadians(scheme.tilts().get(i).angle());
            sin[i] = Math.sin(a);
            cos[i] = Math.cos(a);
        }
        int cols = nkx * n;
        start = new int[cols + 1];
        int[] tl = new int[cols * 4];
        float[] wl = new float[cols * 4], kl = new float[cols * 4];
        int m = 0;
        double[] w = new double[t];
        for (int z = 0; z < n; z++) {
            int kz = FourierVolume.signedIndex(z, n);
            for (int kx = 0; kx < nkx; kx++) {
                int c = kx + nkx * z;
                start[c] = m;
                double sum = 0;
                for (int i = 0; i < t; i++) {
                    double d = Math.abs(-kx * sin[i] + kz * cos[i]), u = kx * cos[i] + kz * sin[i];
                    w[i] = d < HALF_WIDTH && Math.abs(u) <= n / 2.0 + 1e-9 ? 1 - d / HALF_WIDTH : 0;
                    sum += w[i];
                }
                if (sum <= 0) continue;
                for (int i = 0; i < t; i++) {
                    if (w[i] <= 0) continue;
                    if (m == tl.length) {
                        tl = Arrays.copyOf(tl, 2 * m);
                        wl = Arrays.copyOf(wl, 2 * m);
                        kl = Arrays.copyOf(kl, 2 * m);
                    }
                    tl[m] = i;
                    wl[m] = (float) (w[i] / sum);
                    kl[m] = (float) (kx * cos[i] + kz * sin[i]);
                    m++;
                }
            }
        }
        start[cols] = m;
        tilt = Arrays.copyOf(tl, m);
        weight = Arrays.copyOf(wl, m);
        ku = Arrays.copyOf(kl, m);
        if (exposureFactor > 0) {
            dose = new float[m * n];
            double toInvA = 1.0 / (n * apix);
            for (int j = 0; j < m; j++) {
                TiltScheme.Tilt tt = scheme.tilts().get(tilt[j]);
                for (int y = 0; y < n; y++) {
                    int ky = FourierVolume.signedIndex(y, n);
                    double k = Math.sqrt((double) ku[j] * ku[j] + (double) ky * ky) * toInvA;
                    dose[j * n + y] = (float) ExposureFilter.meanAttenuation(k, tt.preExposure() / exposureFactor, tt.dose() / exposureFactor);
                }
            }
        } else {
            dose = null;
        }
    }

    public int box() { return n; }
    public double apix() { return apix; }
    public TiltScheme scheme() { return scheme; }

    /**
     * The 3-D weight of a particle whose tilt image i has CTF {@code ctfs[i]} (in the order of the scheme's tilts):
     * M(k) = Σ_i w_i(k)·CTF_i(k_u, k_v)·E_i(|k_u, k_v|), with E_i the exposure attenuation of tilt i; 0 where no
     * tilt reaches. Written into {@code out}.
     */
    public void weights(Ctf[] ctfs, FourierWeight out) {
        if (ctfs.length != scheme.size()) throw new IllegalArgumentException(ctfs.length + " CTFs for " + scheme.size() + " tilts");
        if (out.n != n) throw new IllegalArgumentException("weight volume is " + out.n + "³, box " + n);
        Arrays.fill(out.values, 0f);
        double toInvA = 1.0 / (n * apix);
        for (int z = 0; z < n; z++)
            for (int kx = 0; kx < nkx; kx++) {
                int c = kx + nkx * z;
                for (int j = start[c]; j < start[c + 1]; j++) {
                    Ctf ctf = ctfs[tilt[j]];
                    double fu = ku[j] * toInvA, wj = weight[j];
                    for (int y = 0; y < n; y++) {
                        double fv = FourierVolume.signedIndex(y, n) * toInvA;
                        double v = wj * ctf.value(fu, fv);
                        if (dose != null) v *= dose[j * n + y];
                        out.values[kx + nkx * (y + n * z)] += (float) v;
                    }
                }
            }
    }

    /**
     * Adds the tilt images' noise, inserted like the signal, to {@code f}: f(k) += Σ_i w_i(k)·N_i(round(k_u), k_v),
     * where N_i is the 2-D transform (n × n × 1, {@link FourierVolume} layout) of tilt i's real noise image, looked
     * up at the nearest in-plane frequency (so a voxel gets each tilt's own noise coefficient, and Friedel symmetry
     * of f is kept: round(−x) = −round(x)).
     */
    public void addNoise(FourierVolume[] tiltNoise, FourierVolume f) {
        if (tiltNoise.length != scheme.size()) throw new IllegalArgumentException(tiltNoise.length + " noise images for " + scheme.size() + " tilts");
        for (int z = 0; z < n; z++)
            for (int kx = 0; kx < nkx; kx++) {
                int c = kx + nkx * z;
                for (int j = start[c]; j < start[c + 1]; j++) {
                    FourierVolume nf = tiltNoise[tilt[j]];
                    int u = (int) Math.rint(ku[j]);
                    float wj = weight[j];
                    for (int y = 0; y < n; y++) {
                        int ky = FourierVolume.signedIndex(y, n);
                        int src;
                        float sign;
                        if (u >= 0) {
                            src = nf.index(u, ky, 0);
                            sign = 1;
                        } else {
                            src = nf.index(-u, Math.floorMod(-ky, n), 0); // N(−k) = conj N(k)
                            sign = -1;
                        }
                        int dst = f.index(kx, ky, kz(z));
                        f.data[dst] += wj * nf.data[src];
                        f.data[dst + 1] += sign * wj * nf.data[src + 1];
                    }
                }
            }
    }

    private int kz(int z) { return FourierVolume.signedIndex(z, n); }

    /** How many tilts reach voxel column (kx ≥ 0, kz) (for tests and diagnostics). */
    public int tiltsAt(int kx, int kz) {
        int c = kx + nkx * Math.floorMod(kz, n);
        return start[c + 1] - start[c];
    }
}
