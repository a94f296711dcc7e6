package org.jspt.align.tree;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.jspt.geom.Symmetry;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.sim.ClassSource;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * {@link Scorer#shift} and {@link Scorer#derivatives} sum a band column by column (the x part of the phase per
 * coefficient, the y–z part once per column). On a noisy particle with a missing wedge (columns with gaps), S(t)
 * must equal the per-coefficient sum of {@link Scorer#scoreAt} to rounding, and the gradient and Hessian must be those
 * of S: central differences of {@link Scorer#shift}. A term weighted by the wrong frequency, a column's phase taken
 * from a neighbour or a missed column fails here.
 */
class ShiftSumsTest {
    private static final int N = 32;

    @Test
    void columnSumsAreThoseOfTheWholePhase() {
        SimulationParams sp = new SimulationParams(N, 4, 9, 0.1, 60, 2, 23, 1);
        Simulator sim = new Simulator(List.of(ClassSource.phantom("tripod", N, 4)), sp);
        Volume ref = sim.truthMap(0);
        Volume particle = sim.particle(0);
        TreeSearchSpec spec = new TreeSearchSpec(N, Symmetry.c(1), 0.01, 0.01, 0, 0, 0, 4);
        PreparedReference pr = new PreparedReference(ref, spec, 1, false);
        PreparedParticle pp = new PreparedParticle(particle, spec);
        Band band = pp.levels[pp.levels.length - 1];
        assertTrue(band.coverage < 0.9, "the wedge should leave gaps, coverage " + band.coverage);
        int columns = band.columnStart.length - 1;
        assertTrue(columns > 50 && band.columnStart[columns] == band.n);

        double[] rot = new double[9];
        Transform r = Transform.eman(20, 35, 50);
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) rot[3 * a + b] = r.get(a, b);
        Scorer s = new Scorer();
        double[][] shifts = {{0, 0, 0}, {1.3, -0.7, 0.4}, {-2.25, 0.5, 3.1}, {0.01, 4.9, -1.7}};
        for (double[] t : shifts) {
            s.phasesAt(band, N, t);
            double perCoefficient = s.scoreAt(pr, band, rot, 0);
            double byColumns = s.refineShift(t.clone(), 8, 1, 0);
            assertEquals(perCoefficient, byColumns, 1e-12, "S at " + java.util.Arrays.toString(t));

            double st = s.derivatives(t);
            assertEquals(s.shift(t), st, 1e-9 * Math.abs(st) + 1e-12);
            double[] g = s.grad.clone(), h = s.hess.clone();
            double eps = 1e-3, scale = 0;
            for (double v : g) scale = Math.max(scale, Math.abs(v));
            for (double v : h) scale = Math.max(scale, Math.abs(v));
            int[][] pairs = {{0, 0}, {0, 1}, {0, 2}, {1, 1}, {1, 2}, {2, 2}};
            for (int a = 0; a < 3; a++) {
                double[] up = t.clone(), down = t.clone();
                up[a] += eps;
                down[a] -= eps;
                double fd = (s.shift(up) - s.shift(down)) / (2 * eps);
                assertEquals(fd, g[a], 1e-5 * scale, "dS/dt" + a + " at " + java.util.Arrays.toString(t));
            }
            for (int q = 0; q < 6; q++) {
                int a = pairs[q][0], b = pairs[q][1];
                double[] pp1 = t.clone(), pm = t.clone(), mp = t.clone(), mm = t.clone();
                pp1[a] += eps; pp1[b] += eps;
                pm[a] += eps; pm[b] -= eps;
                mp[a] -= eps; mp[b] += eps;
                mm[a] -= eps; mm[b] -= eps;
                double fd = (s.shift(pp1) - s.shift(pm) - s.shift(mp) + s.shift(mm)) / (4 * eps * eps);
                assertEquals(fd, h[q], 1e-4 * scale, "d²S/dt" + a + "dt" + b + " at " + java.util.Arrays.toString(t));
            }
        }
    }
}
