package org.jspt.sim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.jspt.image.CrossCorrelation;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.junit.jupiter.api.Test;

/** Pins the pose convention: particle = truth map moved by x' = R·x + t, as the volume-transform code moves maps. */
class SimulatorConventionTest {
    @Test
    void aNoiselessParticleIsItsTruthMapMovedByThePose() {
        int box = 32;
        SimulationParams p = new SimulationParams(box, 4, 12, Double.POSITIVE_INFINITY, 90, 3, 77, 3);
        Simulator sim = new Simulator(List.of(ClassSource.phantom("lshape", box, 4)), p);
        for (ParticleTruth t : sim.truth()) {
            Volume particle = sim.particle(t.index());
            Volume moved = VolumeTransforms.apply(sim.truthMap(0), t.pose());
            double cc = CrossCorrelation.pearson(particle, moved);
            assertTrue(cc > 0.95, "particle " + t.index() + " vs truth moved by its pose: " + cc);
            // Negative control: the inverse pose (the other reading of the convention) does not match.
            double wrong = CrossCorrelation.pearson(particle, VolumeTransforms.apply(sim.truthMap(0), t.pose().inverse()));
            assertTrue(wrong < cc - 0.2, "inverse pose must match clearly worse: " + wrong + " vs " + cc);
        }
    }
}
