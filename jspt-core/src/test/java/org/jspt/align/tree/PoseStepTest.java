package org.jspt.align.tree;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.jspt.geom.Symmetry;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.sim.ClassSource;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * The Gauss–Newton proposal of {@link Scorer#poseStep}: from a pose a few degrees and a voxel off, it points back to
 * the true one (rotation and shift), the correlation at the proposal is higher, and at the true pose it proposes
 * (almost) nothing. A wrong sign or axis in dF/dω or in the shift terms sends the proposal away from the truth.
 */
class PoseStepTest {
    private static final int N = 32;

    @Test
    void proposalTurnsBackToTheTruePose() {
        SimulationParams sp = new SimulationParams(N, 4, 9, Double.POSITIVE_INFINITY, 90, 0, 1, 1);
        Volume ref = new Simulator(List.of(ClassSource.phantom("tripod", N, 4)), sp).truthMap(0);
        Transform pose = Transform.eman(40, 70, 110, 1.5, -1, 0.5);
        Volume particle = VolumeTransforms.apply(ref, pose);
        TreeSearchSpec spec = new TreeSearchSpec(N, Symmetry.c(1), 0.01, 0.01, 0, 0, 0, 4);
        PreparedReference pr = new PreparedReference(ref, spec, 1, false);
        PreparedParticle pp = new PreparedParticle(particle, spec);
        Band band = pp.levels[pp.levels.length - 1];
        double[] truth = new double[9];
        for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) truth[3 * r + c] = pose.get(r, c);
        Scorer s = new Scorer();
        double[] shift = {pose.tx(), pose.ty(), pose.tz()};
        s.phasesAt(band, N, shift);
        double atTruth = s.scoreAt(pr, band, truth, 0);
        assertTrue(atTruth < -0.95, "score at the true pose " + atTruth);

        double[] out = new double[6];
        double stay = s.poseStep(pr, band, truth, 0, out);
        assertTrue(stay < 0.3, "at the true pose it proposes " + stay + "°");
        assertTrue(Math.abs(out[3]) + Math.abs(out[4]) + Math.abs(out[5]) < 0.1, "at the true pose it moves the shift");

        // Offsets of the rotation (degrees, rotation vector) and of the shift (voxels).
        double[][] offsets = {{3, 0, 0, 0, 0, 0}, {0, -2.5, 1.5, 0.6, 0, -0.4}, {1.2, 2, -2.2, -0.5, 0.7, 0.3}};
        for (double[] w : offsets) {
            double[] small = new double[9], start = new double[9], moved = new double[9];
            double[] t = {shift[0] + w[3], shift[1] + w[4], shift[2] + w[5]};
            TreeSearch.rotationVector(w[0], w[1], w[2], small);
            TreeSearch.multiply(small, truth, start);
            s.phasesAt(band, N, t);
            double before = s.scoreAt(pr, band, start, 0);
            double len = s.poseStep(pr, band, start, 0, out);
            double off = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
            assertTrue(len > 0.5 * off && len < 1.5 * off, "proposal of " + len + "° for an offset of " + off + "°");
            // The proposal undoes the offset: small(out)·small(w) ≈ identity, t + Δt ≈ the true shift.
            TreeSearch.rotationVector(out[0], out[1], out[2], small);
            TreeSearch.multiply(small, start, moved);
            double left = Candidate.angle(moved, 0, truth, 0);
            assertTrue(left < 0.35 * off, "the proposal leaves " + left + "° of " + off + "°");
            double shiftOff = Math.sqrt(w[3] * w[3] + w[4] * w[4] + w[5] * w[5]), shiftLeft = 0;
            for (int a = 0; a < 3; a++) {
                t[a] += out[3 + a];
                shiftLeft += (t[a] - shift[a]) * (t[a] - shift[a]);
            }
            shiftLeft = Math.sqrt(shiftLeft);
            assertTrue(shiftLeft < 0.35 * shiftOff + 0.05, "the proposal leaves " + shiftLeft + " voxels of " + shiftOff);
            s.phasesAt(band, N, t);
            double after = s.scoreAt(pr, band, moved, 0);
            assertTrue(after < before, "score " + before + " → " + after);
        }
    }
}
