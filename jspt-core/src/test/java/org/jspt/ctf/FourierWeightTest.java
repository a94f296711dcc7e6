package org.jspt.ctf;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.jspt.geom.Transform;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.MissingWedge;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.io.FormatException;
import org.jspt.io.Mrc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FourierWeightTest {
    /** RELION 3.1 reads the centred cube as Fctf(k) = Ictf(−k), Xmipp origin n/2 (reconstructor.cpp). */
    @Test
    void centredCubeIsReadAtMinusKAsRelionDoes() {
        int n = 16, h = n / 2;
        Volume cube = Volume.cube(n);
        cube.set(h - 1, h + 2, h - 3, 5f); // RELION logical (x, y, z) = (−1, 2, −3) → frequency (1, −2, 3)
        FourierWeight w = FourierWeight.fromCentredCube(cube, WeightConvention.CTF);
        assertEquals(5f, w.at(1, -2, 3));
        assertEquals(5f, w.at(-1, 2, -3), "Friedel mate");
        assertEquals(0f, w.at(1, 2, -3));
        assertEquals(1, countNonZero(w), "one stored coefficient");
    }

    @Test
    void halfLayoutIsTheFftwGrid() {
        int n = 16;
        Volume half = new Volume(n / 2 + 1, n, n);
        half.set(3, n - 2, 1, 7f); // kx 3, ky −2, kz 1
        FourierWeight w = FourierWeight.fromHalf(half, WeightConvention.CTF);
        assertEquals(7f, w.at(3, -2, 1));
        assertEquals(7f, w.at(-3, 2, -1));
    }

    @Test
    void layoutsRoundTrip() {
        FourierWeight w = SyntheticWeights.ctf(16, 5, -54, 62, WeightConvention.CTF);
        assertArrayEquals(w.values, FourierWeight.fromCentredCube(w.toCentredCube(), WeightConvention.CTF).values);
        assertArrayEquals(w.values, FourierWeight.fromHalf(w.toHalf(), WeightConvention.CTF).values);
    }

    @Test
    void filesAreToldApartByShape(@TempDir Path dir) throws Exception {
        FourierWeight w = SyntheticWeights.ctf(16, 5, -62, 50, WeightConvention.CTF);
        Path cube = dir.resolve("cube.mrc"), half = dir.resolve("half.mrc"), bad = dir.resolve("bad.mrc");
        WeightFiles.writeCentredCube(cube, w, 3.0);
        Mrc.write(half, w.toHalf());
        Mrc.write(bad, new Volume(16, 16, 9));
        assertArrayEquals(w.values, WeightFiles.read(cube, WeightConvention.CTF).values);
        assertArrayEquals(w.values, WeightFiles.read(half, WeightConvention.PREMULTIPLIED).values);
        assertEquals(WeightConvention.PREMULTIPLIED, WeightFiles.read(half, WeightConvention.PREMULTIPLIED).convention);
        FormatException e = assertThrows(FormatException.class, () -> WeightFiles.read(bad, WeightConvention.CTF));
        assertTrue(e.getMessage().contains("16x16x9"), e.getMessage());
        assertTrue(Files.exists(cube));
    }

    /**
     * Rotating the weight must follow the data: |FFT(T·v)| = |FFT(v)| rotated, for a 90° turn (exact on the
     * grid) of an asymmetric blob cluster; the opposite turn (Rᵀ vs R) must not match.
     */
    @Test
    void rotatedWeightFollowsTheRotatedData() {
        int n = 24;
        Volume v = blobs(n, 7);
        Transform t = Transform.eman(90, 0, 0), wrong = t.inverse();
        FourierWeight amp = amplitudes(v);
        FourierWeight expect = amplitudes(VolumeTransforms.apply(v, t));
        double good = maxDiff(amp.rotated(t), expect), bad = maxDiff(amp.rotated(wrong), expect);
        assertTrue(good < 1e-3 * amp.maxAbs(), "rotated weight differs by " + good);
        assertTrue(bad > 0.05 * amp.maxAbs(), "the opposite rotation should not match, differs by " + bad);
    }

    @Test
    void resampledKeepsThePhysicalFrequency() {
        FourierWeight w = SyntheticWeights.ctf(32, 9, -60, 60, WeightConvention.CTF);
        FourierWeight s = w.resampled(16, 2.0); // clipped to half the box: coefficient k' is k = 2k'
        assertEquals(w.at(4, -2, 6), s.at(2, -1, 3), 1e-6);
        assertEquals(w.at(5, 3, -7), w.resampled(16, 1.0).at(5, 3, -7), 1e-6, "shrunk by 2: Fourier cropping keeps indices");
        assertSame(w, w.resampled(32, 1));
    }

    @Test
    void symmetricTiltRangeIsTheMissingWedge() {
        int n = 20;
        FourierWeight w = TiltRangeWedge.weight(n, -60, 60, WeightConvention.CTF);
        for (int kz = -n / 2 + 1; kz < n / 2; kz++)
            for (int kx = 0; kx <= n / 2; kx++)
                assertEquals(MissingWedge.present(kx, kz, n, n, 60) ? 1f : 0f, w.at(kx, 3, kz), kx + "," + kz);
    }

    @Test
    void asymmetricRangeMeasuresOnlyItsSide() {
        // atan(kz/kx) = 58° for (5, 8): inside −54..62; (5, −8) is −58°: outside.
        assertTrue(TiltRangeWedge.measured(5, 8, -54, 62));
        assertFalse(TiltRangeWedge.measured(5, -8, -54, 62));
        assertFalse(TiltRangeWedge.measured(-5, 8, -54, 62), "Friedel mate of (5, −8)");
        assertTrue(TiltRangeWedge.measured(0, 0, -54, 62));
        assertFalse(TiltRangeWedge.measured(0, 3, -54, 62));
    }

    @Test
    void cacheKeepsWithinItsBudgetAndLoadsSharedFilesOnce() {
        WeightCache c = new WeightCache(3L * 4 * (9 * 16 * 16)); // three 16³ weights
        int[] loads = new int[1];
        WeightCache.Loader l = k -> {
            loads[0]++;
            return FourierWeight.ones(16, WeightConvention.CTF);
        };
        for (int i = 0; i < 10; i++) c.get("a", l);
        assertEquals(1, loads[0]);
        for (String k : new String[] {"b", "c", "d", "e"}) c.get(k, l);
        assertEquals(3, c.size());
        c.get("a", l);
        assertEquals(6, loads[0], "a was evicted and is read again");
    }

    private static int countNonZero(FourierWeight w) {
        int c = 0;
        for (float v : w.values) if (v != 0) c++;
        return c;
    }

    static Volume blobs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Volume v = Volume.cube(n);
        for (int b = 0; b < 5; b++) {
            double cx = n / 2 + r.nextDouble(-4, 4), cy = n / 2 + r.nextDouble(-4, 4), cz = n / 2 + r.nextDouble(-4, 4), s = r.nextDouble(1, 2.5);
            for (int z = 0; z < n; z++)
                for (int y = 0; y < n; y++)
                    for (int x = 0; x < n; x++) {
                        double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz);
                        v.data[v.index(x, y, z)] += (float) Math.exp(-d2 / (2 * s * s));
                    }
        }
        return v;
    }

    private static FourierWeight amplitudes(Volume v) {
        FourierVolume f = Fft.forward(v);
        FourierWeight w = new FourierWeight(v.nx, WeightConvention.CTF);
        for (int j = 0; j < w.values.length; j++) w.values[j] = (float) Math.hypot(f.data[2 * j], f.data[2 * j + 1]);
        return w;
    }

    private static double maxDiff(FourierWeight a, FourierWeight b) {
        double m = 0;
        for (int j = 0; j < a.values.length; j++) m = Math.max(m, Math.abs(a.values[j] - b.values[j]));
        return m;
    }
}
