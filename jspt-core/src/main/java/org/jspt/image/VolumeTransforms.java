package org.jspt.image;

import java.util.stream.IntStream;
import org.jspt.exec.ParticleWorkers;
import org.jspt.geom.Transform;

/**
 * Resampling a volume by a {@link Transform} in real space, as EMAN2's {@code xform} processor does
 * (docs/reference/alignment.md §2.6), and exact integer shifts ({@code xform.translate.int}).
 *
 * <p>Geometry: coordinates are centred on the voxel (nx/2, ny/2, nz/2) (integer division) and the content at
 * point p moves to T·p. For each output voxel r the source point is u = T⁻¹·r + centre, computed in float32
 * from the float32 inverse matrix, because EMAN2 does so and its set of zero voxels depends on that
 * rounding; the value is the trilinear interpolation of the 8 neighbours, 0 if u is outside [0, n) on any
 * axis, and on the last plane of an axis (floor(u) = n − 1) the "+1" neighbour is the same voxel.
 *
 * <p>Units: voxels. Threading: methods are stateless; {@link #apply(Volume, Transform, Volume)} splits large
 * volumes (≥ 32³ voxels) into z planes run on the common fork-join pool. Each output voxel is computed by one
 * thread from the input alone, so results do not depend on the number of threads.
 */
public final class VolumeTransforms {
    private VolumeTransforms() {}

    /** Volumes with at least this many voxels are processed in parallel over z. */
    static final int PARALLEL_MIN_VOXELS = 32 * 32 * 32;

    /** A new volume: {@code in} transformed by {@code t}; header copied from {@code in}. Input not modified. */
    public static Volume apply(Volume in, Transform t) {
        Volume out = new Volume(in.nx, in.ny, in.nz);
        apply(in, t, out);
        return out;
    }

    /**
     * Writes {@code in} transformed by {@code t} into {@code out}.
     *
     * @param in  the source volume. Not modified.
     * @param t   the transform (rotation and translation, voxels) applied to the content
     * @param out same shape as {@code in}, a different object. Modified: every voxel, and its header is
     *            replaced by a copy of {@code in}'s.
     * @throws IllegalArgumentException if the shapes differ or {@code out == in}
     */
    public static void apply(Volume in, Transform t, Volume out) {
        checkOutput(in, out);
        float[] mi = inverseFloat32(t);
        if (!isIdentity(mi) || !copyIdentity(in, mi, out)) resample(in, mi, out);
        copyHeader(in, out);
    }

    /** {@link #apply(Volume, Transform, Volume)}'s voxels by interpolating every one (no identity shortcut); header untouched. */
    static void resample(Volume in, Transform t, Volume out) {
        checkOutput(in, out);
        resample(in, inverseFloat32(t), out);
    }

    /** EMAN2 inverts its float32 matrix (result rounded to float32) and evaluates T⁻¹·r in float. */
    private static float[] inverseFloat32(Transform t) {
        double[] d = t.roundedToFloat32().inverse().matrix();
        float[] mi = new float[12];
        for (int i = 0; i < 12; i++) mi[i] = (float) d[i];
        return mi;
    }

    private static void resample(Volume in, float[] mi, Volume out) {
        // On an executor's particle thread the other cores already run other particles: no inner split.
        if (in.size() >= PARALLEL_MIN_VOXELS && in.nz > 1 && !ParticleWorkers.isCurrentThreadOne()) {
            IntStream.range(0, in.nz).parallel().forEach(z -> resamplePlane(in, mi, out, z));
        } else {
            for (int z = 0; z < in.nz; z++) resamplePlane(in, mi, out, z);
        }
    }

