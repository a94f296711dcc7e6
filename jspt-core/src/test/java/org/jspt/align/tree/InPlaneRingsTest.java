package org.jspt.align.tree;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;
import org.jspt.Fixtures;
import org.jspt.geom.Symmetry;
import org.jspt.image.Volume;
import org.jspt.proc.TestVolumes;
import org.jspt.sim.ClassSource;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * The in-plane ring pass of the pre-score ({@link InPlaneRings}) stands in for the exact pre-score when it chooses the
 * orientations the exact one then ranks: on particles of a structure not used while it was developed (1A8O, SNR 0.05,
 * ±60° wedge), against the true map and against another particle (a noisy reference with its own wedge), its scores of all 36,407 orientations correlate with the exact ones, the exact best orientation is
 * always among its best {@link TreeSearch#FIRST_PASS_KEEP}, and so are nearly all of the exact best 192 (the CCF stage's
 * survivors). Checked by hand: with the grid's in-plane turn taken the wrong way round, the first particle's exact best
 * orientation falls out of the ring pass's best.
 */
class InPlaneRingsTest {
    @Test
    void ringScoresKeepTheExactPreScoresBestOrientations() throws Exception {
        int n = 32;
        List<ClassSource> classes = List.of(ClassSource.fromPdbSpec(Fixtures.pdb("1A8O.pdb").toString()));
        Simulator sim = new Simulator(classes, new SimulationParams(n, 2, 8, 0.05, 60, 2, 5150, 5));
        TreeSearchSpec spec = new TreeSearchSpec(n, Symmetry.c(1), 0.01, 0.01, 0, 0, 0, 2);
        TreeSearch ts = new TreeSearch(spec);
        Volume map = sim.truthMap(0);
        double worstCorrelation = 1, recall = 0;
        int pairs = 0;
        for (int i = 0; i < 4; i++) {
            PreparedParticle p = new PreparedParticle(sim.particle(i), spec);
            Volume[] refs = {map, sim.particle(i + 1)};
            for (Volume ref : refs) {
                PreparedReference withTable = new PreparedReference(ref, spec, 2, true);
                float[] ring = ts.ringPass(p, withTable).clone();
                float[] exact = new float[spec.globalCount];
                for (int o = 0; o < exact.length; o++) {
                    exact[o] = TreeSearch.rowScore(withTable.ampTable, o * withTable.ampStride, p.ampIndex, p.ampValue, p.ampIndex.length, p.ampPower);
                }
                worstCorrelation = Math.min(worstCorrelation, TestVolumes.correlation(ring, exact));
                Integer[] byExact = order(exact), byRing = order(ring);
                boolean[] kept = new boolean[exact.length];
                for (int k = 0; k < TreeSearch.FIRST_PASS_KEEP; k++) kept[byRing[k]] = true;
                assertTrue(kept[byExact[0]], "particle " + i + ": the exact best orientation is not among the ring pass's best");
                int in = 0;
                for (int k = 0; k < spec.ccfSurvivors; k++) if (kept[byExact[k]]) in++;
                recall += (double) in / spec.ccfSurvivors;
                pairs++;
            }
        }
        assertTrue(worstCorrelation > 0.97, "ring and exact pre-scores correlate only " + worstCorrelation);
        assertTrue(recall / pairs > 0.98, "the ring pass keeps " + recall / pairs + " of the exact best 192");
    }

    private static Integer[] order(float[] s) {
        Integer[] o = new Integer[s.length];
        for (int i = 0; i < o.length; i++) o[i] = i;
        Arrays.sort(o, (a, b) -> Float.compare(s[a], s[b]));
        return o;
    }
}
