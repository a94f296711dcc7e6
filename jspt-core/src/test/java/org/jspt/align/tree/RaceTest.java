package org.jspt.align.tree;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspt.geom.Symmetry;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.sim.ClassSource;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * The final level's race ({@link TreeSearch#refine} with {@code race}): candidates far behind after the first step
 * stop there, and the best solution is the one that refining every candidate to the end gives.
 */
class RaceTest {
    private static final int N = 32;

    @Test
    void theRaceStopsLosingCandidatesAndKeepsTheWinner() {
        SimulationParams sp = new SimulationParams(N, 4, 9, Double.POSITIVE_INFINITY, 90, 0, 1, 1);
        Volume ref = new Simulator(List.of(ClassSource.phantom("dumbbell", N, 4)), sp).truthMap(0);
        Transform pose = Transform.eman(25, 60, 200, 0.7, -1.2, 0.4);
        Volume particle = VolumeTransforms.apply(ref, pose);
        Random rnd = new Random(5);
        float sigma = (float) (0.5 * particle.sigma());
        for (int i = 0; i < particle.data.length; i++) particle.data[i] += sigma * (float) rnd.nextGaussian();

        TreeSearchSpec spec = new TreeSearchSpec(N, Symmetry.c(1), 0.01, 0.01, 0, 0, 0, 4);
        PreparedReference pr = new PreparedReference(ref, spec, 1, false);
        PreparedParticle pp = new PreparedParticle(particle, spec);
        int last = spec.levels.size() - 1;
        assertTrue(last >= 1, "the schedule has a refinement level");
        Band band = pp.levels[last];
        double step0 = spec.levels.get(last - 1).astep() / 4, minStep = Math.min(0.4, spec.levels.get(last).astep() / 4);
        double shiftStep = (double) N / spec.levels.get(last).ss();

        // The reference turned by the particle's pose matches the particle: starts near it and in other basins.
        double[][] offsets = {{1.5, -1, 0.5}, {0, 2.5, -1}, {40, 0, 0}, {0, 0, 95}, {-60, 80, 0}, {0, 150, 20}};
        List<Candidate> a = new ArrayList<>(), b = new ArrayList<>();
        double[] small = new double[9], truth = new double[9], start = new double[9];
        for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) truth[3 * r + c] = pose.get(r, c);
        double[] t = {pose.tx(), pose.ty(), pose.tz()};
        for (int i = 0; i < offsets.length; i++) {
            TreeSearch.rotationVector(offsets[i][0], offsets[i][1], offsets[i][2], small);
            TreeSearch.multiply(small, truth, start);
            a.add(new Candidate(start, 0, t, i));
            b.add(new Candidate(start, 0, t, i));
        }
        TreeSearch ts = new TreeSearch(spec);
        ts.screen(a, pp, pr, band, shiftStep);
        ts.screen(b, pp, pr, band, shiftStep);
        ts.refine(a, pp, pr, band, step0, minStep, shiftStep, 0, 0, true, false, false);
        ts.refine(b, pp, pr, band, step0, minStep, shiftStep, 0, 0, true, false, true);

        Candidate full = a.get(0), raced = b.get(0);
        assertEquals(full.score, raced.score, 1e-12, "the race changed the best score");
        assertTrue(Candidate.angle(full.rot, 0, raced.rot, 0) < 1e-6, "the race changed the best rotation");
        assertTrue(Candidate.angle(raced.rot, 0, truth, 0) < 3, "the best solution is near the truth");
        int stopped = 0;
        for (Candidate c : b) if (c.step >= minStep) stopped++;
        for (Candidate c : a) assertTrue(c.step < minStep, "without the race every candidate is refined to the end");
        assertTrue(stopped >= 1, "the race stopped no candidate");
        for (Candidate c : b) {
            if (c.step >= minStep) assertTrue(-c.score < TreeSearch.RACE_FRACTION * -raced.score, "a stopped candidate was within the race's margin");
        }
    }
}
