package org.jspt.align.tree;

import org.jspt.image.FourierVolume;

/**
 * EMAN2's radial amplitude σ-profile ({@code calc_radial_dist(n, 0, 1, mode 4)} on a complex volume,
 * {@code alignment.md} §5.5): for shell f = int(sqrt(kx² + |ky|² + |kz|²)), the population standard
 * deviation of |F| over the shell's coefficients, skipping the redundant half of the kx = 0 plane.
 * Stateless; allocates only the returned array.
 */
public final class RadialProfile {
    private RadialProfile() {}

    /** σ of |F| per shell 0..shells−1 (0 where not positive or empty). */
    public static double[] sigma(FourierVolume f, int shells) {
        double[] s1 = new double[shells], s2 = new double[shells];
        long[] c = new long[shells];
        int n = f.nx;
        for (int z = 0; z < f.nz; z++) {
            int kz = Math.abs(FourierVolume.signedIndex(z, f.nz));
            for (int y = 0; y < f.ny; y++) {
                int ky = Math.abs(FourierVolume.signedIndex(y, f.ny));
                int row = f.rowLength * (y + f.ny * z);
                for (int kx = 0; kx < f.nkx; kx++) {
                    // The kx = 0 plane holds each Friedel pair twice; EMAN2 skips the storage half z > N/2
                    // (and z = N/2 with y > N/2).
                    if (kx == 0 && (z > n / 2 || (z == n / 2 && y > n / 2))) continue;
                    int r = (int) Math.sqrt((double) kx * kx + (double) ky * ky + (double) kz * kz);
                    if (r >= shells) continue;
                    double re = f.data[row + 2 * kx], im = f.data[row + 2 * kx + 1];
                    double a2 = re * re + im * im;
                    s1[r] += Math.sqrt(a2);
                    s2[r] += a2;
                    c[r]++;
                }
            }
        }
        double[] out = new double[shells];
        for (int r = 0; r < shells; r++) {
            if (c[r] == 0) continue;
            double m = s1[r] / c[r], v = s2[r] / c[r] - m * m;
            out[r] = v > 0 ? Math.sqrt(v) : 0;
        }
        return out;
    }
}
