package org.jspt.refine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspt.align.AlignResult;
import org.jspt.average.Averagers;
import org.jspt.exec.ThreadExecutor;
import org.jspt.geom.Transform;
import org.jspt.image.CrossCorrelation;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.sim.ClassSource;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.junit.jupiter.api.Test;

/** The bt and hac bookkeeping, checked with an oracle aligner that knows every volume's true frame. */
class ReferenceBuilderTest {
    /** Each volume carries its pose in the header; the oracle returns pose_fixed · pose_moving⁻¹. */
    private static final PairAligner ORACLE = (moving, fixed) -> new AlignResult(
            fixed.header().getTransform("test.pose").compose(moving.header().getTransform("test.pose").inverse()),
            -CrossCorrelation.pearson(fixed, VolumeTransforms.apply(moving,
                    fixed.header().getTransform("test.pose").compose(moving.header().getTransform("test.pose").inverse()))));

    private static List<Volume> particles(Simulator sim, int n) {
        List<Volume> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Volume v = sim.particle(i);
            v.header().put("test.pose", sim.truth().get(i).pose());
            l.add(v);
        }
        return l;
    }

    @Test
    void binaryTreeAndHacAverageEveryParticleInTheFirstOnesFrame() {
        int box = 32;
        Simulator sim = new Simulator(List.of(ClassSource.phantom("snowman", box, 4)), new SimulationParams(box, 4, 12, 0.5, 60, 2, 41, 8));
        List<Volume> raw = particles(sim, 8);
        Volume expected = VolumeTransforms.apply(sim.truthMap(0), sim.truth().get(0).pose());
        try (ThreadExecutor ex = new ThreadExecutor(2)) {
            ReferenceBuilder b = new ReferenceBuilder(Averagers.parse("mean.tomo"), ORACLE, UnaryOperator.identity(), ex);
            Volume bt = b.binaryTree(raw);
            double ccBt = CrossCorrelation.pearson(bt, expected), ccOne = CrossCorrelation.pearson(raw.get(0), expected);
            assertTrue(ccBt > 0.8 && ccBt > ccOne + 0.2, "bt average of 8 in particle 0's frame: " + ccBt + " (one particle: " + ccOne + ")");
            Volume hac = b.hierarchical(raw.subList(0, 6));
            double ccHac = CrossCorrelation.pearson(hac, VolumeTransforms.apply(sim.truthMap(0), hac.header().getTransform("test.pose")));
            assertTrue(ccHac > 0.75, "hac average in its first member's frame: " + ccHac);
            assertThrows(IllegalArgumentException.class, () -> b.hierarchical(raw.subList(0, 2)));
        }
    }

}
