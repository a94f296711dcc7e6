package org.jspt.align;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspt.align.tree.MultiReferenceAligner;
import org.jspt.geom.Symmetry;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.proc.ProcessorSpec;
import org.jspt.sim.ClassSource;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.junit.jupiter.api.Test;

/** rotate_translate_3d_tree: exact recovery of known transforms (global, local, symmetric), contract and determinism. */
class TreeAlignerTest {
    private static final int BOX = 32;

    static Aligner tree(String params) {
        String spec = TreeAligner.NAME + (params.isEmpty() ? "" : ":" + params);
        return AlignRegistry.aligners().create(ProcessorSpec.parse(spec).orElseThrow(), null);
    }

    /** A noiseless, full-coverage phantom map. */
    static Volume phantom(String name, int box) {
        SimulationParams p = new SimulationParams(box, 4, 9, Double.POSITIVE_INFINITY, 90, 0, 1, 1);
        return new Simulator(List.of(ClassSource.phantom(name, box, 4)), p).truthMap(0);
    }

    /** Angle (deg) and shift (voxels) of xform·pose, which is the identity for a perfect alignment. */
    static double[] error(Transform xform, Transform pose) {
        Transform e = xform.compose(pose);
        return new double[] {Transform.angleBetween(e, Transform.identity()), Math.sqrt(e.tx() * e.tx() + e.ty() * e.ty() + e.tz() * e.tz())};
    }

    @Test
    void globalSearchRecoversAKnownRotationAndShift() {
        Volume ref = phantom("tripod", BOX);
        Transform pose = Transform.eman(63, 111, 227, 1.6, -2.3, 0.8);
        Volume particle = VolumeTransforms.apply(ref, pose);
        AlignResult r = tree("").alignBest(particle, ref, null);
        double[] e = error(r.xform(), pose);
        assertTrue(e[0] < 2.5, "angle error " + e[0]);
        assertTrue(e[1] < 1.0, "shift error " + e[1]);
        assertTrue(r.score() < -0.9 && r.score() >= -1, "fsc.tomo.auto of a noiseless match: " + r.score());
    }

    /**
     * Candidates that converge into one basin are one solution (alignment.md §7.4.3): the nsoln solutions are
     * distinct orientations, at least two final angular steps apart, and the best is the right one.
     */
    @Test
    void severalSolutionsAreDistinctOrientations() {
        SimulationParams p = new SimulationParams(BOX, 5, 10, 0.5, 60, 2, 5150, 2);
        Simulator sim = new Simulator(List.of(ClassSource.phantom("tripod", BOX, 5)), p);
        double sep = 2 * org.jspt.align.tree.Level.astep(BOX);
        for (int i = 0; i < sim.count(); i++) {
            List<AlignResult> r = tree("").align(sim.particle(i), sim.truthMap(0), null, 3);
            assertTrue(r.size() >= 2, "particle " + i + ": " + r.size() + " solutions");
            assertTrue(error(r.get(0).xform(), sim.truth().get(i).pose())[0] < 3, "particle " + i + " best solution");
            for (int a = 0; a < r.size(); a++) {
                for (int b = a + 1; b < r.size(); b++) {
                    double d = Transform.angleBetween(r.get(a).xform(), r.get(b).xform());
                    assertTrue(d >= sep, "particle " + i + ": solutions " + a + " and " + b + " are " + d + "° apart");
                }
            }
        }
    }

    /**
     * newton=1 (Gauss–Newton moves on the refinement levels) recovers the same known transform as the default
     * coordinate search, and newton=0 is the default exactly.
     */
    @Test
    void newtonRefinementRecoversAKnownRotationAndShift() {
        Volume ref = phantom("tripod", BOX);
        Transform pose = Transform.eman(63, 111, 227, 1.6, -2.3, 0.8);
        Volume particle = VolumeTransforms.apply(ref, pose);
        AlignResult n = tree("newton=1").alignBest(particle, ref, null);
        double[] e = error(n.xform(), pose);
        assertTrue(e[0] < 1.5, "angle error " + e[0]);
        assertTrue(e[1] < 0.5, "shift error " + e[1]);
        assertTrue(n.score() < -0.9, "fsc.tomo.auto " + n.score());
        AlignResult d = tree("").alignBest(particle, ref, null), off = tree("newton=0").alignBest(particle, ref, null);
        assertEquals(d.score(), off.score(), 0.0);
        assertEquals(d.xform(), off.xform());
    }

