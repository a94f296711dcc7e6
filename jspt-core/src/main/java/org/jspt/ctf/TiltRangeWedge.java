package org.jspt.ctf;

import org.jspt.image.FourierVolume;

/**
 * The binary weight of a single-axis tilt series over an asymmetric range [minTilt, maxTilt] (degrees): tilt
 * axis y, beam along z. Tilting the specimen by θ (right-handed about +y) and imaging along z records the
 * central slice kz = kx·tan θ, so a coefficient is measured iff the angle atan(kz/kx) of its (kx, kz) lies in
 * the range (the kx = 0 column only at kz = 0 unless the range reaches ±90°). For a symmetric range this is
 * {@link org.jspt.image.MissingWedge}'s wedge. Dynamo's {@code ftype 1} with ymintilt/ymaxtilt is this weight
 * (Dynamo wiki "Fourier sampling": tilt about y, missing wedge between the limits and ±90°).
 */
public final class TiltRangeWedge {
    private TiltRangeWedge() {}

    /** True if (kx, kz) (signed, Fourier pixels) is measured by tilts within [minDeg, maxDeg]. */
    public static boolean measured(int kx, int kz, double minDeg, double maxDeg) {
        if (kz == 0) return true;
        if (kx == 0) return minDeg <= -90 && maxDeg >= 90;
        if (kx < 0) {
            kx = -kx;
            kz = -kz;
        }
        double a = Math.toDegrees(Math.atan((double) kz / kx));
        return a >= minDeg - 1e-9 && a <= maxDeg + 1e-9;
    }

    /** The binary weight (1 measured, 0 missing) of an n³ particle. */
    public static FourierWeight weight(int n, double minDeg, double maxDeg, WeightConvention convention) {
        if (!(minDeg <= maxDeg)) throw new IllegalArgumentException("tilt range " + minDeg + ".." + maxDeg + ": minimum above maximum");
        FourierWeight w = new FourierWeight(n, convention);
        for (int z = 0; z < n; z++) {
            int kz = FourierVolume.signedIndex(z, n);
            for (int y = 0; y < n; y++) {
                int row = w.nkx * (y + n * z);
                for (int kx = 0; kx < w.nkx; kx++) w.values[row + kx] = measured(kx, kz, minDeg, maxDeg) ? 1f : 0f;
            }
        }
        return w;
    }
}
