package org.jspt.refine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspt.align.AlignResult;
import org.jspt.average.Averagers;
import org.jspt.exec.ThreadExecutor;
import org.jspt.geom.Symmetry;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.eman2.EmanJson;
import org.jspt.proc.ProcessorSpec;
import org.jspt.refine.options.PreprocessParams;
import org.jspt.run.Assignment;
import org.jspt.run.Classmx;
import org.jspt.run.RunOutputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefinePiecesTest {
    @TempDir Path tmp;

    private static ProcessorSpec spec(String s) { return ProcessorSpec.parse(s).orElseThrow(); }

    @Test
    void preprocessChainRunsTheStepsInOrderAndResizes() {
        Volume v = Volume.cube(32);
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < v.data.length; i++) v.data[i] = (float) (5 + 2 * r.nextGaussian());
        PreprocessChain c = new PreprocessChain(32, new PreprocessChain.Settings(spec("mask.sharp:outer_radius=10"), null,
                spec("normalize.mask"), null, null, null, null, 24, 2));
        assertEquals(24, c.clipBox());
        assertEquals(12, c.outputBox());
        Volume out = c.apply(v);
        assertEquals(12, out.nx);
        assertEquals(5.0f, v.data[0], 20f, "input untouched (still the raw noise around 5)");
        // normalize.mask got the mask: inside the sphere the mean is ~0 before masking; outside is 0 after.
        PreprocessChain noResize = new PreprocessChain(32, new PreprocessChain.Settings(spec("mask.sharp:outer_radius=10"), null,
                spec("normalize.mask"), null, null, null, null, 0, 0));
        Volume m = noResize.apply(v);
        assertEquals(0, m.get(0, 0, 0), 0, "outside the mask");
        double s = 0;
        int cnt = 0;
        for (int z = 0; z < 32; z++) for (int y = 0; y < 32; y++) for (int x = 0; x < 32; x++) {
            double d2 = (x - 16) * (x - 16) + (y - 16) * (y - 16) + (z - 16) * (z - 16);
            if (d2 < 81) { s += m.get(x, y, z); cnt++; }
        }
        assertEquals(0, s / cnt, 0.1, "normalised inside the mask");
        assertEquals(5, PreprocessParams.shrunkBox(24, 5)); // floor(24/5 + 0.5)
        assertFalse(PreprocessChain.Settings.none().active());
    }

    @Test
    void classificationTakesTheLowestScoreAndTiesGoToTheFirstReference() {
        AlignResult a = new AlignResult(Transform.identity(), -0.5), b = new AlignResult(Transform.identity(), -0.7), c = new AlignResult(Transform.identity(), -0.5);
        AlignResult[][] res = {{a, b, null}, {a, c, null}, {b, a, null}};
        Assignment asg = Assignment.classify(res, new boolean[] {true, true, false});
        assertArrayEquals(new int[] {1, 0, 0}, asg.classOf());
        assertEquals(List.of(1, 2), asg.members(0));
        assertEquals(1, asg.changedFrom(Assignment.classify(res, new boolean[] {true, false, false})));
    }

    private AveragingConfig settings(double keep, boolean keepsig, boolean byScore) {
        return new AveragingConfig(Averagers.parse("mean"), keep, keepsig, null, null, -1, 0, byScore,
                List.of(Symmetry.parse("c1"), Symmetry.parse("c1")), false, null, null, false);
    }

    @Test
    void keepRulesFollowTheSpec() throws Exception {
        Path stack = tmp.resolve("p.hdf");
        List<Volume> vols = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Volume v = Volume.cube(8);
            v.fill(i + 1);
            vols.add(v);
        }
        EmanHdf.write(stack, vols);
        double[] scores = {-0.9, -0.1, -0.5, 0.3, -0.7, -0.5};
        AlignResult[][] res = new AlignResult[6][2];
        for (int p = 0; p < 6; p++) {
            res[p][0] = new AlignResult(Transform.identity(), scores[p]);
            res[p][1] = new AlignResult(Transform.identity(), 9);
        }
        Assignment asg = Assignment.classify(res, new boolean[] {true, true});
        try (ParticleSource src = new ParticleSource(stack.toString(), 0, 0); ThreadExecutor ex = new ThreadExecutor(2)) {
            // keep 1: all kept, including the positive (anticorrelated) score EMAN2 would drop.
            ClassAverager.ClassResult all = new ClassAverager(src, settings(1, false, false), ex).average(asg, 2, "p.hdf").get(0);
            assertEquals(List.of(0, 1, 2, 3, 4, 5), all.included());
            assertEquals(3.5, all.average().mean(), 1e-6);
            assertEquals(6, all.average().header().getInt("spt_multiplicity", -1));
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, (int[]) all.average().header().get("class_ptcl_idxs"));
            assertNull(new ClassAverager(src, settings(1, false, false), ex).average(asg, 2, "p.hdf").get(1).average(), "empty class");
            // keep 0.5 of 6: the best 3 (-0.9, -0.7, and -0.5 twice: the tie with the last kept is kept).
            assertEquals(List.of(0, 2, 4, 5), new ClassAverager(src, settings(0.5, false, false), ex).average(asg, 2, "p.hdf").get(0).included());
            // keep 0.1 of 6 → max(1, 0) = the best one.
            assertEquals(List.of(0), new ClassAverager(src, settings(0.1, false, false), ex).average(asg, 2, "p.hdf").get(0).included());
            // keepsig 0: mean of the scores is -0.4 → scores ≤ -0.4.
            assertEquals(List.of(0, 2, 4, 5), new ClassAverager(src, settings(0, true, false), ex).average(asg, 2, "p.hdf").get(0).included());
            // weighbyscore: w = s/s_best for negative scores, 0 otherwise; the mean divides by the count, not Σw.
            ClassAverager.ClassResult w = new ClassAverager(src, settings(1, false, true), ex).average(asg, 2, "p.hdf").get(0);
            assertEquals(List.of(0, 1, 2, 4, 5), w.included());
            double expected = (1 * 1 + 2 * (0.1 / 0.9) + 3 * (0.5 / 0.9) + 5 * (0.7 / 0.9) + 6 * (0.5 / 0.9)) / 5;
            assertEquals(expected, w.average().mean(), 1e-5);
        }
    }

    @Test
    void runOutputsUseEman2TagsAndStars() throws Exception {
        RunOutputs out = new RunOutputs(tmp, "/data/parts.hdf", 12, 10, 3);
        assertEquals("0", out.iterTag(0));
        assertEquals("03", out.refTag(3));
        assertEquals("01", RunOutputs.nn(0));
        AlignResult[][] res = new AlignResult[12][10];
        for (int p = 0; p < 12; p++) for (int k = 0; k < 10; k++) res[p][k] = new AlignResult(Transform.translation(p, 0, 0), -0.5 - (k == p % 2 ? 0.1 : 0));
        boolean[] act = new boolean[10];
        act[0] = act[1] = true;
        Assignment a0 = Assignment.classify(res, act);
        out.writeSptali(0, 1, res);
        Map<String, Object> js = EmanJson.read(tmp.resolve("sptali_rm_0_01.json"));
        assertEquals(12, js.size());
        assertTrue(js.containsKey("subtomo_00") && js.containsKey("subtomo_11"));
        out.appendMembership(0, a0, null, 2);
        AlignResult[][] res2 = res.clone();
        res2[3] = res[2].clone(); // particle 3 now prefers class 0
        Assignment a1 = Assignment.classify(res2, act);
        out.appendMembership(1, a1, a0, 2);
        assertEquals("ITERATION 0\nCLASS 0: 0,2,4,6,8,10\nCLASS 1: 1,3,5,7,9,11\n\nITERATION 1\nCLASS 0: 0,2,3*,4,6,8,10\nCLASS 1: 1,5,7,9,11\n",
                Files.readString(tmp.resolve("class_membership.txt")));
        out.writeParticleParms(0, a0);
        var parms = org.jspt.run.ParticleParms.read(tmp.resolve("particle_parms_01.json"));
        assertEquals("parts.hdf", parms.get(0).file());
        assertEquals(1, parms.get(3).classIndex());
        List<Volume> avgs = new ArrayList<>();
        avgs.add(Volume.cube(8));
        avgs.add(null);
        out.writeAverages(0, avgs, 8, 2.0, false);
        try (var s = EmanHdf.open(tmp.resolve("class_avgs.hdf"))) {
            assertEquals(2, s.size());
            assertEquals(0, s.readHeader(1).getInt("spt_multiplicity", -1), "empty class: zero volume, multiplicity 0");
        }
        assertTrue(Files.exists(tmp.resolve("class_avgs_01.hdf")));
    }

    @Test
    void groupsSubsetsAndClassmx() throws Exception {
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7, 8, 9, 10)), InitialReferences.contiguousGroups(11, 3));
        ReferenceSource.FromData d = new ReferenceSource.FromData("bt", 3, 0, 0, 0, 0, null);
        assertEquals(4, d.subsetSize(7), "largest power of 2 ≤ the group");
        assertEquals(2, new ReferenceSource.FromData("bt", 3, 3, 0, 0, 0, null).subsetSize(7));
        assertEquals(7, new ReferenceSource.FromData("hac", 3, 0, 0, 0, 0, null).subsetSize(7), "10 capped at the group");
        assertEquals(5, new ReferenceSource.FromData("hac", 3, 0, 0, 0, 5, null).subsetSize(7));
        Path mx = tmp.resolve("classmx_0.hdf");
        Classmx.write(mx, InitialReferences.contiguousGroups(7, 2), 7);
        assertEquals(2, Classmx.classes(mx));
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5, 6)), Classmx.groups(mx, 7));
        try (var s = EmanHdf.open(mx)) {
            assertEquals(9, s.size());
            assertEquals(1f, s.read(8).get(1, 6, 0));
        }
    }

    @Test
    void inixformsMoveParticlesBeforeReferencesAreBuiltAndClassmxGroupsThem() throws Exception {
        List<Volume> vols = new ArrayList<>();
        java.util.Random r = new java.util.Random(8);
        for (int i = 0; i < 4; i++) {
            Volume v = Volume.cube(16);
            for (int j = 0; j < v.data.length; j++) v.data[j] = (float) r.nextGaussian();
            vols.add(v.setApix(3));
        }
        Path stack = tmp.resolve("p.hdf");
        EmanHdf.write(stack, vols);
        Transform t = Transform.eman(30, 40, 50, 1, 0, -1);
        RefineConfig cfg = new RefineConfig(stack.toString(), 0, 0, 1, new ReferenceSource.FromData("bt", 2, 1, 0, 0, 0, null), Map.of(2, t), false,
                new AlignmentConfig(PreprocessChain.Settings.none(), null, false, List.of(), spec("ccc"), null, null, 1, false, 1),
                settings(1, false, false),
                new OutputConfig(null, null, false, false, false, false));
        Path run = java.nio.file.Files.createDirectory(tmp.resolve("run"));
        try (ParticleSource src = new ParticleSource(stack.toString(), 0, 0); ThreadExecutor ex = new ThreadExecutor(1)) {
            ReferenceBuilder b = new ReferenceBuilder(Averagers.parse("mean"), (m, f) -> { throw new AssertionError("one particle per group: no alignment"); },
                    java.util.function.UnaryOperator.identity(), ex);
            List<Volume> refs = InitialReferences.make(cfg, src, b, new PreprocessChain(16, PreprocessChain.Settings.none()), run,
                    new java.io.PrintWriter(new java.io.StringWriter()));
            assertArrayEquals(vols.get(0).data, refs.get(0).data, "group 0 starts at particle 0, no inixform");
            assertArrayEquals(org.jspt.image.VolumeTransforms.apply(vols.get(2), t).data, refs.get(1).data, "particle 2 moved by its inixform");
            assertTrue(java.nio.file.Files.exists(run.resolve("ref1.hdf")));
            // The same groups read back from a classmx file.
            Path mx = tmp.resolve("mx.hdf");
            Classmx.write(mx, List.of(List.of(2, 3), List.of(0, 1)), 4);
            RefineConfig fromMx = new RefineConfig(stack.toString(), 0, 0, 1, new ReferenceSource.FromData("bt", 2, 1, 0, 0, 0, mx), Map.of(), false,
                new AlignmentConfig(PreprocessChain.Settings.none(), null, false, List.of(), spec("ccc"), null, null, 1, false, 1),
                settings(1, false, false),
                new OutputConfig(null, null, false, false, false, false));
            List<Volume> mxRefs = InitialReferences.make(fromMx, src, b, new PreprocessChain(16, PreprocessChain.Settings.none()),
                    java.nio.file.Files.createDirectory(tmp.resolve("run2")), new java.io.PrintWriter(new java.io.StringWriter()));
            assertArrayEquals(vols.get(2).data, mxRefs.get(0).data, "class 0 of the matrix holds particles 2 and 3");
        }
    }
}
