package org.jspt.ctf;

import org.jspt.geom.Transform;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;

/**
 * A particle's Fourier-space weight M on the half-complex grid of a cubic n³ {@link FourierVolume}: one real
 * value per stored coefficient, at {@code values[kx + nkx·(y + n·z)]} for kx ∈ [0, n/2], y = ky mod n,
 * z = kz mod n (the coefficient whose real part is at {@code FourierVolume.data[2·that]}). The data of the
 * particle are d ≈ M·s in Fourier space; what M means for averaging is its {@link WeightConvention}.
 * M is the weight of a real volume, so M(−k) = M(k); {@link #at} uses that for kx &lt; 0.
 *
 * <p>Frequencies are Fourier pixels of the n-box. Immutable once built (builders fill {@link #values} before
 * handing the weight out); thread-safe for reading. Memory: 4·(n/2+1)·n² bytes (540 KB for n = 64).
 */
public final class FourierWeight {
    public final int n, nkx;
    public final WeightConvention convention;
    /** One value per half-complex coefficient; exposed for hot loops, never modified after construction. */
    public final float[] values;

    /** A zero weight (builders fill it). */
    public FourierWeight(int n, WeightConvention convention) {
        if (n < 2 || n % 2 != 0) throw new IllegalArgumentException("a Fourier weight needs an even box ≥ 2, got " + n);
        this.n = n;
        this.nkx = n / 2 + 1;
        this.convention = convention;
        this.values = new float[nkx * n * n];
    }

    /** M = 1 everywhere (a particle that measured everything). */
    public static FourierWeight ones(int n, WeightConvention convention) {
        FourierWeight w = new FourierWeight(n, convention);
        java.util.Arrays.fill(w.values, 1f);
        return w;
    }

    /** Index of (kx ≥ 0, ky, kz) in {@link #values}; ky, kz may be negative. */
    public int index(int kx, int ky, int kz) {
        int y = ky < 0 ? ky + n : ky, z = kz < 0 ? kz + n : kz;
        return kx + nkx * (y + n * z);
    }

    /** M(kx, ky, kz) for any signed frequency within ±n/2 (Friedel for kx &lt; 0), 0 beyond. */
    public float at(int kx, int ky, int kz) {
        if (kx < 0) {
            kx = -kx;
            ky = -ky;
            kz = -kz;
        }
        int h = n / 2;
        if (kx > h || ky > h || ky < -h || kz > h || kz < -h) return 0f;
        return values[index(kx, ky, kz)];
    }

    /** Trilinear interpolation of M at a real frequency (Fourier pixels), 0 outside ±n/2. */
    public double sample(double x, double y, double z) {
        int ix = (int) Math.floor(x), iy = (int) Math.floor(y), iz = (int) Math.floor(z);
        double ax = x - ix, ay = y - iy, az = z - iz;
        double c00 = at(ix, iy, iz) + ax * (at(ix + 1, iy, iz) - at(ix, iy, iz));
        double c10 = at(ix, iy + 1, iz) + ax * (at(ix + 1, iy + 1, iz) - at(ix, iy + 1, iz));
        double c01 = at(ix, iy, iz + 1) + ax * (at(ix + 1, iy, iz + 1) - at(ix, iy, iz + 1));
        double c11 = at(ix, iy + 1, iz + 1) + ax * (at(ix + 1, iy + 1, iz + 1) - at(ix, iy + 1, iz + 1));
        double c0 = c00 + ay * (c10 - c00), c1 = c01 + ay * (c11 - c01);
        return c0 + az * (c1 - c0);
    }

    /**
     * The weight of the particle after {@code t} moved its content (as {@link org.jspt.image.VolumeTransforms}
     * does: the content at p goes to R·p + t): M'(k) = M(Rᵀ·k), trilinear; the translation changes only phases.
     */
    public FourierWeight rotated(Transform t) {
        FourierWeight out = new FourierWeight(n, convention);
        double[] m = t.matrix();
        double r00 = m[0], r01 = m[1], r02 = m[2], r10 = m[4], r11 = m[5], r12 = m[6], r20 = m[8], r21 = m[9], r22 = m[10];
        for (int z = 0; z < n; z++) {
            int kz = FourierVolume.signedIndex(z, n);
            for (int y = 0; y < n; y++) {
                int ky = FourierVolume.signedIndex(y, n);
                int row = nkx * (y + n * z);
                for (int kx = 0; kx < nkx; kx++) {
                    // Rᵀ·k
                    double sx = r00 * kx + r10 * ky + r20 * kz, sy = r01 * kx + r11 * ky + r21 * kz, sz = r02 * kx + r12 * ky + r22 * kz;
                    out.values[row + kx] = (float) sample(sx, sy, sz);
                }
            }
        }
        return out;
    }

