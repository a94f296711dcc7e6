package org.jspt.proc.filter;

import static org.junit.jupiter.api.Assertions.*;

import org.jspt.image.FourierVolume;
import org.jspt.image.Fft;
import org.jspt.image.Volume;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;
import org.jspt.proc.TestVolumes;
import org.junit.jupiter.api.Test;

class RandomPhaseAndMatchToTest {
    @Test
    void randomPhaseKeepsAmplitudesAndScramblesPhasesOnlyBeyondTheCutoff() {
        int n = 16;
        double c = 0.25;
        Volume in = TestVolumes.random(n, 11);
        Volume out = Processors.parse("filter.lowpass.randomphase:cutoff_abs=" + c + ":seed=5").orElseThrow().apply(in);
        FourierVolume f = Fft.forward(in), g = Fft.forward(out);
        int beyond = 0, changed = 0;
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int kx = 0; kx < f.nkx; kx++) {
                    int ky = FourierVolume.signedIndex(y, n), kz = FourierVolume.signedIndex(z, n);
                    int i = f.index(kx, ky, kz);
                    double a = Math.hypot(f.data[i], f.data[i + 1]), b = Math.hypot(g.data[i], g.data[i + 1]);
                    assertEquals(a, b, 1e-4 * (1 + a), "amplitude at " + kx + "," + ky + "," + kz);
                    double dphi = Math.atan2(f.data[i + 1], f.data[i]) - Math.atan2(g.data[i + 1], g.data[i]);
                    double dist = Math.abs(Math.atan2(Math.sin(dphi), Math.cos(dphi)));
                    if (f.frequency(kx, ky, kz) < c) {
                        assertEquals(0, dist, 1e-3, "phase below the cutoff at " + kx + "," + ky + "," + kz);
                    } else {
                        beyond++;
                        if (dist > 0.05) changed++;
                    }
                }
        assertTrue(beyond > 500);
        assertTrue(changed > 0.9 * beyond, changed + " of " + beyond + " phases changed");
    }

    @Test
    void randomPhaseIsReproducibleWithASeedOnly() {
        Volume in = TestVolumes.random(8, 2);
        Processor a = Processors.parse("filter.lowpass.randomphase:cutoff_abs=0.2:seed=9").orElseThrow();
        assertArrayEquals(a.apply(in).data, a.apply(in).data);
        Processor u = Processors.parse("filter.lowpass.randomphase:cutoff_abs=0.2").orElseThrow();
        assertFalse(java.util.Arrays.equals(u.apply(in).data, u.apply(in).data));
    }

    @Test
    void matchToScalesTheRadialPowerToTheTarget() {
        Volume img = TestVolumes.random(16, 3);
        // target = img low-passed by a known radial Gaussian: matching by power ratio recovers that filter
        Volume to = Processors.parse("filter.lowpass.gauss:cutoff_abs=0.2").orElseThrow().apply(img);
        Volume out = Processors.parse("filter.matchto:to=t:interpolate=0", s -> to).orElseThrow().apply(img);
        // not exact: the gain varies inside each 1-px shell
        assertTrue(TestVolumes.correlation(out.data, to.data) > 0.98, "corr " + TestVolumes.correlation(out.data, to.data));
        Volume twice = img.copy();
        for (int i = 0; i < twice.data.length; i++) twice.data[i] *= 2;
        Volume doubled = Processors.parse("filter.matchto:to=t", s -> twice).orElseThrow().apply(img);
        for (int i = 0; i < img.data.length; i++) assertEquals(2 * img.data[i], doubled.data[i], 1e-4);
        // bydot (spec formula Σ Re(F_img conj F_to)/Σ|F_to|²): for to = 2·img the factor is 1/2
        Volume half = Processors.parse("filter.matchto:to=t:bydot=1", s -> twice).orElseThrow().apply(img);
        for (int i = 0; i < img.data.length; i++) assertEquals(0.5 * img.data[i], half.data[i], 1e-4);
    }
}
