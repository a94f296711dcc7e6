package org.jspt.ctf;

import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;

/**
 * A real weight M(k) over the Fourier space of an n³ box, such that a particle's transform is ≈ M·(transform of
 * the signal): RELION 3 / Warp's 3-D CTF ({@code rlnCtfImage}). Held in the half layout of {@link FourierVolume}
 * (kx ∈ [0, n/2], one float per coefficient, index kx + (n/2+1)·(y + n·z)); M is centrosymmetric,
 * M(−k) = M(k), like every weight made from real images.
 *
 * <p>{@link #toCentredCube} gives the full n³ cube with the Fourier origin at voxel (n/2, n/2, n/2), voxel (X, Y, Z)
 * holding M(X − n/2, Y − n/2, Z − n/2). This is the cube RELION 3.1 reads: {@code MlOptimiser} (ml_optimiser.cpp,
 * "If there is a redundant half, get rid of it") and {@code Reconstructor} (reconstructor.cpp) take a cubic
 * rlnCtfImage, set its origin to n/2 ({@code setXmippOrigin}) and read coefficient k at logical index −k; for a
 * centrosymmetric M that is the same value. Not thread-safe.
 */
public final class WeightVolume {
    public final int n, nkx;
    /** M in the half layout: data[kx + nkx·(y + n·z)], y = ky mod n, z = kz mod n. */
    public final float[] data;

    public WeightVolume(int n) {
        if (n < 2 || n % 2 != 0) throw new IllegalArgumentException("box must be even and >= 2, got " + n);
        this.n = n;
        this.nkx = n / 2 + 1;
        this.data = new float[nkx * n * n];
    }

    public int index(int kx, int ky, int kz) { return kx + nkx * (Math.floorMod(ky, n) + n * Math.floorMod(kz, n)); }

    /** M(k) for any signed k in [−n/2, n/2]³, by centrosymmetry for kx &lt; 0. */
    public float value(int kx, int ky, int kz) { return kx >= 0 ? data[index(kx, ky, kz)] : data[index(-kx, -ky, -kz)]; }

    /** Multiplies every coefficient of {@code f} (an n³ transform) by M. */
    public void multiply(FourierVolume f) {
        if (f.nx != n || f.ny != n || f.nz != n) throw new IllegalArgumentException("transform is " + f.nx + "x" + f.ny + "x" + f.nz + ", weight " + n + "³");
        for (int i = 0, j = 0; i < data.length; i++, j += 2) {
            f.data[j] *= data[i];
            f.data[j + 1] *= data[i];
        }
    }

    /** The full n³ cube with the Fourier origin at voxel (n/2, n/2, n/2) (see the class comment), into {@code out} (allocated if null). */
    public Volume toCentredCube(Volume out) {
        Volume v = out != null ? out : Volume.cube(n);
        if (v.nx != n || v.ny != n || v.nz != n) throw new IllegalArgumentException("output must be " + n + "³");
        int h = n / 2;
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++) {
                int row = n * (y + n * z);
                for (int x = 0; x < n; x++) v.data[row + x] = value(x - h, y - h, z - h);
            }
        return v;
    }
}
