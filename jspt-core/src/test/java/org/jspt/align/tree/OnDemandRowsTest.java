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
 * ({@link PreparedReference#sampleRow}): the exact pre-score is the same either way.
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
}
