package org.jspt.sim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspt.geom.Transform;
import org.jspt.image.CrossCorrelation;
import org.jspt.image.Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    static Simulator sim;
    static TruthFile truth;
    static List<Volume> maps = new ArrayList<>();

    @BeforeAll
    static void simulate() {
        int box = 32;
        SimulationParams p = new SimulationParams(box, 4, 10, 0.1, 60, 3, 13, 12);
        sim = new Simulator(List.of(ClassSource.phantom("tripod", box, 4), ClassSource.phantom("ring", box, 4),
                ClassSource.phantom("snowman", box, 4)), p);
        truth = new TruthFile(p, sim.labels(), sim.truth());
        for (int c = 0; c < 3; c++) maps.add(sim.truthMap(c));
    }

    @Test
    void perfectResultsScoreAccuracyOneZeroErrorAndFscToNyquist() {
        // Predicted class k ↔ true class (k+1)%3; each predicted class in its own arbitrary frame G_k.
        Transform[] g = {Transform.eman(10, 40, 200, 1, -2, 0.5), Transform.eman(300, 100, 30, 0, 0, 0), Transform.eman(77, 150, -20, -1, 1, 2)};
        List<Evaluator.Assignment> as = new ArrayList<>();
        for (ParticleTruth t : sim.truth()) {
            int pred = (t.classIndex() + 2) % 3;
            as.add(new Evaluator.Assignment(t.index(), pred, -1, g[pred].compose(t.pose().inverse())));
        }
        List<Volume> avgs = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Volume moved = Evaluator.moveMap(maps.get((k + 1) % 3), g[k]);
            avgs.add(CrossCorrelation.shifted(moved, 1, -1, 0)); // as --autocenter would move an average
        }
        Evaluator.Evaluation ev = Evaluator.evaluate(truth, as, avgs, maps, List.of(Transform.identity()));
        assertEquals(1.0, ev.accuracy(), 1e-12);
        for (Evaluator.ClassScore c : ev.classes()) {
            assertEquals((c.predicted() + 1) % 3, c.matchedTrue());
            assertEquals(12, c.correct());
            assertEquals(0, c.medianAngle(), 1e-3);
            assertEquals(0, c.p90Angle(), 1e-3);
            assertEquals(0, c.medianShift(), 1e-6);
            assertTrue(c.consensus().approxEquals(g[c.predicted()], 1e-6), "consensus frame is G");
            assertEquals(2 * 4.0, c.res05(), 1e-9, "FSC 0.5 at Nyquist");
            assertEquals(2 * 4.0, c.res0143(), 1e-9, "FSC 0.143 at Nyquist");
        }
    }

    @Test
    void randomResultsScoreNearChance() {
        Random r = new Random(99);
        List<Evaluator.Assignment> as = new ArrayList<>();
        for (ParticleTruth t : sim.truth()) {
            as.add(new Evaluator.Assignment(t.index(), r.nextInt(3), 0, Transform.eman(360 * r.nextDouble(), Math.toDegrees(Math.acos(2 * r.nextDouble() - 1)), 360 * r.nextDouble())));
        }
        Evaluator.Evaluation ev = Evaluator.evaluate(truth, as, null, maps, List.of(Transform.identity()));
        assertTrue(ev.accuracy() < 0.6, "chance is 1/3 (best matching lifts it a little): " + ev.accuracy());
        for (Evaluator.ClassScore c : ev.classes()) assertTrue(c.medianAngle() > 45, "random poses have large errors: " + c.medianAngle());
    }

    @Test
    void symmetryMatesAreNotCountedAsErrors() {
        // A 2-fold about z: a particle reported rotated by the symmetry operator has zero error under c2.
        Transform s = Transform.eman(180, 0, 0);
        List<Evaluator.Assignment> as = new ArrayList<>();
        for (ParticleTruth t : sim.truth()) {
            // Even particles: aligned to the symmetry mate, xform = (pose·S)⁻¹, so M = xform·pose = S⁻¹.
            Transform x = t.index() % 2 == 0 ? t.pose().compose(s).inverse() : t.pose().inverse();
            as.add(new Evaluator.Assignment(t.index(), t.classIndex(), 0, x));
        }
        Evaluator.Evaluation c1 = Evaluator.evaluate(truth, as, null, maps, List.of(Transform.identity()));
        Evaluator.Evaluation c2 = Evaluator.evaluate(truth, as, null, maps, List.of(Transform.identity(), s));
        double worstC1 = c1.classes().stream().mapToDouble(Evaluator.ClassScore::p90Angle).max().orElseThrow();
        double worstC2 = c2.classes().stream().mapToDouble(Evaluator.ClassScore::p90Angle).max().orElseThrow();
        assertTrue(worstC1 > 90, "without symmetry half the particles are 180° off: " + worstC1);
        assertEquals(0, worstC2, 1e-3);
    }
}
