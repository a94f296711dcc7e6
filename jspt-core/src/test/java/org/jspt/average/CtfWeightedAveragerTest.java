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
        CtfWeightedAverager all = new CtfWeightedAverager(c), even = new CtfWeightedAverager(c), odd = new CtfWeightedAverager(c);
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

    @Test
    void refusesAWeightOfTheOtherConvention() {
        CtfWeightedAverager a = new CtfWeightedAverager(WeightConvention.CTF);
        FourierWeight w = FourierWeight.ones(16, WeightConvention.PREMULTIPLIED);
        assertThrows(IllegalArgumentException.class, () -> a.add(Volume.cube(16), w, 1));
    }
}
