package org.jspt.align.tree;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.jspt.align.AlignResult;
import org.jspt.geom.Symmetry;
import org.jspt.geom.Transform;
import org.jspt.sim.ClassSource;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * The final level's approach band (alignment.md §7.4.3): its limits, and the contract of a global search that uses it —
 * every solution's score is the final band's score at its pose, and the best solution is a local optimum of the final
 * band at the last step (no axis turn of that step improves it there). At SNR 0.03 both fail if the best candidate skips
 * its last step on the final band, or if the candidates are ranked by their approach-band scores (checked by hand; at
 * SNR 0.1 the approach alone already left these particles' best candidates at such an optimum).
 */
class ApproachBandTest {
    private static final int N = 48;

    private static TreeSearchSpec spec(int n, double maxres) {
        return new TreeSearchSpec(n, Symmetry.c(1), 0.01, 0.01, 0, 0, maxres, 4);
    }

    @Test
    void theApproachBandLiesHalfwayBetweenTheLastTwoLevels() {
        TreeSearchSpec s48 = spec(48, 0), s64 = spec(64, 0);
        // 48³: levels 24 (shells ≤ 8) and 48 (≤ 16); 64³: 24, 48 (≤ 16) and 64 (≤ 21).
        assertEquals(16, s48.finalList.rmax);
        assertEquals(12, s48.approachList.rmax);
        assertEquals(s48.finalList.rmin, s48.approachList.rmin);
        assertEquals(18, s64.approachList.rmax);
        // One level (16³): the final level is the global one, nothing to approach.
        assertNull(spec(16, 0).approachList);
        // maxres that puts the final band at the level before's limit: no band between them.
        assertNull(spec(48, 4.0 * 48 / 8).approachList);
    }

    @Test
    void solutionsCarryFinalBandScoresAndTheBestTookTheLastStep() {
        SimulationParams sp = new SimulationParams(N, 3, 10, 0.03, 60, 2, 4711, 4);
        Simulator sim = new Simulator(List.of(ClassSource.phantom("tripod", N, 4)), sp);
        TreeSearchSpec spec = spec(N, 0);
        PreparedReference ref = new PreparedReference(sim.truthMap(0), spec, 1, false);
        MultiReferenceAligner aligner = new MultiReferenceAligner(spec, List.of(sim.truthMap(0)), 1, false);
        Level last = spec.levels.get(spec.levels.size() - 1);
        double lastStep = Level.astep(spec.levels.get(spec.levels.size() - 2).ss()) / 4;
        while (lastStep >= 2 * Math.min(0.4, last.astep() / 4)) lastStep /= 2;
        Scorer scorer = new Scorer();
        double[] rot = new double[9], small = new double[9], turned = new double[9];
        for (int i = 0; i < sim.count(); i++) {
            PreparedParticle p = new PreparedParticle(sim.particle(i), spec);
            Band band = p.levels[p.levels.length - 1];
            // One solution (the others are left unfinished, with final-band scores where they stand) and three.
            List<AlignResult> res = new java.util.ArrayList<>(aligner.align(sim.particle(i), 1).get(0));
            List<AlignResult> three = aligner.align(sim.particle(i), 3).get(0);
            assertTrue(three.size() >= 2, "particle " + i + ": " + three.size() + " solutions");
            // Finishing more candidates can only find a better best.
            assertTrue(three.get(0).score() <= res.get(0).score() + 1e-9, "particle " + i + ": three solutions' best is worse than one's");
            res.addAll(three.subList(1, three.size()));
            for (int s = 0; s < res.size(); s++) {
                Transform x = res.get(s).xform().inverse();
                for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) rot[3 * r + c] = x.get(r, c);
                scorer.phasesAt(band, N, new double[] {x.tx(), x.ty(), x.tz()});
                double here = scorer.scoreAt(ref, band, rot, 0);
                assertEquals(here, res.get(s).score(), 1e-5, "particle " + i + ", solution " + s + ": the score is not the final band's");
                if (s > 0) continue;
                for (int axis = 0; axis < 3; axis++) {
                    for (int sign = -1; sign <= 1; sign += 2) {
                        double a = sign * lastStep;
                        TreeSearch.rotationVector(axis == 0 ? a : 0, axis == 1 ? a : 0, axis == 2 ? a : 0, small);
                        TreeSearch.multiply(small, rot, turned);
                        double t = scorer.scoreAt(ref, band, turned, 0);
                        assertTrue(t >= here - 1e-5, "particle " + i + ": turning the best solution " + a + "° about axis " + axis
                                + " improves its final-band score from " + here + " to " + t);
                    }
                }
            }
        }
    }
}
