package org.jspt.proc.math;

import static org.junit.jupiter.api.Assertions.*;

import org.jspt.image.Volume;
import org.jspt.proc.Processors;
import org.jspt.proc.TestVolumes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MathProcessorTest {
    static Volume apply(String spec, Volume v) { return Processors.parse(spec).orElseThrow().apply(v); }

    static Volume values(float... d) { return new Volume(d.length, 1, 1, d.clone(), null); }

    @Test
    void thresholds() {
        Volume v = values(-2, -0.5f, 0, 0.5f, 1, 3);
        assertArrayEquals(new float[] {0, 0, 0, 0.5f, 1, 3}, apply("threshold.belowtozero", v).data);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 3}, apply("threshold.belowtozero:minval=1", v).data);
        assertArrayEquals(new float[] {0, 0, 0, 0.5f, 1, 1}, apply("threshold.clampminmax", v).data);
        float mean = (float) v.mean();
        assertArrayEquals(new float[] {mean, -0.5f, 0, 0.5f, 1, mean}, apply("threshold.clampminmax:minval=-1:maxval=2:tomean=1", v).data);
        assertArrayEquals(new float[] {0, -0.5f, 0, 0.5f, 1, 0}, apply("threshold.clampminmax:minval=-1:maxval=2:tozero=1", v).data);
        assertArrayEquals(new float[] {0, 1, 1, 1, 1, 0}, apply("threshold.binaryrange:low=-0.5:high=1", v).data);
        double lo = v.mean() - v.sigma(), hi = v.mean() + v.sigma();
        float[] exp = v.data.clone();
        for (int i = 0; i < exp.length; i++) exp[i] = exp[i] < (float) lo ? (float) lo : exp[i] > (float) hi ? (float) hi : exp[i];
        assertArrayEquals(exp, apply("threshold.clampminmax.nsigma:nsigma=1", v).data);
    }

    @ParameterizedTest
    @CsvSource({"24,2", "25,2", "26,3", "24,4"})
    void meanshrinkAveragesBlocksOfALinearPattern(int n, int f) {
        Volume v = Volume.cube(n).setApix(1.5);
        for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) v.set(x, y, z, x + 32 * y + 1024 * z);
        Volume out = apply("math.meanshrink:n=" + f, v);
        int m = n / f;
        assertEquals(m, out.nx);
        assertEquals(m, out.nz);
        double h = (f - 1) / 2.0;
        for (int k = 0; k < m; k++) for (int j = 0; j < m; j++) for (int i = 0; i < m; i++)
            assertEquals((f * i + h) + 32 * (f * j + h) + 1024 * (f * k + h), out.get(i, j, k), 1e-2);
        assertEquals(1.5 * f, out.apix(), 1e-6);
    }

    @Test
    void fftResampleDownsamplesALowFrequencyExactlyWithEman2sScaling() {
        Volume v = TestVolumes.cosine(32, 2, 1, 0).setApix(1.5);
        Volume out = apply("math.fft.resample:n=2", v);
        assertEquals(16, out.nx);
        for (int z = 0; z < 16; z++) for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++)
            assertEquals(8 * v.get(2 * x, 2 * y, 2 * z), out.get(x, y, z), 1e-4, "(N/N')³ = 8 times the sample");
        assertEquals(3.0, out.apix(), 1e-6);
        Volume odd = apply("math.fft.resample:n=1.5", v);
        assertEquals(21, odd.nx);
        assertEquals(1.5 * 32 / 21, odd.apix(), 1e-5);
    }

    @Test
    void fftResampleUpsamplesALowFrequencyWithEman2sScaling() {
        Volume v = TestVolumes.cosine(16, 1, 0, 2);
        Volume out = apply("math.fft.resample:n=0.5", v);
        assertEquals(32, out.nx);
        for (int z = 0; z < 32; z++) for (int x = 0; x < 32; x++)
            assertEquals(Math.cos(2 * Math.PI * (x + 2 * z) / 32.0) / 8, out.get(x, 5, z), 1e-5);
        assertSame(null, null);
        Volume same = apply("math.fft.resample:n=1.01", v);
        assertArrayEquals(v.data, same.data, "N' = N is a copy");
    }

    @ParameterizedTest
    @CsvSource({"32,24", "32,40", "31,24", "32,23", "33,40"})
    void clipUsesEman2sOrigin(int n, int c) {
        Volume v = Volume.cube(n);
        for (int i = 0; i < v.data.length; i++) v.data[i] = i + 1;
        Volume out = apply("xform.clip3d:size=" + c, v);
        assertEquals(c, out.nx);
        int o = Math.floorDiv(2 * (n / 2) - c, 2);
        for (int z = 0; z < c; z += 3) for (int y = 0; y < c; y += 2) for (int x = 0; x < c; x++) {
            int sx = x + o, sy = y + o, sz = z + o;
            boolean inside = sx >= 0 && sy >= 0 && sz >= 0 && sx < n && sy < n && sz < n;
            assertEquals(inside ? v.get(sx, sy, sz) : 0f, out.get(x, y, z));
        }
        if (n % 2 == 0 && c % 2 == 0) assertEquals(v.get(n / 2, n / 2, n / 2), out.get(c / 2, c / 2, c / 2));
    }
}
