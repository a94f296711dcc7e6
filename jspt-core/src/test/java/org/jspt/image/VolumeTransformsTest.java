package org.jspt.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jspt.geom.Transform;
import org.junit.jupiter.api.Test;

/** Real-space resampling (docs/reference/alignment.md §2.6) and integer shifts. */
class VolumeTransformsTest {
    private static Volume random(int n, long seed) {
        Random rnd = new Random(seed);
        Volume v = Volume.cube(n);
        for (int i = 0; i < v.size(); i++) v.data[i] = (float) rnd.nextGaussian();
        return v;
    }

    /** A smooth volume: a few Gaussian blobs (σ 2–3 px) near the centre. */
    private static Volume blobs(int n, long seed) {
        Random rnd = new Random(seed);
        Volume v = Volume.cube(n);
        for (int b = 0; b < 6; b++) {
            double cx = rnd.nextGaussian() * 3, cy = rnd.nextGaussian() * 3, cz = rnd.nextGaussian() * 3;
            double s = 2 + rnd.nextDouble(), amp = 0.5 + rnd.nextDouble();
            for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
                double dx = x - n / 2 - cx, dy = y - n / 2 - cy, dz = z - n / 2 - cz;
                v.data[v.index(x, y, z)] += (float) (amp * Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * s * s)));
            }
        }
        return v;
    }

    @Test
    void identityIsAnExactCopy() {
        Volume in = random(16, 345);
        assertArrayEquals(in.data, VolumeTransforms.apply(in, Transform.identity()).data);
    }

    /**
     * The identity is not interpolated but copied; the copy must give the interpolation's bits, including
     * the sign of zero voxels (the interpolation adds ±0 terms of the neighbours) and non-finite values.
     */
    @Test
    void identityShortcutGivesTheInterpolationsBits() {
        Volume in = random(12, 91);
        Random rnd = new Random(5);
        for (int i = 0; i < in.size(); i++) {
            int r = rnd.nextInt(4);
            if (r == 0) in.data[i] = 0f;
            else if (r == 1) in.data[i] = -0f;
        }
        int differ = 0;
        for (Transform t : java.util.List.of(Transform.identity(), Transform.eman(0, 0, 0, 0, 0, 0), Transform.eman(30, 0, -30, 0, 0, 0))) {
            Volume shortcut = VolumeTransforms.apply(in, t), interpolated = Volume.cube(12);
            VolumeTransforms.resample(in, t, interpolated);
            for (int i = 0; i < in.size(); i++) {
                assertEquals(Float.floatToRawIntBits(interpolated.data[i]), Float.floatToRawIntBits(shortcut.data[i]), "voxel " + i + ", " + t);
                if (Float.floatToRawIntBits(interpolated.data[i]) != Float.floatToRawIntBits(in.data[i])) differ++;
            }
        }
        assertTrue(differ > 0, "some -0 voxels must come out +0, or a plain copy would pass this test");
        in.data[in.index(3, 4, 5)] = Float.NaN; // spreads to the neighbours: not a copy
        Volume shortcut = VolumeTransforms.apply(in, Transform.identity()), interpolated = Volume.cube(12);
        VolumeTransforms.resample(in, Transform.identity(), interpolated);
        assertTrue(Float.isNaN(shortcut.data[in.index(2, 4, 5)]));
        for (int i = 0; i < in.size(); i++) assertEquals(Float.floatToRawIntBits(interpolated.data[i]), Float.floatToRawIntBits(shortcut.data[i]));
    }

    @Test
    void integerTranslationMovesContentByPlusT() {
        Volume in = random(16, 345);
        Volume out = VolumeTransforms.apply(in, Transform.translation(1, 0, 0));
        assertEquals(in.get(7, 3, 5), out.get(8, 3, 5));
        for (int z = 0; z < 16; z++) for (int y = 0; y < 16; y++) assertEquals(0f, out.get(0, y, z));
        assertArrayEquals(VolumeTransforms.translateInt(in, 1, 0, 0).data, out.data);
        assertArrayEquals(VolumeTransforms.translateInt(in, -2, 3, -1).data, VolumeTransforms.apply(in, Transform.translation(-2, 3, -1)).data);
    }

    @Test
    void pointMovesToTTimesP() {
        Volume in = Volume.cube(16);
        in.set(8 + 4, 8, 8, 1f);
        Volume out = VolumeTransforms.apply(in, Transform.eman(90, 0, 0));
        assertEquals(1f, out.get(8, 8 - 4, 8), 1e-6);
        double sum = 0;
        for (float f : out.data) sum += f;
        assertEquals(1.0, sum, 1e-6);
    }

    @Test
    void rotationThenInverseRestoresASmoothVolume() {
        Volume in = blobs(32, 345);
        Transform t = Transform.eman(37, 61, -112, 1.3, -0.7, 0.4);
        Volume back = VolumeTransforms.apply(VolumeTransforms.apply(in, t), t.inverse());
        assertTrue(correlationInSphere(in, back, 10) > 0.99);
    }

    @Test
    void matchesAnObviousDoublePrecisionImplementationInside() {
        Volume in = blobs(32, 7);
        Transform t = Transform.eman(10, 80, 200, 0.25, 1.5, -2);
        Volume fast = VolumeTransforms.apply(in, t);
        Transform inv = t.inverse();
        double[] r = new double[3], u = new double[3];
        int n = 32, c = 16;
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            r[0] = x - c; r[1] = y - c; r[2] = z - c;
            inv.apply(r, u);
            double ux = u[0] + c, uy = u[1] + c, uz = u[2] + c;
            if (ux < 0.01 || uy < 0.01 || uz < 0.01 || ux > n - 1.01 || uy > n - 1.01 || uz > n - 1.01) continue; // away from the edges
            int ix = (int) Math.floor(ux), iy = (int) Math.floor(uy), iz = (int) Math.floor(uz);
            double fx = ux - ix, fy = uy - iy, fz = uz - iz, want = 0;
            for (int k = 0; k < 8; k++) {
                int ox = k & 1, oy = (k >> 1) & 1, oz = k >> 2;
                double w = (ox == 1 ? fx : 1 - fx) * (oy == 1 ? fy : 1 - fy) * (oz == 1 ? fz : 1 - fz);
                want += w * in.get(ix + ox, iy + oy, iz + oz);
            }
            assertEquals(want, fast.get(x, y, z), 1e-5, "voxel " + x + "," + y + "," + z);
        }
    }

    @Test
    void outsideIsZeroAndLastPlaneUsesItself() {
        Volume in = Volume.cube(8);
        in.fill(2f);
        Volume out = VolumeTransforms.apply(in, Transform.translation(0.5, 0, 0));
        assertEquals(0f, out.get(0, 4, 4), "source x = -0.5 is outside");
        assertEquals(2f, out.get(1, 4, 4));
        // source x = 6.5 interpolates voxels 6 and 7; x = 7 reads only voxel 7 (clamped +1 neighbour)
        Volume ramp = Volume.cube(8);
        for (int z = 0; z < 8; z++) for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) ramp.set(x, y, z, x);
        Volume shifted = VolumeTransforms.apply(ramp, Transform.translation(-0.5, 0, 0));
        assertEquals(6.5f, shifted.get(6, 2, 2));
        assertEquals(7f, shifted.get(7, 2, 2), "source 7.5: floor = n-1, +1 neighbour clamped");
    }

    @Test
    void largeVolumesAreDeterministic() {
        Volume in = random(40, 11);
        Transform t = Transform.eman(33, 44, 55, 0.3, 0.2, 0.1);
        assertArrayEquals(VolumeTransforms.apply(in, t).data, VolumeTransforms.apply(in, t).data);
    }

    @Test
    void outputGetsACopyOfTheInputHeader() {
        Volume in = random(8, 1);
        in.setApix(3.5);
        in.header().put("xform.align3d", Transform.eman(1, 2, 3));
        Volume out = Volume.cube(8);
        out.header().put("stale", 1);
        VolumeTransforms.apply(in, Transform.eman(10, 0, 0), out);
        assertEquals(in.header(), out.header());
        out.header().put("apix_x", 9f);
        assertEquals(3.5, in.apix(), 1e-6, "a copy, not shared");
    }

    @Test
    void translateIntFillsWithZeros() {
        Volume in = random(6, 3);
        Volume out = Volume.cube(6);
        VolumeTransforms.translateInt(in, -2, 1, 0, out);
        assertEquals(in.get(3, 2, 4), out.get(1, 3, 4));
        assertEquals(0f, out.get(4, 3, 4));
        assertEquals(0f, out.get(1, 0, 4));
        VolumeTransforms.translateInt(in, 6, 0, 0, out);
        for (float f : out.data) assertEquals(0f, f);
        VolumeTransforms.translateInt(in, 0, 0, 0, out);
        assertArrayEquals(in.data, out.data);
    }

    @Test
    void aliasingAndShapeMismatchAreRejected() {
        Volume in = Volume.cube(8);
        assertThrows(IllegalArgumentException.class, () -> VolumeTransforms.apply(in, Transform.identity(), in));
        assertThrows(IllegalArgumentException.class, () -> VolumeTransforms.apply(in, Transform.identity(), Volume.cube(9)));
        assertThrows(IllegalArgumentException.class, () -> VolumeTransforms.translateInt(in, 1, 0, 0, in));
    }

    private static double correlationInSphere(Volume a, Volume b, double radius) {
        int n = a.nx, c = n / 2;
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int count = 0;
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
            int dx = x - c, dy = y - c, dz = z - c;
            if (dx * dx + dy * dy + dz * dz > radius * radius) continue;
            double va = a.get(x, y, z), vb = b.get(x, y, z);
            sa += va; sb += vb; saa += va * va; sbb += vb * vb; sab += va * vb;
            count++;
        }
        double cov = sab - sa * sb / count, var = (saa - sa * sa / count) * (sbb - sb * sb / count);
        return cov / Math.sqrt(var);
    }
}
