package org.jspt.align.tree;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.jspt.geom.Symmetry;
import org.jspt.sim.ClassSource;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * A reference prepared without its pre-score table samples, on demand, exactly the values the table holds
 * ({@link PreparedReference#sampleRow}): the exact pre-score is the same either way. And the pre-score's survivors come
 * best first either way.
 */
class OnDemandRowsTest {
    @Test
    void sampledRowsEqualTheTable() {
        int n = 32;
        Simulator sim = new Simulator(List.of(ClassSource.phantom("tripod", n, 4)), new SimulationParams(n, 4, 10, 0.3, 60, 2, 31, 1));
        TreeSearchSpec spec = new TreeSearchSpec(n, Symmetry.c(1), 0.01, 0.01, 0, 0, 0, 4);
        PreparedReference table = new PreparedReference(sim.particle(0), spec, 2, true), lazy = new PreparedReference(sim.particle(0), spec, 1, false);
        assertNull(lazy.ampTable);
        short[] row = new short[lazy.ampStride];
        for (int o = 0; o < spec.globalCount; o += 97) {
            lazy.sampleRow(o, spec.allAmplitudeIndices, row, 0);
            for (int j = 0; j < row.length; j++) assertEquals(table.ampTable[o * table.ampStride + j], row[j], "orientation " + o + ", coefficient " + j);
        }
    }

    /**
     * The pre-score's survivors come best first (ties to the lower index), with or without the table: a reference that
     * gets fewer CCFs than survivors (a secondary one) takes the first of them, which must be its best.
     */
    @Test
    void survivorsComeBestFirst() {
        int n = 32;
        Simulator sim = new Simulator(List.of(ClassSource.phantom("tripod", n, 4)), new SimulationParams(n, 4, 10, 0.3, 60, 2, 31, 2));
        TreeSearchSpec spec = new TreeSearchSpec(n, Symmetry.c(1), 0.01, 0.01, 0, 0, 0, 4);
        PreparedParticle p = new PreparedParticle(sim.particle(1), spec, null);
        for (boolean tables : new boolean[] {true, false}) {
            PreparedReference r = new PreparedReference(sim.particle(0), spec, 2, tables);
            PreparedReference exact = tables ? r : new PreparedReference(sim.particle(0), spec, 2, true);
            int[] out = new int[spec.ccfSurvivors];
            float best = new TreeSearch(spec).prescoreBest(p, r, out, out.length);
            float previous = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < out.length; i++) {
                float s = TreeSearch.rowScore(exact.ampTable, out[i] * exact.ampStride, p.ampIndex, p.ampValue, p.ampIndex.length, p.ampPower);
                if (i == 0) assertEquals(best, s, "the first survivor has the best pre-score (tables " + tables + ")");
                assertTrue(s > previous || (s == previous && out[i] > out[i - 1]), "survivor " + i + " (tables " + tables + ")");
                previous = s;
            }
        }
    }
}
