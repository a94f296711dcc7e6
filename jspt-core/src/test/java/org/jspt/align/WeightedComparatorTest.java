package org.jspt.align;

import static org.junit.jupiter.api.Assertions.*;

import org.jspt.ctf.FourierWeight;
import org.jspt.ctf.SyntheticWeights;
import org.jspt.ctf.WeightConvention;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;
import org.junit.jupiter.api.Test;

/**
 * The weighted comparators compare the particle with M·reference over M ≠ 0: with the particle's own CTF the
 * right reference scores near −1 (noise-free) and better than EMAN2's unweighted form; another CTF, or a wrong
 * reference, scores clearly worse.
 */
class WeightedComparatorTest {
    private static final int N = 32;

    @Test
    void cccTomoThreshUsesTheParticlesWeight() {
        check(new CccTomoThresh());
    }

    @Test
    void fscTomoAutoUsesTheParticlesWeight() {
        check(new FscTomoAuto());
    }

    private static void check(WeightedComparator c) {
        Volume truth = AlignTestData.phantom(N, 11), other = AlignTestData.phantom(N, 12);
        FourierWeight m = SyntheticWeights.ctf(N, 6, -54, 62, WeightConvention.CTF);
        FourierWeight wrongCtf = SyntheticWeights.ctf(N, 8.5, -54, 62, WeightConvention.CTF);
        FourierVolume ref = Fft.forward(truth), wrongRef = Fft.forward(other);
        FourierVolume clean = Fft.forward(SyntheticWeights.measure(truth, m, 0, 1));
        assertEquals(-1, c.compareWeighted(clean, m, ref, 4), 1e-4, c.name() + " noise-free");
        FourierVolume noisy = Fft.forward(SyntheticWeights.measure(truth, m, 0.05, 2));
        double right = c.compareWeighted(noisy, m, ref, 4);
        double unweighted = c.compare(noisy, ref, 4);
        double otherCtf = c.compareWeighted(noisy, wrongCtf, ref, 4);
        double otherRef = c.compareWeighted(noisy, m, wrongRef, 4);
        String all = c.name() + ": right " + right + ", unweighted " + unweighted + ", other CTF " + otherCtf + ", other reference " + otherRef;
        assertTrue(right < unweighted - 0.1, all);
        assertTrue(right < otherCtf - 0.1, all);
        assertTrue(right < otherRef - 0.1, all);
    }
}
