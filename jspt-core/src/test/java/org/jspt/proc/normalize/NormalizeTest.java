package org.jspt.proc.normalize;

import static org.junit.jupiter.api.Assertions.*;

import org.jspt.image.Volume;
import org.jspt.proc.Processor;
import org.jspt.proc.ProcessorSpec;
import org.jspt.proc.Processors;
import org.jspt.proc.TestVolumes;
import org.junit.jupiter.api.Test;

class NormalizeTest {
    static Processor p(String s) { return Processors.parse(s).orElseThrow(); }

    static Volume shifted(long seed) {
        Volume v = TestVolumes.random(12, seed);
        for (int i = 0; i < v.data.length; i++) v.data[i] = 3 * v.data[i] + 7;
        return v;
    }

    @Test
    void normalizeGivesMeanZeroAndSampleSigmaOne() {
        Volume out = p("normalize").apply(shifted(1));
        assertEquals(0, out.mean(), 1e-5);
        assertEquals(1, out.sigma(), 1e-5); // Volume.sigma is the n − 1 sigma
    }

    @Test
    void constantVolumeIsLeftUnchanged() {
        Volume v = Volume.cube(6);
        v.fill(4f);
        assertArrayEquals(v.data, p("normalize").apply(v).data);
        assertArrayEquals(v.data, p("normalize.edgemean").apply(v).data);
    }

    @Test
    void edgemeanSubtractsTheSurfaceMean() {
        Volume v = shifted(2);
        int n = v.nx;
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++)
                    if (x == 0 || y == 0 || z == 0 || x == n - 1 || y == n - 1 || z == n - 1) v.set(x, y, z, 2.5f);
        double sigma = v.sigma();
        Volume out = p("normalize.edgemean").apply(v);
        assertEquals(0, out.get(0, 5, 5), 1e-6);
        assertEquals(0, out.get(n - 1, n - 1, n - 1), 1e-6);
        assertEquals((v.get(5, 6, 7) - 2.5) / sigma, out.get(5, 6, 7), 1e-5);
    }

    @Test
    void normalizeMaskUsesPopulationStatisticsInsideTheMask() {
        Volume v = shifted(3), mask = Volume.cube(12);
        for (int i = 0; i < mask.data.length; i += 3) mask.data[i] = 1f;
        Volume out = ProcessorSpec.parse("normalize.mask").orElseThrow().with("mask", mask).build().apply(v);
        double s = 0, s2 = 0;
        int k = 0;
        for (int i = 0; i < mask.data.length; i += 3) {
            s += out.data[i];
            s2 += out.data[i] * (double) out.data[i];
            k++;
        }
        assertEquals(0, s / k, 1e-5);
        assertEquals(1, Math.sqrt(s2 / k - (s / k) * (s / k)), 1e-5); // population sigma
        assertNotEquals(0f, out.data[1], "apply_mask=0 leaves the outside normalised, not zeroed");

        Volume zeroed = ProcessorSpec.parse("normalize.mask:apply_mask=1:no_sigma=1").orElseThrow().with("mask", mask).build().apply(v);
        assertEquals(0f, zeroed.data[1]);
        double mean = s(v, mask) ;
        assertEquals(v.data[3] - mean, zeroed.data[3], 1e-4);
    }

    private static double s(Volume v, Volume mask) {
        double s = 0;
        int k = 0;
        for (int i = 0; i < v.data.length; i++) if (mask.data[i] != 0) { s += v.data[i] * mask.data[i]; k++; }
        return s / k;
    }

    @Test
    void byMassPutsThrAtTheMassEnclosingContour() {
        // a Gaussian blob: the mass above the contour grows as the contour falls
        Volume v = TestVolumes.blob(32, 16, 16, 16, 4);
        double apix = 2, perVoxel = apix * apix * apix * 0.81 / 1000, mass = 2000 * perVoxel;
        Volume out = Processors.parse("normalize.bymass:mass=" + mass + ":thr=0.5:apix=" + apix).orElseThrow().apply(v);
        int above = 0;
        for (float x : out.data) if (x >= 0.5f) above++;
        // the search stops within the last step of the exact count; the contour is one voxel shell wide here
        assertEquals(2000, above, 60);
        double ratio = out.data[v.index(16, 16, 16)] / v.data[v.index(16, 16, 16)];
        for (int i = 0; i < v.data.length; i += 97) assertEquals(ratio * v.data[i], out.data[i], 1e-5 * (1 + Math.abs(out.data[i])));
    }
}
