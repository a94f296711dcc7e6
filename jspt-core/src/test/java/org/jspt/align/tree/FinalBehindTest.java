package org.jspt.align.tree;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspt.Fixtures;
import org.jspt.align.AlignResult;
import org.jspt.geom.Symmetry;
import org.jspt.image.Volume;
import org.jspt.sim.ClassSource;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * The refinement levels' pruning of references that are not the best one: a reference below
 * {@link MultiReferenceAligner#BEHIND_FRACTION} of the best, scored on the level's band, is not refined from then on,
 * and the others refine only their best {@link MultiReferenceAligner#RUNNER_UP_KEEP} candidates. On particles of two
 * complexes with and without a subunit (the classes this must not confuse) at SNR 0.01, every particle's best reference,
 * its pose and its score are exactly those of a search that refines every candidate of every reference down to the
 * earlier cut of 0.9; the pruning has to change some reference's score, or the comparison says nothing. At 48³ the
 * pruned level is the final one; at 64³ also level 1 before it. Checked by hand at 48³: a cut of 0.999 changes
 * particle 14's best reference (0.97 and 0.98 do not; at SNR 0.05 even 0.999 did not, the classes being too far apart
 * there).
 */
class FinalBehindTest {
    @Test
    void referencesPrunedOnTheFinalLevelNeverHoldTheBestSolution() throws Exception {
        assertPruningKeepsTheBest(48, 3, 9393, 8);
    }

    @Test
    void referencesPrunedBeforeTheFinalLevelNeverHoldTheBestSolution() throws Exception {
        assertPruningKeepsTheBest(64, 2.25, 6464, 4);
    }

    private static void assertPruningKeepsTheBest(int n, double apix, long seed, int perClass) throws Exception {
        Path lcd = Fixtures.pdb("1LCD.pdb"), beg = Fixtures.pdb("2BEG.pdb");
        List<ClassSource> classes = List.of(ClassSource.fromPdbSpec(lcd + ":ABC"), ClassSource.fromPdbSpec(lcd + ":AB"),
                ClassSource.fromPdbSpec(beg.toString()), ClassSource.fromPdbSpec(beg + ":ABCD"));
        Simulator sim = new Simulator(classes, new SimulationParams(n, apix, 10, 0.01, 60, 2, seed, perClass));
        List<Volume> maps = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) maps.add(sim.truthMap(c));
        TreeSearchSpec spec = new TreeSearchSpec(n, Symmetry.c(1), 0.01, 0.01, 0, 0, 0, apix);
        MultiReferenceAligner pruned = new MultiReferenceAligner(spec, maps, 1, true);
        // The cut of before session 18 on every level, and every candidate refined.
        MultiReferenceAligner all = new MultiReferenceAligner(spec, maps, 1, true, 0.9, Integer.MAX_VALUE);
        int changed = 0;
        for (int i = 0; i < sim.count(); i++) {
            List<List<AlignResult>> a = pruned.align(sim.particle(i), 1), b = all.align(sim.particle(i), 1);
            int ba = best(a), bb = best(b);
            assertEquals(bb, ba, n + "³, particle " + i + ": the best reference changed");
            AlignResult x = a.get(ba).get(0), y = b.get(bb).get(0);
            assertEquals(y.score(), x.score(), 0, n + "³, particle " + i + ": the best score changed");
            assertEquals(y.xform(), x.xform(), n + "³, particle " + i + ": the best pose changed");
            // A reference the pruning left where it stood, or refined from fewer candidates, may score otherwise.
            for (int j = 0; j < a.size(); j++) if (a.get(j).get(0).score() != b.get(j).get(0).score()) changed++;
        }
        assertTrue(changed > 0, n + "³: the pruning changed no reference's score");
    }

    private static int best(List<List<AlignResult>> r) {
        int b = 0;
        for (int j = 1; j < r.size(); j++) if (r.get(j).get(0).score() < r.get(b).get(0).score()) b = j;
        return b;
    }
}
