package org.jspt.proc.filter;

import static org.junit.jupiter.api.Assertions.*;

import org.jspt.image.Volume;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;
import org.jspt.proc.TestVolumes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Filter gains measured on single-frequency cosines: the gain at s = |k|/N is ⟨out, in⟩/⟨in, in⟩, compared with
 * the analytic H(s) of docs/reference/processing.md §3. N = 32, apix 2: k = 4 is s = 0.125 cycles/px = 0.0625 1/Å.
 */
class FilterGainTest {
    static final int N = 32;
    static final double TOL = 2e-5;

    static double gain(String spec, int kx, int ky, int kz) {
        Processor p = Processors.parse(spec).orElseThrow();
        Volume in = TestVolumes.cosine(N, kx, ky, kz).setApix(2.0);
        return TestVolumes.dot(p.apply(in), in) / TestVolumes.dot(in, in);
    }

    @ParameterizedTest
    @CsvSource({"cutoff_abs=0.125", "cutoff_freq=0.0625", "cutoff_pixels=4", "cutoff_freq=0.03125:apix=4"})
    void gaussLowpassIsOneOverEAtItsCutoffInEveryUnit(String cutoff) {
        assertEquals(Math.exp(-1), gain("filter.lowpass.gauss:" + cutoff, 4, 0, 0), TOL);
        assertEquals(Math.exp(-1), gain("filter.lowpass.gauss:" + cutoff, 0, 4, 0), TOL);
        assertEquals(Math.exp(-9), gain("filter.lowpass.gauss:" + cutoff, 12, 0, 0), TOL);
        assertEquals(1.0, gain("filter.lowpass.gauss:" + cutoff, 0, 0, 0), TOL);
    }

    @Test
    void gaussSigmaIsTheGaussianSigma() {
        assertEquals(Math.exp(-0.5), gain("filter.lowpass.gauss:sigma=0.125", 4, 0, 0), TOL);
        assertEquals(1 - Math.exp(-0.5), gain("filter.highpass.gauss:sigma=0.125", 4, 0, 0), TOL);
        // sigma wins over cutoff_abs
        assertEquals(Math.exp(-0.5), gain("filter.lowpass.gauss:cutoff_abs=0.3:sigma=0.125", 4, 0, 0), TOL);
    }

    @Test
    void gaussCutoffResolv() {
        double apix = 2, r = 1 / (0.05 * apix), sig = Math.sqrt(-4 * Math.log(0.36)) / (Math.PI * r);
        double s = Math.sqrt(2 * 16.0 + 9) / N;
        assertEquals(Math.exp(-s * s / (sig * sig)), gain("filter.lowpass.gauss:cutoff_resolv=0.05", 4, 4, 3), TOL);
    }

    @Test
    void apixParameterOverridesAndIsStamped() {
        Processor p = Processors.parse("filter.lowpass.gauss:cutoff_freq=0.05:apix=4").orElseThrow();
        assertEquals(4.0, p.apply(TestVolumes.random(8, 1).setApix(2)).apix(), 1e-6);
    }

    @Test
    void gaussHighpass() {
        assertEquals(1 - Math.exp(-1), gain("filter.highpass.gauss:cutoff_abs=0.125", 0, 0, 4), TOL);
        assertEquals(0, gain("filter.highpass.gauss:cutoff_abs=0.125", 0, 0, 0), TOL);
        assertEquals(1 - Math.exp(-9), gain("filter.highpass.gauss:cutoff_pixels=4", 12, 0, 0), TOL);
    }

    @Test
    void tanhIsOneHalfAtTheCutoff() {
        double k = Math.PI / (2 * 0.5 * 0.125);
        double atC = 0.5 * (Math.tanh(k * 0.25) - Math.tanh(0));
        assertEquals(atC, gain("filter.lowpass.tanh:cutoff_abs=0.125", 4, 0, 0), TOL);
        assertEquals(0.5, atC, 1e-5);
        assertEquals(1, gain("filter.lowpass.tanh:cutoff_abs=0.125:fall_off=0.2", 1, 0, 0), 1e-4);
        assertEquals(0, gain("filter.lowpass.tanh:cutoff_abs=0.125:fall_off=0.2", 8, 0, 0), 1e-4);
        assertEquals(1 - atC, gain("filter.highpass.tanh:cutoff_abs=0.125", 4, 0, 0), TOL);
        assertEquals(0, gain("filter.highpass.tanh:sigma=0.125:fall_off=0.2", 1, 0, 0), 1e-4);
        assertEquals(1, gain("filter.highpass.tanh:cutoff_abs=0.125:fall_off=0.2", 8, 0, 0), 1e-4);
    }

    @Test
    void butterworthGainsAtOmegaLowAndHigh() {
        double atLow = 1 / Math.sqrt(1 + 0.882 * 0.882), atHigh = 1 / 10.624;
        assertEquals(atLow, gain("filter.lowpass.butterworth:low_cutoff_frequency=0.125:high_cutoff_frequency=0.25", 4, 0, 0), TOL);
        assertEquals(atHigh, gain("filter.lowpass.butterworth:low_cutoff_frequency=0.125:high_cutoff_frequency=0.25", 8, 0, 0), TOL);
        assertEquals(1 - atLow, gain("filter.highpass.butterworth:low_cutoff_frequency=0.125:high_cutoff_frequency=0.25", 4, 0, 0), TOL);
        assertEquals(atLow, gain("filter.lowpass.butterworth:cutoff_abs=0.125", 4, 0, 0), TOL);
        // ωH = c + 0.15·log10(1/c) = 0.125 + 0.15·0.90309 = 0.2605; far beyond it the gain is tiny
        assertTrue(gain("filter.lowpass.butterworth:cutoff_abs=0.125", 14, 0, 0) < 0.03);
        assertEquals(1.0, gain("filter.lowpass.butterworth:cutoff_abs=0.125", 0, 0, 0), TOL);
    }

    @Test
    void butterworthIgnoresApixParameter() {
        assertEquals(gain("filter.lowpass.butterworth:cutoff_freq=0.0625", 4, 0, 0),
                gain("filter.lowpass.butterworth:cutoff_freq=0.0625:apix=7", 4, 0, 0), 1e-7);
    }

    @Test
    void tophats() {
        assertEquals(1, gain("filter.lowpass.tophat:cutoff_abs=0.125", 4, 0, 0), TOL);
        assertEquals(0, gain("filter.lowpass.tophat:cutoff_abs=0.125", 4, 1, 0), TOL);
        assertEquals(0, gain("filter.highpass.tophat:cutoff_abs=0.125", 4, 0, 0), TOL);
        assertEquals(1, gain("filter.highpass.tophat:cutoff_abs=0.125", 4, 1, 0), TOL);
    }
}
