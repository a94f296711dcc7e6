package org.jspt.image;

/**
 * Translational cross-correlation through the FFT: the shift d that, applied to {@code moving}
 * (content moves by +d, circularly), best matches {@code fixed}. The peak of
 * CCF(d) = Σₓ fixed(x)·moving(x − d) = IFFT(F_fixed · conj F_moving) is found on the voxel grid and refined
 * to sub-voxel precision with a parabola through the peak and its two neighbours on each axis.
 */
public final class CrossCorrelation {
    private CrossCorrelation() {}

    /** The best shift (voxels, each component in (−n/2, n/2]) with |component| ≤ maxShift. */
    public static double[] bestShift(Volume fixed, Volume moving, double maxShift) {
        if (!fixed.sameShape(moving)) throw new IllegalArgumentException("shapes differ: " + fixed.shape() + " vs " + moving.shape());
        FourierVolume a = Fft.forward(fixed), b = Fft.forward(moving);
        float[] ad = a.data, bd = b.data;
        for (int i = 0; i < ad.length; i += 2) {
            float re = ad[i] * bd[i] + ad[i + 1] * bd[i + 1];
            float im = ad[i + 1] * bd[i] - ad[i] * bd[i + 1];
            ad[i] = re;
            ad[i + 1] = im;
        }
        Volume ccf = Fft.inverse(a);
        int bx = 0, by = 0, bz = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int z = 0; z < ccf.nz; z++) {
            int dz = FourierVolume.signedIndex(z, ccf.nz);
            if (Math.abs(dz) > maxShift) continue;
            for (int y = 0; y < ccf.ny; y++) {
                int dy = FourierVolume.signedIndex(y, ccf.ny);
                if (Math.abs(dy) > maxShift) continue;
                for (int x = 0; x < ccf.nx; x++) {
                    int dx = FourierVolume.signedIndex(x, ccf.nx);
                    if (Math.abs(dx) > maxShift) continue;
                    float v = ccf.get(x, y, z);
                    if (v > best) { best = v; bx = x; by = y; bz = z; }
                }
            }
        }
        return new double[] {
            FourierVolume.signedIndex(bx, ccf.nx) + parabola(ccf, bx, by, bz, 0),
            FourierVolume.signedIndex(by, ccf.ny) + parabola(ccf, bx, by, bz, 1),
            FourierVolume.signedIndex(bz, ccf.nz) + parabola(ccf, bx, by, bz, 2)};
    }

    private static double parabola(Volume c, int x, int y, int z, int axis) {
        int n = axis == 0 ? c.nx : axis == 1 ? c.ny : c.nz;
        if (n < 3) return 0;
        double m = c.get(x, y, z);
        double lo = axis == 0 ? c.get((x - 1 + n) % n, y, z) : axis == 1 ? c.get(x, (y - 1 + n) % n, z) : c.get(x, y, (z - 1 + n) % n);
        double hi = axis == 0 ? c.get((x + 1) % n, y, z) : axis == 1 ? c.get(x, (y + 1) % n, z) : c.get(x, y, (z + 1) % n);
        double den = lo - 2 * m + hi;
        if (den >= 0) return 0;
        double off = 0.5 * (lo - hi) / den;
        return Math.max(-0.5, Math.min(0.5, off));
    }

    /** Pearson correlation of two volumes of the same shape over all voxels. */
    public static double pearson(Volume a, Volume b) {
        if (!a.sameShape(b)) throw new IllegalArgumentException("shapes differ: " + a.shape() + " vs " + b.shape());
        double ma = a.mean(), mb = b.mean(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.data.length; i++) {
            double x = a.data[i] - ma, y = b.data[i] - mb;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
    }

    /** A copy of {@code v} translated by (dx, dy, dz) voxels (sub-voxel, circular) through the Fourier shift theorem. */
    public static Volume shifted(Volume v, double dx, double dy, double dz) {
        FourierVolume f = Fft.forward(v);
        f.shift(dx, dy, dz);
        Volume out = Fft.inverse(f);
        return new Volume(out.nx, out.ny, out.nz, out.data, v.header().copy());
    }
}
