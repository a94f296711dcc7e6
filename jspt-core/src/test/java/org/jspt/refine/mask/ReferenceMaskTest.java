package org.jspt.refine.mask;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.jspt.image.Volume;
import org.junit.jupiter.api.Test;

class ReferenceMaskTest {
    private static final int N = 32;

    /** A rod along x (half-length 7 px, radius 2.5 px) centred at (18, 15, 16), in unit noise; 4 Å/px. */
    private static Volume rodInNoise(long seed, double noise) {
        Volume v = Volume.cube(N).setApix(4);
        Random r = new Random(seed);
        for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) {
            double dy = y - 15, dz = z - 16, along = Math.abs(x - 18);
            boolean in = along <= 7 && dy * dy + dz * dz <= 2.5 * 2.5;
            v.set(x, y, z, (float) ((in ? 3 : 0) + noise * r.nextGaussian()));
        }
        return v;
    }

    @Test
    void autoFollowsTheMoleculesShapeAndDropsTheNoiseAroundIt() {
        Volume ref = rodInNoise(1, 1);
        float[] m = ReferenceMask.auto().mask(ref);
        // On the rod the reference is untouched.
        for (int x = 12; x <= 24; x++) assertEquals(1f, m[ref.index(x, 15, 16)], 1e-6f, "on the rod at x = " + x);
        // Across the rod, 7 px from its axis (the 20 Å region, 3 Å and the 4 px edge reach about that far), nothing is left.
        assertEquals(0f, m[ref.index(18, 15 + 9, 16)], 1e-6f, "beside the rod");
        assertEquals(0f, m[ref.index(0, 0, 0)], "the corner");
        // Off the rod's ends along x the mask ends too: a shape, not a sphere about the rod's length.
        assertEquals(0f, m[ref.index(18, 15, 16 + 10)], 1e-6f);
        double kept = 0;
        for (float f : m) kept += f;
        assertTrue(kept < 0.1 * m.length, "most of the box is masked out: kept " + kept / m.length);
        Volume masked = ReferenceMask.auto().apply(ref);
        assertEquals(0f, masked.get(0, 0, 0));
        assertEquals(ref.get(18, 15, 16), masked.get(18, 15, 16));
        assertNotEquals(0f, ref.get(0, 0, 0), "the reference itself is not changed");
    }

    @Test
    void sphereIsCentredOnTheMoleculeAndHoldsItWhole() throws Exception {
        Volume ref = rodInNoise(2, 1);
        float[] m = ReferenceMask.of(new org.jspt.refine.options.mask.RefMask(org.jspt.refine.options.mask.RefMask.Mode.SPHERE, null, null), N).mask(ref);
        // The rod's ends are 7 px from its centre: inside.
        assertEquals(1f, m[ref.index(11, 15, 16)], 1e-6f);
        assertEquals(1f, m[ref.index(25, 15, 16)], 1e-6f);
        // A sphere: as far across the rod as along it.
        assertEquals(1f, m[ref.index(18, 15 + 7, 16)], 1e-6f);
        assertEquals(0f, m[ref.index(0, 0, 0)], 1e-6f);
    }

    @Test
    void eachReferenceGetsTheMaskOfItsOwnMolecule() {
        Volume a = rodInNoise(5, 1), b = Volume.cube(N).setApix(4);
        // b: a blob 9 px from the rod's axis, (16, 24, 16), radius 3 px.
        Random r = new Random(6);
        for (int z = 0; z < N; z++) for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) {
            double d2 = (x - 16) * (x - 16) + (y - 24) * (y - 24) + (z - 16) * (z - 16);
            b.set(x, y, z, (float) ((d2 <= 9 ? 3 : 0) + r.nextGaussian()));
        }
        java.util.List<Volume> out = ReferenceMask.auto().apply(java.util.Arrays.asList(a, null, b));
        assertNull(out.get(1), "an inactive class stays empty");
        assertEquals(a.get(20, 15, 16), out.get(0).get(20, 15, 16), "the rod's reference keeps the rod");
        assertEquals(0, out.get(0).get(16, 24, 16), 0f, "but not the noise where the other reference has its blob");
        assertEquals(b.get(16, 24, 16), out.get(2).get(16, 24, 16), "the blob's reference keeps the blob");
        assertEquals(0, out.get(2).get(24, 15, 16), 0f, "but not the noise at the rod's far end");
    }

    @Test
    void withoutAMoleculeNothingCentralIsCut() {
        Volume noise = rodInNoise(3, 1);
        for (int i = 0; i < noise.data.length; i++) noise.data[i] = (float) new Random(i).nextGaussian();
        float[] m = ReferenceMask.auto().mask(noise);
        int c = N / 2;
        // The largest centred sphere: radius N/2 − 5, then the edge.
        assertEquals(1f, m[noise.index(c + N / 2 - 5, c, c)], 1e-6f);
        assertEquals(0f, m[noise.index(0, 0, 0)], 1e-6f);
    }

    @Test
    void aFixedSphereAndAFileAreUsedAsGiven(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        Volume ref = rodInNoise(4, 1);
        float[] s = ReferenceMask.of(new org.jspt.refine.options.mask.RefMask(org.jspt.refine.options.mask.RefMask.Mode.FIXED, new double[] {2, 0, 0, 3}, null), N).mask(ref);
        assertEquals(1f, s[ref.index(N / 2 + 2 + 3, N / 2, N / 2)], 1e-6f, "at r from the given centre");
        assertEquals(0.5f, s[ref.index(N / 2 + 2 + 5, N / 2, N / 2)], 1e-6f, "half way down the 4 px edge");
        assertEquals(0f, s[ref.index(N / 2 + 2 + 7, N / 2, N / 2)], 1e-6f, "past the edge");
        Volume file = Volume.cube(N);
        file.set(3, 4, 5, 0.25f);
        java.nio.file.Path p = tmp.resolve("m.hdf");
        org.jspt.io.hdf.EmanHdf.write(p, java.util.List.of(file));
        Volume masked = ReferenceMask.of(new org.jspt.refine.options.mask.RefMask(org.jspt.refine.options.mask.RefMask.Mode.FILE, null, p), N).apply(ref);
        assertEquals(0.25f * ref.get(3, 4, 5), masked.get(3, 4, 5), 1e-6f);
        assertEquals(0f, masked.get(18, 15, 16));
        assertThrows(java.io.IOException.class, () -> ReferenceMask.of(new org.jspt.refine.options.mask.RefMask(org.jspt.refine.options.mask.RefMask.Mode.FILE, null, p), 16), "a mask of another box");
    }
}
