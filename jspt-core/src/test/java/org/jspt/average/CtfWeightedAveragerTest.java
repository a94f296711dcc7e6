package org.jspt.average;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.jspt.ctf.FourierWeight;
import org.jspt.ctf.SyntheticWeights;
import org.jspt.ctf.WeightConvention;
import org.jspt.image.Volume;
import org.jspt.sim.ClassSource;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * The CTF-corrected average recovers the signal from particles with different CTFs and tilt ranges, in both
 * conventions (compared with the truth inside the tilt range the particles share), far better than a plain
 * mean (which averages CTF sign flips away); the two halves merged give the average of all.
 */
class CtfWeightedAveragerTest {
    private static final int N = 32, COUNT = 16;

    @Test
    void ctfConventionRecoversTheSignal() { check(WeightConvention.CTF); }

    @Test
    void premultipliedConventionRecoversTheSignal() { check(WeightConvention.PREMULTIPLIED); }

    private static void check(WeightConvention c) {
        Simulator sim = new Simulator(List.of(ClassSource.phantom("snowman", N, 4)), new SimulationParams(N, 4, 8, 1e9, 90, 0, 5, 1));
        Volume truth = sim.truthMap(0);
        double sigma = truth.sigma() / Math.sqrt(2.0);
        CtfWeightedAverager all = new CtfWeightedAverager(), even = new CtfWeightedAverager(), odd = new CtfWeightedAverager();
        MeanAverager plain = new MeanAverager(false);
        for (int i = 0; i < COUNT; i++) {
            double zero = 4 + 6.0 * i / COUNT;
            FourierWeight w = SyntheticWeights.ctf(N, zero, i % 2 == 0 ? -54 : -62, i % 2 == 0 ? 62 : 50, c);
            Volume d = SyntheticWeights.measure(truth, w, sigma, 300 + i);
            all.add(d, w, 1);
            (i % 2 == 0 ? even : odd).add(d, w, 1);
            plain.add(d);
        }
        Volume avg = all.finish();
        // What the particles measured together: the truth within the union of their tilt ranges, −62..62.
        truth = SyntheticWeights.measure(truth, org.jspt.ctf.TiltRangeWedge.weight(N, -62, 62, WeightConvention.CTF), 0, 0);
        Volume mask = SyntheticWeights.sphere(N, N / 2 - 2);
        double cc = SyntheticWeights.correlation(avg, truth, mask), ccPlain = SyntheticWeights.correlation(plain.finish(), truth, mask);
        assertTrue(cc >= 0.95, c + ": weighted average vs truth " + cc + " (plain mean " + ccPlain + ")");
        assertTrue(cc > ccPlain + 0.1, c + ": weighted " + cc + " vs plain mean " + ccPlain);
        even.merge(odd);
        assertTrue(SyntheticWeights.correlation(even.finish(), avg, null) > 0.99999, "halves merged = all");
        assertEquals(COUNT, even.count());
        assertEquals(COUNT, (int) avg.header().getDouble("ptcl_repr", 0));
    }

    /** A premultiplied particle adds (D, M), a CTF one (M·D, M²): the same estimate from either. */
    @Test
    void conventionsMixInOneAverage() {
        Simulator sim = new Simulator(List.of(ClassSource.phantom("ring", N, 4)), new SimulationParams(N, 4, 8, 1e9, 90, 0, 6, 1));
        Volume truth = sim.truthMap(0);
        CtfWeightedAverager mixed = new CtfWeightedAverager();
        for (int i = 0; i < 8; i++) {
            WeightConvention c = i % 2 == 0 ? WeightConvention.CTF : WeightConvention.PREMULTIPLIED;
            FourierWeight w = SyntheticWeights.ctf(N, 4 + 0.7 * i, -60, 60, c);
            mixed.add(SyntheticWeights.measure(truth, w, 0, 0), w, 1);
        }
        truth = SyntheticWeights.measure(truth, org.jspt.ctf.TiltRangeWedge.weight(N, -60, 60, WeightConvention.CTF), 0, 0);
        double cc = SyntheticWeights.correlation(mixed.finish(), truth, SyntheticWeights.sphere(N, N / 2 - 2));
        assertTrue(cc > 0.99, "noise-free mixed average vs truth " + cc);
    }
}
