package org.jspt.image;

/**
 * The missing wedge of a single-axis tilt series: tilt axis y, beam along z, tilts within ±tiltMax.
 * Fourier data are present where |kz| ≤ |kx|·tan(tiltMax) (frequencies in cycles/px; DESIGN.md), so the
 * kx = 0 column keeps only kz = 0. A tilt of 90° or more means no wedge.
 */
public final class MissingWedge {
    private MissingWedge() {}

    /** True if the coefficient (kx, kz) (signed indices of a nx × · × nz transform) is measured. */
    public static boolean present(int kx, int kz, int nx, int nz, double tiltMaxDeg) {
        if (tiltMaxDeg >= 90) return true;
        double fx = Math.abs((double) kx / nx), fz = Math.abs((double) kz / nz);
        return fz <= fx * Math.tan(Math.toRadians(tiltMaxDeg)) + 1e-12;
    }

    /** Zeroes the coefficients of {@code f} that lie in the missing wedge. */
    public static void apply(FourierVolume f, double tiltMaxDeg) {
        if (tiltMaxDeg >= 90) return;
        for (int z = 0; z < f.nz; z++) {
            int kz = FourierVolume.signedIndex(z, f.nz);
            for (int y = 0; y < f.ny; y++) {
                int row = f.rowLength * (y + f.ny * z);
                for (int kx = 0; kx < f.nkx; kx++) {
                    if (!present(kx, kz, f.nx, f.nz, tiltMaxDeg)) {
                        f.data[row + 2 * kx] = 0;
                        f.data[row + 2 * kx + 1] = 0;
                    }
                }
            }
        }
    }
}