    /** True if the float32 inverse matrix is exactly the identity (zeros of either sign). */
    private static boolean isIdentity(float[] mi) {
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 4; c++) if (mi[4 * r + c] != (r == c ? 1f : 0f)) return false;
        return true;
    }

    /**
     * The identity transform ({@code --align None}, and every unmoved particle) without the interpolation's
     * arithmetic, giving {@link #resamplePlane}'s result bit for bit: at the identity every source point is a
     * voxel centre (u = r + centre exactly in float32, so the interpolation fractions are ±0), and the trilinear
     * sum is v + 0·a + 0·b + … of the voxel v and its neighbours, which is v itself unless v is ±0 (the signs of
     * the zero terms then decide the sign of the result) or a neighbour is not finite (0·∞ is NaN). Voxels that
     * are ±0 go through {@link #voxel}, the interpolation itself. @return false, leaving {@code out} partly
     * written, if {@code in} holds a value that is not finite (the caller then interpolates every voxel)
     */
    private static boolean copyIdentity(Volume in, float[] mi, Volume out) {
        final float[] src = in.data, dst = out.data;
        final int nx = in.nx, ny = in.ny, nxy = nx * ny;
        for (int l = 0; l < src.length; l++) {
            float v = src[l];
            if (!Float.isFinite(v)) return false;
            dst[l] = v;
        }
        for (int l = 0; l < src.length; l++) {
            if (src[l] != 0) continue;
            dst[l] = voxel(in, mi, l % nx, (l / nx) % ny, l / nxy);
        }
        return true;
    }

    /** Output voxel (x, y, z) of {@link #resamplePlane}: the same float32 operations in the same order, for one voxel. */
    private static float voxel(Volume in, float[] mi, int x, int y, int z) {
        final int nx = in.nx, ny = in.ny, nz = in.nz;
        final float rz = z - nz / 2;
        final float px = mi[3] + (float) (nx / 2) + mi[2] * rz;
        final float py = mi[7] + (float) (ny / 2) + mi[6] * rz;
        final float pz = mi[11] + (float) (nz / 2) + mi[10] * rz;
        final float ry = y - ny / 2;
        final float qx = px + mi[1] * ry, qy = py + mi[5] * ry, qz = pz + mi[9] * ry;
        final float rx = x - nx / 2;
        final float ux = qx + mi[0] * rx, uy = qy + mi[4] * rx, uz = qz + mi[8] * rx;
        if (!(ux >= 0 && uy >= 0 && uz >= 0 && ux < nx && uy < ny && uz < nz)) return 0f;
        return interpolate(in.data, nx, ny, nz, ux, uy, uz);
    }

    /**
     * One output plane z of {@link #apply}; mi is the float32 inverse matrix, row-major 3×4.
     *
     * <p>NB: the float32 evaluation order matters at the ulp level. Summing (t + centre) + m2·rz, then + m1·ry,
     * then + m0·rx, and interpolating bilinearly in x-y before blending in z, reproduces EMAN2's output of
     * fixture stack0_xform_A.hdf to one float ulp (max 9.5e-7 for values up to 14; 85% of voxels bit-equal),
     * whereas the plain order m0·rx + m1·ry + m2·rz + t + centre is off by 2.5e-5 on that fixture. The order is
     * also the natural hoisting: one base per plane, one per row, one multiply-add per voxel.
     */
    private static void resamplePlane(Volume in, float[] mi, Volume out, int z) {
        final int nx = in.nx, ny = in.ny, nz = in.nz, nxy = nx * ny;
        final float fnx = nx, fny = ny, fnz = nz;
        final float[] src = in.data, dst = out.data;
        final float rz = z - nz / 2;
        final float px = mi[3] + (float) (nx / 2) + mi[2] * rz;
        final float py = mi[7] + (float) (ny / 2) + mi[6] * rz;
        final float pz = mi[11] + (float) (nz / 2) + mi[10] * rz;
        int l = z * nxy;
        for (int y = 0; y < ny; y++) {
            final float ry = y - ny / 2;
            final float qx = px + mi[1] * ry, qy = py + mi[5] * ry, qz = pz + mi[9] * ry;
            for (int x = 0; x < nx; x++, l++) {
                final float rx = x - nx / 2;
                final float ux = qx + mi[0] * rx, uy = qy + mi[4] * rx, uz = qz + mi[8] * rx;
                if (!(ux >= 0 && uy >= 0 && uz >= 0 && ux < fnx && uy < fny && uz < fnz)) { // NaN → 0 too
                    dst[l] = 0f;
                    continue;
                }
                dst[l] = interpolate(src, nx, ny, nz, ux, uy, uz);
            }
        }
    }

    /** The trilinear value at source point u (inside [0, n) on every axis) with the last-plane rule of {@link #apply}. */
    private static float interpolate(float[] src, int nx, int ny, int nz, float ux, float uy, float uz) {
        final int nxy = nx * ny;
        final int ix = (int) ux, iy = (int) uy, iz = (int) uz; // u ≥ 0, so truncation is floor
        final float tx = ux - ix, ty = uy - iy, tz = uz - iz;
        final int k0 = ix + iy * nx + iz * nxy;
        final int dx = ix == nx - 1 ? 0 : 1, dy = iy == ny - 1 ? 0 : nx, dz = iz == nz - 1 ? 0 : nxy;
        final int k4 = k0 + dz;
        final float sx = 1 - tx, sy = 1 - ty;
        final float lower = sx * sy * src[k0] + tx * sy * src[k0 + dx] + sx * ty * src[k0 + dy] + tx * ty * src[k0 + dx + dy];
        final float upper = sx * sy * src[k4] + tx * sy * src[k4 + dx] + sx * ty * src[k4 + dy] + tx * ty * src[k4 + dx + dy];
        return lower * (1 - tz) + upper * tz;
    }

    /** A new volume: {@code in} shifted by whole voxels, zero fill; header copied. Input not modified. */
    public static Volume translateInt(Volume in, int dx, int dy, int dz) {
        Volume out = new Volume(in.nx, in.ny, in.nz);
        translateInt(in, dx, dy, dz, out);
        return out;
    }

    /**
     * Exact shift by whole voxels: out(x, y, z) = in(x − dx, y − dy, z − dz), 0 where that is outside
     * (EMAN2 {@code xform.translate.int}).
     *
     * @param in  not modified
     * @param out same shape, a different object. Modified: every voxel, and its header is replaced by a
     *            copy of {@code in}'s.
     * @throws IllegalArgumentException if the shapes differ or {@code out == in}
     */
    public static void translateInt(Volume in, int dx, int dy, int dz, Volume out) {
        checkOutput(in, out);
        final int nx = in.nx, ny = in.ny, nz = in.nz;
        final float[] src = in.data, dst = out.data;
        java.util.Arrays.fill(dst, 0f);
        if (Math.abs((long) dx) >= nx || Math.abs((long) dy) >= ny || Math.abs((long) dz) >= nz) { // all shifted out
            copyHeader(in, out);
            return;
        }
        int x0 = Math.max(0, dx), x1 = Math.min(nx, nx + dx); // output x range with a source inside
        if (x0 < x1) {
            int len = x1 - x0;
            for (int z = Math.max(0, dz); z < Math.min(nz, nz + dz); z++) {
                for (int y = Math.max(0, dy); y < Math.min(ny, ny + dy); y++) {
                    System.arraycopy(src, (x0 - dx) + nx * ((y - dy) + ny * (z - dz)), dst, x0 + nx * (y + ny * z), len);
                }
            }
        }
        copyHeader(in, out);
    }

    private static void checkOutput(Volume in, Volume out) {
        if (out == in) throw new IllegalArgumentException("output must be a different volume from the input");
        if (!in.sameShape(out)) throw new IllegalArgumentException("output is " + out.shape() + "; input is " + in.shape());
    }

    private static void copyHeader(Volume in, Volume out) {
        Header h = out.header();
        for (String k : new java.util.ArrayList<>(h.keys())) h.remove(k);
        in.header().copy().asMap().forEach(h::put);
    }
}