    @Test
    void localSearchRefinesFromAStartWithinMaxang() {
        Volume ref = phantom("snowman", BOX);
        Transform pose = Transform.eman(200, 47, 31, -1.2, 0.7, 2.1);
        Volume particle = VolumeTransforms.apply(ref, pose);
        // A start 8° away from the answer (pose⁻¹).
        Transform start = Transform.eman(5, 6, -4).compose(pose.inverse());
        Aligner a = AlignRegistry.aligners().create(ProcessorSpec.parse(TreeAligner.NAME + ":maxang=12").orElseThrow()
                .with("initxform", List.of(start)), null);
        AlignResult r = a.alignBest(particle, ref, null);
        double[] e = error(r.xform(), pose);
        assertTrue(e[0] < 2.5, "angle error " + e[0]);
        assertTrue(e[1] < 1.0, "shift error " + e[1]);
        assertTrue(Transform.angleBetween(r.xform(), start) <= 12 + 1e-6, "stays within maxang of the start");
    }

    /**
     * --goldstandard's local search (refinemulti.md §7.9): each reference is searched from its own start, within maxang of
     * it: a start 7° from the answer is refined onto it, one 40° away stays within maxang of where it began.
     */
    @Test
    void localSearchFromOneStartPerReference() {
        Volume ref = phantom("snowman", BOX);
        Transform pose = Transform.eman(200, 47, 31, -1.2, 0.7, 2.1);
        Volume particle = VolumeTransforms.apply(ref, pose);
        Transform near = Transform.eman(4, 5, -3).compose(pose.inverse()), far = Transform.eman(30, 25, 0).compose(pose.inverse());
        MultiReferenceAligner m = ((TreeAligner) tree("")).prepare(List.of(ref, ref), 1);
        List<List<AlignResult>> r = m.alignLocal(particle, null, 1, List.of(near, far), 10);
        double[] e = error(r.get(0).get(0).xform(), pose);
        assertTrue(e[0] < 2.5, "from the near start: angle error " + e[0]);
        assertTrue(e[1] < 1.0, "from the near start: shift error " + e[1]);
        assertTrue(Transform.angleBetween(r.get(1).get(0).xform(), far) <= 10 + 1e-6, "the far start's search stays within maxang of it");
        assertTrue(error(r.get(1).get(0).xform(), pose)[0] > 20, "so it cannot reach the answer");
        assertThrows(IllegalArgumentException.class, () -> m.alignLocal(particle, null, 1, List.of(near), 10), "one start per reference");
    }

    @Test
    void symmetricReferenceIsFoundUpToASymmetryOperator() {
        Symmetry c4 = Symmetry.parse("c4");
        Volume ref = ProcessorSpec.parse("xform.applysym:sym=c4").orElseThrow().build().apply(phantom("lshape", BOX));
        for (Transform pose : List.of(Transform.eman(150, 70, 300, 1, 2, -1), Transform.eman(20, 130, 80, -2, 0.5, 1))) {
            Volume particle = VolumeTransforms.apply(ref, pose);
            AlignResult r = tree("sym=c4").alignBest(particle, ref, null);
            Transform e = r.xform().compose(pose);
            double best = 180;
            for (Transform g : c4.operators()) best = Math.min(best, Transform.angleBetween(e, g));
            assertTrue(best < 2.5, "angle error up to c4 " + best + " for " + pose);
            assertTrue(Math.sqrt(e.tx() * e.tx() + e.ty() * e.ty() + e.tz() * e.tz()) < 1.0, "shift of " + e);
        }
    }