    /**
     * The weight of the same particle on a box of {@code box} voxels whose coefficient k' sits at frequency
     * k'·{@code factor} of this grid: factor = (n/box)/shrink for a particle shrunk by {@code shrink} and then
     * clipped to {@code box} (same physical frequency: k'/(box·apix·shrink) = k/(n·apix)). Trilinear; 0 beyond
     * this grid's Nyquist. Returns this when nothing changes.
     */
    public FourierWeight resampled(int box, double factor) {
        if (box == n && factor == 1) return this;
        FourierWeight out = new FourierWeight(box, convention);
        for (int z = 0; z < box; z++) {
            int kz = FourierVolume.signedIndex(z, box);
            for (int y = 0; y < box; y++) {
                int ky = FourierVolume.signedIndex(y, box);
                int row = out.nkx * (y + box * z);
                for (int kx = 0; kx < out.nkx; kx++) out.values[row + kx] = (float) sample(kx * factor, ky * factor, kz * factor);
            }
        }
        return out;
    }

    /** Multiplies every coefficient of {@code f} (n³, any phase origin) by M, in place. */
    public void applyTo(FourierVolume f) {
        check(f);
        float[] d = f.data;
        for (int i = 0; i < values.length; i++) {
            d[2 * i] *= values[i];
            d[2 * i + 1] *= values[i];
        }
    }

    /** Largest |M|. */
    public float maxAbs() {
        float m = 0;
        for (float v : values) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** Fraction of the coefficients with M ≠ 0. */
    public double coverage() {
        int c = 0;
        for (float v : values) if (v != 0) c++;
        return (double) c / values.length;
    }

    /** Throws unless {@code f} is an n³ transform. */
    public void check(FourierVolume f) {
        if (f.nx != n || f.ny != n || f.nz != n) {
            throw new IllegalArgumentException("the weight is for " + n + "³, the transform is " + f.nx + "x" + f.ny + "x" + f.nz);
        }
    }

    /**
     * RELION 3's full centred layout (reconstructor.cpp and ml_optimiser.cpp getFourierTransformsAndCtfs,
     * RELION 3.1.3): an n³ real volume with the zero frequency at voxel (n/2, n/2, n/2), read as
     * Fctf(k) = Ictf(−k) in RELION's centred (Xmipp) indices, i.e. M(k) = cube voxel n/2 − k on every axis
     * ("the origin in the ctf_img lies half a pixel to the right of the actual center"). For a weight with
     * M(−k) = M(k), as every 3-D CTF and wedge is, this equals voxel n/2 + k except on the −n/2 planes.
     */
    public static FourierWeight fromCentredCube(Volume cube, WeightConvention convention) {
        if (!cube.isCube() || cube.nx % 2 != 0) throw new IllegalArgumentException("a centred CTF volume must be an even cube, got " + cube.shape());
        int n = cube.nx, h = n / 2;
        FourierWeight w = new FourierWeight(n, convention);
        for (int z = 0; z < n; z++) {
            int kz = storageToRelion(z, n);
            for (int y = 0; y < n; y++) {
                int ky = storageToRelion(y, n);
                for (int kx = 0; kx <= h; kx++) w.values[kx + w.nkx * (y + n * z)] = cube.get(h - kx, h - ky, h - kz);
            }
        }
        return w;
    }

    /**
     * RELION's half layout (the FFTW grid, {@code windowFourierTransform} in RELION 3.1.3's fftw.h): an
     * (n/2+1) × n × n real volume whose voxel (kx, y, z) is M at (kx, y mod n, z mod n): exactly this class's
     * storage order.
     */
    public static FourierWeight fromHalf(Volume half, WeightConvention convention) {
        int n = half.ny;
        if (half.nz != n || half.nx != n / 2 + 1 || n % 2 != 0) {
            throw new IllegalArgumentException("a half-layout CTF volume must be (n/2+1) x n x n with n even, got " + half.shape());
        }
        FourierWeight w = new FourierWeight(n, convention);
        System.arraycopy(half.data, 0, w.values, 0, w.values.length);
        return w;
    }

    /** RELION's FFTW-loop frequency of storage index i: i for i ≤ n/2 (so +n/2 at Nyquist), else i − n. */
    private static int storageToRelion(int i, int n) { return i <= n / 2 ? i : i - n; }

    /** This weight in RELION 3's full centred layout (the inverse of {@link #fromCentredCube}). */
    public Volume toCentredCube() {
        Volume v = Volume.cube(n);
        int h = n / 2;
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) v.set(x, y, z, at(h - x, h - y, h - z));
            }
        }
        return v;
    }

    /** This weight in RELION's half layout. */
    public Volume toHalf() { return new Volume(nkx, n, n, values.clone(), null); }
}
