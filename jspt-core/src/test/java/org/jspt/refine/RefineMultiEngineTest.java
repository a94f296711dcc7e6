package org.jspt.refine;

import org.jspt.run.IterationsFile;
import org.jspt.run.ParticleMargins;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspt.average.Averagers;
import org.jspt.exec.ParticleExecutor;
import org.jspt.exec.SerializingExecutor;
import org.jspt.exec.ThreadExecutor;
import org.jspt.geom.Symmetry;
import org.jspt.image.Volume;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.run.ParticleParms;
import org.jspt.proc.ProcessorSpec;
import org.jspt.sim.ClassSource;
import org.jspt.sim.Evaluator;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.jspt.sim.TruthFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine end to end on a tiny two-class dataset, with given references and the default tree aligner. */
class RefineMultiEngineTest {
    @TempDir Path tmp;

    private static ProcessorSpec spec(String s) { return ProcessorSpec.parse(s).orElseThrow(); }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        assertSameResults(runOnce(tmp.resolve("a"), 1), runOnce(tmp.resolve("b"), 2));
    }

    @Test
    void resultsDoNotDependOnTheExecutor() throws Exception {
        Path a = runOnce(tmp.resolve("a"), new ThreadExecutor(2));
        SerializingExecutor remote = new SerializingExecutor(2, 1);
        Path b = runOnce(tmp.resolve("b"), remote);
        assertEquals(2, remote.distributedPasses, "the alignment and the averaging went through the distributed path");
        assertSameResults(a, b);
    }

    /** The determinism contract: same classes, transforms within 1e-4, average voxels within 1e-5 of the largest value. */
    static void assertSameResults(Path a, Path b) throws Exception {
        List<ParticleParms.Entry> ea = ParticleParms.read(a.resolve("particle_parms_01.json")), eb = ParticleParms.read(b.resolve("particle_parms_01.json"));
        for (int i = 0; i < ea.size(); i++) {
            assertEquals(ea.get(i).classIndex(), eb.get(i).classIndex(), "class of " + i);
            assertTrue(ea.get(i).xform().approxEquals(eb.get(i).xform(), 1e-4), "xform of " + i);
        }
        List<Volume> va = new ArrayList<>(), vb = new ArrayList<>();
        try (var sa = EmanHdf.open(a.resolve("class_avgs.hdf")); var sb = EmanHdf.open(b.resolve("class_avgs.hdf"))) {
            for (int c = 0; c < sa.size(); c++) {
                va.add(sa.read(c));
                vb.add(sb.read(c));
            }
        }
        for (int c = 0; c < va.size(); c++) {
            float max = 0, diff = 0;
            for (int i = 0; i < va.get(c).data.length; i++) {
                max = Math.max(max, Math.abs(va.get(c).data[i]));
                diff = Math.max(diff, Math.abs(va.get(c).data[i] - vb.get(c).data[i]));
            }
            assertTrue(diff <= 1e-5 * max, "class " + c + " differs by " + diff + " (max " + max + ")");
        }
    }

    private Path runOnce(Path dir, int threads) throws Exception {
        return runOnce(dir, new ThreadExecutor(threads));
    }

    private Path runOnce(Path dir, ParticleExecutor executor) throws Exception {
        Files.createDirectories(dir);
        int box = 24;
        SimulationParams sp = new SimulationParams(box, 5, 12, 1.0, 60, 1, 7, 3);
        Simulator sim = new Simulator(List.of(ClassSource.phantom("tripod", box, 5), ClassSource.phantom("lshape", box, 5)), sp);
        Path ptcl = dir.resolve("ptcl.hdf");
        List<Volume> vs = new ArrayList<>();
        for (int i = 0; i < sim.count(); i++) vs.add(sim.particle(i));
        EmanHdf.write(ptcl, vs);
        for (int c = 0; c < 2; c++) EmanHdf.write(dir.resolve("ref" + c + "_in.hdf"), List.of(sim.truthMap(c)));
        Path run = Files.createDirectory(dir.resolve("run"));
        ProcessorSpec align = spec("rotate_translate_3d_tree");
        RefineConfig cfg = new RefineConfig(ptcl.toString(), 0, 0, 1, new ReferenceSource.Files(List.of(dir.resolve("ref0_in.hdf").toString(), dir.resolve("ref1_in.hdf").toString()), 2, 0), Map.of(), false,
                new AlignmentConfig(PreprocessChain.Settings.none(), null, false, List.of(align, align), spec("ccc.tomo.thresh"), null, spec("ccc.tomo.thresh"), 1, false, 1),
                new AveragingConfig(Averagers.parse("mean.tomo"), 1, false, null, null, -1, 0, false,
                        List.of(Symmetry.parse("c1"), Symmetry.parse("c1")), false, null, null, false),
                new OutputConfig(null, null, false, false, false, false));
        try (ParticleExecutor ex = executor) {
            new RefineMulti(cfg, ex, new PrintWriter(new StringWriter()), null).run(run);
        }
        return run;
    }

    @Test
    void twoIterationsClassifyAlignAndWriteEveryFile() throws Exception {
        int box = 24;
        SimulationParams sp = new SimulationParams(box, 5, 12, 1.0, 60, 1, 7, 4);
        Simulator sim = new Simulator(List.of(ClassSource.phantom("tripod", box, 5), ClassSource.phantom("lshape", box, 5)), sp);
        Path ptcl = tmp.resolve("ptcl.hdf");
        List<Volume> vs = new ArrayList<>();
        for (int i = 0; i < sim.count(); i++) vs.add(sim.particle(i));
        EmanHdf.write(ptcl, vs);
        List<Volume> maps = List.of(sim.truthMap(0), sim.truthMap(1));
        for (int c = 0; c < 2; c++) EmanHdf.write(tmp.resolve("ref" + c + "_in.hdf"), List.of(maps.get(c)));
        Path run = Files.createDirectory(tmp.resolve("run"));
        ProcessorSpec align = spec("rotate_translate_3d_tree");
        RefineConfig cfg = new RefineConfig(ptcl.toString(), 0, 0, 2, new ReferenceSource.Files(List.of(tmp.resolve("ref0_in.hdf").toString(), tmp.resolve("ref1_in.hdf").toString()), 2, 0), Map.of(), false,
                new AlignmentConfig(PreprocessChain.Settings.none(), null, false, List.of(align, align), spec("ccc.tomo.thresh"), null, spec("ccc.tomo.thresh"), 1, false, 1),
                new AveragingConfig(Averagers.parse("mean.tomo"), 1, false, null, null, -1, 0, false,
                        List.of(Symmetry.parse("c1"), Symmetry.parse("c1")), false, null, null, false),
                new OutputConfig(null, "final.hdf", true, false, false, true));
        StringWriter log = new StringWriter();
        try (ThreadExecutor ex = new ThreadExecutor(2)) {
            new RefineMulti(cfg, ex, new PrintWriter(log), null).run(run);
        }
        for (String f : List.of("ref0.hdf", "ref1.hdf", "sptali_rm_0_0.json", "sptali_rm_0_1.json", "class_membership.txt", "class_avgs.hdf",
                "class_avgs_01.hdf", "particle_parms_01.json", "fsc_01_0.txt", "fsc_01_1.txt",
                "iterations.json", "class0_ptcl.hdf", "class1_ptcl.hdf", "final.hdf", "spt_cccs_0_1.txt")) {
            assertTrue(Files.exists(run.resolve(f)), f + " in " + log);
        }
        // Iteration 2 gives the same classes: converged (Spec §7.4), so it writes no iteration files of its own.
        assertTrue(log.toString().contains("converged at iteration 02"), log.toString());
        assertFalse(Files.exists(run.resolve("sptali_rm_1_0.json")));
        assertFalse(Files.exists(run.resolve("class_avgs_02.hdf")));
        assertTrue(Files.exists(run.resolve("particle_parms_02.json")), "jspt records the converged iteration's alignments");
        // ... and its line of iterations.json: the time it took, its classes unchanged, no averages so no resolution.
        List<IterationsFile.Entry> its = IterationsFile.read(run.resolve("iterations.json"));
        assertEquals(2, its.size(), log.toString());
        assertFalse(its.get(0).converged());
        IterationsFile.Entry conv = its.get(1);
        assertTrue(conv.converged() && conv.nn() == 2, conv.toString());
        assertEquals(0.0, conv.percentChanged());
        assertArrayEquals(its.get(0).sizes(), conv.sizes());
        assertTrue(conv.seconds() > 0, conv.toString());
        assertTrue(Double.isNaN(conv.resolution()[0]) && Double.isNaN(conv.resolution()[1]), "no averages, so no resolution: " + conv);
        assertTrue(log.toString().contains("iteration 02: ") && log.toString().contains("converged (no new averages)"), log.toString());
        // §16.6: the converged iteration's margins, each particle's own score against the best other class's.
        ParticleMargins.Margins margins = ParticleMargins.read(run.resolve("particle_margins.txt"));
        assertEquals(2, margins.iteration());
        List<ParticleParms.Entry> parms2 = ParticleParms.read(run.resolve("particle_parms_02.json"));
        assertEquals(parms2.size(), margins.lines().size());
        for (ParticleMargins.Margin m : margins.lines()) {
            ParticleParms.Entry e = parms2.get(m.particle());
            assertEquals(e.classIndex(), m.classIndex());
            assertEquals(e.score(), m.score(), 1e-6 * Math.abs(e.score()));
            assertEquals(1 - m.classIndex(), m.nextClass());
            assertTrue(m.margin() >= 0 && Math.abs(m.margin() - (m.nextScore() - m.score())) < 1e-6, m.toString());
        }
        try (var s = EmanHdf.open(run.resolve("class1_ptcl.hdf"))) {
            assertEquals(4, s.size());
            assertNotNull(s.readHeader(0).getTransform("xform.align3d"));
        }
        List<Evaluator.Assignment> as = new ArrayList<>();
        for (ParticleParms.Entry e : ParticleParms.read(run.resolve("particle_parms_01.json"))) as.add(new Evaluator.Assignment(e.index(), e.classIndex(), e.score(), e.xform()));
        Evaluator.Evaluation ev = Evaluator.evaluate(new TruthFile(sp, sim.labels(), sim.truth()), as, null, maps, List.of(org.jspt.geom.Transform.identity()));
        assertEquals(1.0, ev.accuracy(), 1e-9, log.toString());
        for (Evaluator.ClassScore c : ev.classes()) assertTrue(c.medianAngle() < 10, "median angular error " + c.medianAngle());
    }
}
