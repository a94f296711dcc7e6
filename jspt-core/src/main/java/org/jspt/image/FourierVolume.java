package org.jspt.image;

/**
 * The half-complex Fourier transform of a real nx × ny × nz volume, in EMAN2's (and FFTW's r2c) layout
 * ({@code docs/reference/alignment.md} §1): for kx ∈ [0, nx/2], the coefficient (kx, ky, kz) has its real
 * part at {@code data[2·kx + rowLength·(y + ny·z)]} and its imaginary part at the next float, where
 * y = ky mod ny, z = kz mod nz and {@code rowLength = 2·(nx/2 + 1)} (nx + 2 for even nx).
 * Coefficients with kx &lt; 0 follow from Friedel symmetry F(−k) = conj F(k).
 *
 * <p>Frequencies are in cycles/px: kx/nx etc.; 0.5 is Nyquist. The phase origin is voxel 0 unless a
 * caller moves it (see {@link #shift}). Not thread-safe.
 */
public final class FourierVolume {
    /** Real-space sizes. */
    public final int nx, ny, nz;
    /** Complex values along x: nx/2 + 1. */
    public final int nkx;
    /** Floats per row: 2·nkx. */
    public final int rowLength;
    /** Interleaved (re, im) coefficients, rowLength × ny × nz floats. */
    public final float[] data;

    public FourierVolume(int nx, int ny, int nz) {
        if (nx < 1 || ny < 1 || nz < 1) throw new IllegalArgumentException("bad size " + nx + "x" + ny + "x" + nz);
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.nkx = nx / 2 + 1;
        this.rowLength = 2 * nkx;
        long n = (long) rowLength * ny * nz;
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("Fourier volume too large: " + nx + "x" + ny + "x" + nz);
        this.data = new float[(int) n];
    }

    /** A Fourier volume for the transform of {@code v}'s shape. */
    public static FourierVolume forShapeOf(Volume v) { return new FourierVolume(v.nx, v.ny, v.nz); }

    public boolean matches(Volume v) { return v.nx == nx && v.ny == ny && v.nz == nz; }
    public boolean sameShape(FourierVolume o) { return o.nx == nx && o.ny == ny && o.nz == nz; }

    /**
     * Signed frequency index of storage row/section i in an axis of length n: i for i &lt; (n+1)/2, else i − n.
     * For even n the Nyquist row n/2 is reported as −n/2 (filters that need +n/2 use |k|).
     */
    public static int signedIndex(int i, int n) { return i < (n + 1) / 2 ? i : i - n; }

    /** Float index of the real part of (kx ≥ 0, ky, kz); ky and kz may be negative. */
    public int index(int kx, int ky, int kz) {
        int y = ky < 0 ? ky + ny : ky, z = kz < 0 ? kz + nz : kz;
        return 2 * kx + rowLength * (y + ny * z);
    }

    public float re(int kx, int ky, int kz) { return data[index(kx, ky, kz)]; }
    public float im(int kx, int ky, int kz) { return data[index(kx, ky, kz) + 1]; }

    public void set(int kx, int ky, int kz, float re, float im) {
        int i = index(kx, ky, kz);
        data[i] = re;
        data[i + 1] = im;
    }

    /** Spatial frequency of (kx, ky, kz) in cycles/px: sqrt((kx/nx)² + (ky/ny)² + (kz/nz)²). */
    public double frequency(int kx, int ky, int kz) {
        double fx = (double) kx / nx, fy = (double) ky / ny, fz = (double) kz / nz;
        return Math.sqrt(fx * fx + fy * fy + fz * fz);
    }

    /** Radius in Fourier pixels, sqrt(kx² + ky² + kz²) (for cubes, frequency · n). */
    public static double radius(int kx, int ky, int kz) { return Math.sqrt((double) kx * kx + (double) ky * ky + (double) kz * kz); }

    /** The shell of (kx, ky, kz): its radius rounded to the nearest integer, as the FSC bins coefficients. */
    public static int shell(int kx, int ky, int kz) { return (int) Math.round(radius(kx, ky, kz)); }

    /**
     * Multiplies every coefficient by exp(−2πi (kx·dx/nx + ky·dy/ny + kz·dz/nz)), which translates the
     * real-space content by +(dx, dy, dz) pixels (circularly). {@code shift(-nx/2, -ny/2, -nz/2)} moves the
     * phase origin from the centre voxel to the corner (EMAN2's {@code xform.phaseorigin.tocorner} on even
     * boxes: a multiplication by (−1)^(kx+ky+kz)).
     */
    public void shift(double dx, double dy, double dz) {
        double[] cx = new double[nkx], sx = new double[nkx];
        for (int kx = 0; kx < nkx; kx++) {
            double a = -2 * Math.PI * kx * dx / nx;
            cx[kx] = Math.cos(a);
            sx[kx] = Math.sin(a);
        }
        for (int z = 0; z < nz; z++) {
            double az = -2 * Math.PI * signedIndex(z, nz) * dz / nz;
            for (int y = 0; y < ny; y++) {
                double a = az - 2 * Math.PI * signedIndex(y, ny) * dy / ny;
                double cyz = Math.cos(a), syz = Math.sin(a);
                int row = rowLength * (y + ny * z);
                for (int kx = 0; kx < nkx; kx++) {
                    double c = cx[kx] * cyz - sx[kx] * syz, s = sx[kx] * cyz + cx[kx] * syz;
                    int i = row + 2 * kx;
                    double re = data[i], im = data[i + 1];
                    data[i] = (float) (re * c - im * s);
                    data[i + 1] = (float) (re * s + im * c);
                }
            }
        }
    }

    public FourierVolume copy() {
        FourierVolume f = new FourierVolume(nx, ny, nz);
        System.arraycopy(data, 0, f.data, 0, data.length);
        return f;
    }
}