    @Test
    void rejectsOddOrNonCubicBoxesAndUnknownParameters() {
        Aligner a = tree("");
        Volume odd = Volume.cube(31);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.alignBest(odd, odd, null));
        assertTrue(e.getMessage().contains("even"), e.getMessage());
        Volume flat = new Volume(32, 32, 16);
        assertThrows(IllegalArgumentException.class, () -> a.alignBest(flat, flat, null));
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> tree("delta=3"));
        assertTrue(u.getMessage().contains("unknown parameter"), u.getMessage());
    }

    @Test
    void multiReferenceMatchesPerReferenceAndDoesNotDependOnThreads() throws Exception {
        int box = 32;
        SimulationParams p = new SimulationParams(box, 5, 10, 0.5, 60, 2, 4242, 3);
        Simulator sim = new Simulator(List.of(ClassSource.phantom("dumbbell", box, 5), ClassSource.phantom("ring", box, 5)), p);
        List<Volume> refs = List.of(sim.truthMap(0), sim.truthMap(1));
        TreeAligner a = (TreeAligner) tree("");
        MultiReferenceAligner m = a.prepare(refs, 2);
        List<Volume> parts = new ArrayList<>();
        for (int i = 0; i < sim.count(); i++) parts.add(sim.particle(i));
        List<List<List<AlignResult>>> one = new ArrayList<>();
        for (Volume v : parts) one.add(m.align(v, 1));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<List<List<AlignResult>>>> fs = new ArrayList<>();
        try {
            for (Volume v : parts) fs.add(pool.submit(() -> m.align(v, 1)));
            for (int i = 0; i < parts.size(); i++) {
                List<List<AlignResult>> two = fs.get(i).get();
                for (int k = 0; k < refs.size(); k++) {
                    AlignResult x = one.get(i).get(k).get(0), y = two.get(k).get(0);
                    assertEquals(x.score(), y.score(), 0.0, "particle " + i + " ref " + k);
                    assertTrue(x.xform().equals(y.xform()), "particle " + i + " ref " + k);
                }
            }
        } finally {
            pool.shutdown();
        }
        for (int i = 0; i < parts.size(); i++) {
            List<List<AlignResult>> multi = one.get(i);
            int bestMulti = multi.get(0).get(0).score() <= multi.get(1).get(0).score() ? 0 : 1;
            double s0 = a.alignBest(parts.get(i), refs.get(0), null).score(), s1 = a.alignBest(parts.get(i), refs.get(1), null).score();
            int bestSingle = s0 <= s1 ? 0 : 1;
            assertEquals(bestSingle, bestMulti, "best class of particle " + i);
            assertEquals(sim.truth().get(i).classIndex(), bestMulti, "particle " + i + " classified");
        }
    }

    /**
     * A reference prepared without its pre-score table (pair alignments of reference building) samples the table's
     * values on demand (OnDemandRowsTest) but takes another first pass (half of the coefficients instead of the
     * in-plane rings); on clean particles (SNR 0.3) both keep the exact pre-score's best orientations, so every
     * particle gets exactly the table's solutions and scores.
     */
    @Test
    void referencesWithoutTablesFindTheTableSolutionsOnCleanParticles() {
        int box = 32;
        SimulationParams p = new SimulationParams(box, 4, 10, 0.3, 60, 2, 777, 3);
        Simulator sim = new Simulator(List.of(ClassSource.phantom("snowman", box, 4), ClassSource.phantom("tripod", box, 4)), p);
        List<Volume> refs = List.of(sim.truthMap(0), sim.truthMap(1));
        TreeAligner a = (TreeAligner) tree("");
        MultiReferenceAligner tables = a.prepare(refs, 2, true), lazy = a.prepare(refs, 1, false);
        assertTrue(lazy.memoryBytes() * 10 < tables.memoryBytes(), "no tables held: " + lazy.memoryBytes() + " vs " + tables.memoryBytes());
        for (int i = 0; i < sim.count(); i++) {
            List<List<AlignResult>> x = tables.align(sim.particle(i), 2), y = lazy.align(sim.particle(i), 2);
            for (int k = 0; k < refs.size(); k++) {
                assertEquals(x.get(k).size(), y.get(k).size(), "particle " + i + " ref " + k);
                for (int s = 0; s < x.get(k).size(); s++) {
                    assertEquals(x.get(k).get(s).score(), y.get(k).get(s).score(), 0.0, "particle " + i + " ref " + k + " solution " + s);
                    assertTrue(x.get(k).get(s).xform().equals(y.get(k).get(s).xform()), "particle " + i + " ref " + k + " solution " + s);
                }
            }
        }
    }
}
