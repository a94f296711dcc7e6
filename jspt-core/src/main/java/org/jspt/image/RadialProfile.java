package org.jspt.image;


/**
 * The radial amplitude σ-profile of a Fourier transform: EMAN2's {@code calc_radial_dist(n, 0, 1, 4)} on a
 * complex volume (docs/reference/alignment.md §5.5). For shell f = int(sqrt(kx² + |ky|² + |kz|²)) (Fourier pixels),
 * profile[f] = sqrt(mean|F|² − (mean|F|)²), the population σ of the amplitudes in that shell (0 if not
 * positive or if the shell is empty).
 *
 * <p>NB: like EMAN2 it skips the redundant half of the kx = 0 plane (storage row z &gt; nz/2, or z = nz/2 and
 * y &gt; ny/2), and counts the Nyquist rows as |k| = n/2. Shell 0 (DC only) is 0 here; EMAN2's float/double
 * mix gives a tiny positive value there, which no caller uses meaningfully.
 *
 * <p>Stateless and thread-safe; allocates the returned array only.
 */
public final class RadialProfile {
    private RadialProfile() {}

    /** The σ-profile of {@code f} for shells 0..nShells−1 (coefficients beyond are ignored). */
    public static double[] amplitudeSigma(FourierVolume f, int nShells) {
        double[] sum = new double[nShells], sum2 = new double[nShells];
        long[] count = new long[nShells];
        int nx = f.nx, ny = f.ny, nz = f.nz;
        for (int z = 0; z < nz; z++) {
            int az = Math.min(z, nz - z);
            for (int y = 0; y < ny; y++) {
                int ay = Math.min(y, ny - y);
                int row = f.rowLength * (y + ny * z);
                for (int kx = 0; kx < f.nkx; kx++) {
                    if (kx == 0 && (z > nz / 2 || (z == nz / 2 && y > ny / 2))) continue;
                    int s = (int) Math.sqrt((double) kx * kx + (double) ay * ay + (double) az * az);
                    if (s >= nShells) continue;
                    double re = f.data[row + 2 * kx], im = f.data[row + 2 * kx + 1];
                    double a2 = re * re + im * im;
                    sum[s] += Math.sqrt(a2);
                    sum2[s] += a2;
                    count[s]++;
                }
            }
        }
        double[] out = new double[nShells];
        for (int s = 0; s < nShells; s++) {
            if (count[s] == 0) continue;
            double m = sum[s] / count[s], v = sum2[s] / count[s] - m * m;
            out[s] = v > 0 ? Math.sqrt(v) : 0;
        }
        return out;
    }

    /** profile[i]² · factor for every shell: the per-shell power thresholds of {@code fsc.tomo.auto}. */
    public static double[] squaredTimes(double[] profile, double factor) {
        double[] out = new double[profile.length];
        for (int i = 0; i < out.length; i++) out[i] = profile[i] * profile[i] * factor;
        return out;
    }
}
