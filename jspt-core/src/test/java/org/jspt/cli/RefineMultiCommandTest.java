package org.jspt.cli;

import static org.jspt.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspt.geom.Symmetry;
import org.jspt.geom.Transform;
import org.jspt.image.CrossCorrelation;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.eman2.EmanJson;
import org.jspt.io.ImageStack;
import org.jspt.run.ParticleParms;
import org.jspt.sim.ClassSource;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.jspt.sim.TinyDataset;
import org.jspt.sim.TruthFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** refinemulti through its command line on tiny data (32³, 2 classes × 6 particles): mechanics and files. */
class RefineMultiCommandTest {
    @TempDir static Path dir;
    static Path particles, ref0, ref1, blob;
    static Simulator sim;
    static Path savedCwd;

    @BeforeAll
    static void simulate() throws Exception {
        savedCwd = RefineMultiCommand.workingDirectory;
        RefineMultiCommand.workingDirectory = dir;
        int box = 32;
        TinyDataset data = TinyDataset.write(dir);
        sim = data.sim;
        particles = data.particles;
        ref0 = data.ref0;
        ref1 = data.ref1;
        // A reference no particle resembles: a small off-centre blob.
        Volume b = Volume.cube(box).setApix(5);
        for (int z = 0; z < box; z++) for (int y = 0; y < box; y++) for (int x = 0; x < box; x++) {
            double d2 = Math.pow(x - 22, 2) + Math.pow(y - 9, 2) + Math.pow(z - 16, 2);
            b.set(x, y, z, (float) Math.exp(-d2 / 4));
        }
        blob = dir.resolve("blob.hdf");
        EmanHdf.write(blob, List.of(b));
    }

    @AfterAll
    static void restore() { RefineMultiCommand.workingDirectory = savedCwd; }

    /** --focusmask (refinemulti.md §16.2): every reference's entry carries the one pose, and the classes follow the focused scores. */
    @Test
    void focusMaskScoresEveryReferenceAtOnePose() throws Exception {
        CliRun.Result r = run("refinemulti", "--input=" + particles, "--ref", ref0 + "," + ref1, "--nref=2", "--iter=1",
                "--focusmask=0,0,0,8", "--path=" + dir.resolve("focus"), "--parallel=thread:2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("classified by the score inside the mask"), r.out());
        Map<String, Object> a = EmanJson.read(r.runDir().resolve("sptali_rm_0_0.json")), b = EmanJson.read(r.runDir().resolve("sptali_rm_0_1.json"));
        List<ParticleParms.Entry> parms = ParticleParms.read(r.runDir().resolve("particle_parms_01.json"));
        int right = 0;
        for (int p = 0; p < 12; p++) {
            List<?> ra = (List<?>) a.get(String.format("subtomo_%02d", p)), rb = (List<?>) b.get(String.format("subtomo_%02d", p));
            assertEquals(ra.get(0), rb.get(0), "particle " + p + ": one pose for both references");
            int byScore = (Double) ra.get(1) <= (Double) rb.get(1) ? 0 : 1;
            assertEquals(byScore, parms.get(p).classIndex(), "particle " + p + ": the class is the lower written score");
            if (parms.get(p).classIndex() == sim.truth().get(p).classIndex()) right++;
        }
        assertTrue(right >= 11, right + " of 12 particles in their true class");
    }

    @Test
    void givenReferencesWriteEveryFileInItsFormat() throws Exception {
        CliRun.Result r = run("refinemulti", "--input=" + particles, "--ref", ref0 + "," + ref1, "--nref=2", "--iter=2", "--saveali", "--plots",
                "--output=final.hdf", "--postprocess=filter.lowpass.gauss:cutoff_freq=0.05", "--path=" + dir.resolve("files"), "--parallel=thread:2");
        assertEquals(0, r.code(), r.err());
        Path run = r.runDir();
        assertTrue(run.getFileName().toString().equals("files_01"), run.toString());
        // HDF layout and headers of the averages: index = class id.
        try (ImageStack s = EmanHdf.open(run.resolve("class_avgs.hdf"))) {
            assertEquals(2, s.size());
            var h = s.readHeader(0);
            assertEquals(32, h.getInt("nx", 0));
            assertTrue(h.has("class_ptcl_idxs") && h.has("spt_multiplicity") && h.has("ptcl_repr"), h.toString());
            assertEquals(particles.toString(), h.getString("class_ptcl_src", ""));
        }
        for (String f : List.of("ref0.hdf", "ref1.hdf", "class_avgs_01.hdf", "class_avgs_postproc.hdf", "final.hdf", "class0_ptcl.hdf", "class1_ptcl.hdf")) {
            try (ImageStack s = EmanHdf.open(run.resolve(f))) {
                assertTrue(s.size() >= 1, f);
            }
        }
        // EMAN2 JSON: sptali_rm_<it>_<ref>.json keys subtomo_<p> → [Transform, score].
        Map<String, Object> sptali = EmanJson.read(run.resolve("sptali_rm_0_1.json"));
        assertEquals(12, sptali.size());
        List<?> rec = (List<?>) sptali.get("subtomo_00");
        assertTrue(rec.get(0) instanceof Transform && rec.get(1) instanceof Double);
        List<ParticleParms.Entry> parms = ParticleParms.read(run.resolve("particle_parms_01.json"));
        assertEquals(12, parms.size());
        assertEquals("particles.hdf", parms.get(0).file());
        // Text files.
        List<String> membership = Files.readAllLines(run.resolve("class_membership.txt"));
        assertEquals("ITERATION 0", membership.get(0));
        assertTrue(membership.get(1).matches("CLASS 0: \\d+(,\\d+)*"), membership.get(1));
        assertTrue(Files.readString(run.resolve("parameters_refinemulti.txt")).contains("iter=2"));
        List<String> fsc = Files.readAllLines(run.resolve("fsc_01_0.txt"));
        assertEquals(17 + 1, fsc.size(), "a header line and shells 0..16");
        assertTrue(fsc.get(1).matches("0\\.000000\t1\\.0+|0\\.000000\t0\\.9\\d+"), fsc.get(1));
        assertEquals(12, Files.readAllLines(run.resolve("spt_cccs_0_0.txt")).size());
        JsonNode it = new ObjectMapper().readTree(run.resolve("iterations.json").toFile());
        assertTrue(it.size() >= 1);
        assertEquals(2, it.get(0).get("class_sizes").size());
        assertTrue(Files.readString(dir.resolve(".eman2log.txt")).contains("refinemulti"));
        // evaluate reads the run: both classes found.
        CliRun.Result ev = run("evaluate", "--truth", dir.resolve("truth.json").toString(), "--run", run.toString());
        assertEquals(0, ev.code(), ev.err());
        assertTrue(ev.out().contains("accuracy 100.0%"), ev.out());
        JsonNode evj = new ObjectMapper().readTree(run.resolve("evaluation.json").toFile());
        for (JsonNode c : evj.get("classes")) {
            assertTrue(c.get("median_angle_deg").asDouble() < 6, "median angular error " + c);
            // 12 particles at SNR 0.5 and 12 Å: the averages must resolve at least 2× the simulated resolution.
            assertTrue(c.get("fsc05_angstrom").asDouble() <= 24, "FSC 0.5 against the truth: " + c.get("fsc05_angstrom"));
        }
    }

    @Test
    void savepreprocAndSavestepsKeepThePreprocessedStacksAndEveryIterationsReferences() throws Exception {
        CliRun.Result r = run("refinemulti", "--input=" + particles, "--ref", ref0 + "," + ref1, "--nref=2", "--iter=2", "--savepreproc",
                "--savesteps", "--shrink=2", "--lowpass=filter.lowpass.gauss:cutoff_freq=0.04", "--path=" + dir.resolve("steps"));
        assertEquals(0, r.code(), r.err());
        Path run = r.runDir();
        try (ImageStack s = EmanHdf.open(run.resolve("particles_preproc.hdf"))) {
            assertEquals(12, s.size());
            assertEquals(16, s.readHeader(0).getInt("nx", 0), "shrunk by 2");
        }
        for (String f : List.of("ref0_preproc.hdf", "ref1_preproc.hdf", "ref0_iter0.hdf", "ref1_iter0_preproc.hdf", "class_avgs_iter0.hdf")) {
            assertTrue(Files.exists(run.resolve(f)), f);
        }
        try (ImageStack s = EmanHdf.open(run.resolve("ref0_iter0.hdf"))) {
            assertEquals(32, s.readHeader(0).getInt("nx", 0), "the unpreprocessed average");
        }
    }

    @Test
    void coarseFineTweakRandomizedWedgeAndAutocentreRunTogether() throws Exception {
        CliRun.Result r = run("refinemulti", "--input=" + particles, "--ref", ref0 + "," + ref1, "--nref=2",
                "--align=rotate_translate_3d:delta=30:dphi=30", "--falign=refine_3d_grid:delta=4:range=8", "--shrink=2", "--shrinkfine=2",
                "--tweak", "--randomizewedge", "--autocenter=xform.centerofmass", "--npeakstorefine=2", "--keep=0.9",
                "--weighbyscore", "--path=" + dir.resolve("fine"));
        assertEquals(0, r.code(), r.err());
        CliRun.Result ev = run("evaluate", "--truth", dir.resolve("truth.json").toString(), "--run", r.runDir().toString());
        assertEquals(0, ev.code(), ev.err());
        assertTrue(ev.out().contains("accuracy 100.0%"), ev.out());
        assertTrue(Files.exists(r.runDir().resolve("class_avgs.hdf")));
    }

    @Test
    void aClassThatEmptiesIsDroppedAndWrittenAsZeros() throws Exception {
        CliRun.Result r = run("refinemulti", "--input=" + particles, "--ref", ref0 + "," + ref1 + "," + blob, "--nref=3", "--iter=2",
                "--path=" + dir.resolve("empty"));
        assertEquals(0, r.code(), r.err() + r.out());
        Path run = r.runDir();
        try (ImageStack s = EmanHdf.open(run.resolve("class_avgs_01.hdf"))) {
            assertEquals(3, s.size());
            assertEquals(0, s.readHeader(2).getInt("spt_multiplicity", -1));
            assertEquals(0, s.read(2).sigma(), 0);
        }
        // Iteration 2 aligned only against the two classes left.
        assertFalse(Files.exists(run.resolve("sptali_rm_1_2.json")));
    }

    @Test
    void oneClassLeftIsAnErrorAfterTheFilesAreWritten() {
        CliRun.Result r = run("refinemulti", "--input=" + particles, "--ref", ref0 + "," + blob, "--nref=2", "--iter=2", "--path=" + dir.resolve("one"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("allocated all particles to one average"), r.err());
        assertTrue(Files.exists(dir.resolve("one_01/class_avgs_01.hdf")));
    }

    @Test
    void symmetryIsAppliedToTheAveragesUnlessBreaksym() throws Exception {
        double sym = c2Invariance("--sym=c2"), broken = c2Invariance("--breaksym");
        // Voxels on the box's first plane have no 2-fold partner inside the box, so invariance is not exact.
        assertTrue(sym > 0.995, "a c2-symmetrised average is invariant under the 2-fold: " + sym);
        assertTrue(broken < 0.95, "with --breaksym the average keeps the particles' asymmetry: " + broken);
    }

    private static double c2Invariance(String option) throws Exception {
        CliRun.Result r = run("refinemulti", "--input=" + particles, "--ref", ref0 + "," + ref1, "--nref=2", "--sym=c2", option,
                "--path=" + dir.resolve("sym" + option.replaceAll("\\W", "")));
        assertEquals(0, r.code(), r.err());
        try (ImageStack s = EmanHdf.open(r.runDir().resolve("class_avgs.hdf"))) {
            Volume a = s.read(0);
            return CrossCorrelation.pearson(a, VolumeTransforms.apply(a, Symmetry.parse("c2").operator(1)));
        }
    }

    @Test
    void randomPhasesMakeCopiesOfOneReferenceDifferent() throws Exception {
        CliRun.Result r = run("refinemulti", "--input=" + particles, "--ref=" + ref0, "--nref=2", "--refrandphase=30", "--path=" + dir.resolve("rp"));
        assertTrue(r.code() == 0 || r.err().contains("one average"), r.err());
        Path run = dir.resolve("rp_01");
        Volume a, b;
        try (ImageStack s = EmanHdf.open(run.resolve("true0_randPH_1.hdf"))) { a = s.read(0); }
        try (ImageStack s = EmanHdf.open(run.resolve("true0_randPH_2.hdf"))) { b = s.read(0); }
        double cc = CrossCorrelation.pearson(a, b);
        assertTrue(cc < 0.999 && cc > 0.5, "same below 30 Å, different beyond: " + cc);
    }

    @Test
    void everyReferenceGenerationMethodRuns() throws Exception {
        for (String m : List.of("bt", "hac")) {
            CliRun.Result r = run("refinemulti", "--input=" + particles, "--nref=2", "--refgenmethod=" + m, "--subset4ref=3", "--path=" + dir.resolve(m));
            assertTrue(r.code() == 0 || r.err().contains("one average"), m + ": " + r.err());
            assertTrue(Files.exists(dir.resolve(m + "_01/ref1.hdf")), m);
            try (ImageStack s = EmanHdf.open(dir.resolve(m + "_01/classmx_0.hdf"))) {
                assertEquals(9, s.size(), "EMAN2's initial class matrix");
                assertEquals(2, s.readHeader(0).getInt("nx", 0));
                assertEquals(12, s.readHeader(0).getInt("ny", 0));
            }
        }
        CliRun.Result r = run("refinemulti", "--input=" + particles, "--nref=2", "--refgenmethod=ssa", "--ssaref=2", "--sym=c2", "--path=" + dir.resolve("ssa"));
        assertTrue(r.code() == 0 || r.err().contains("one average"), "ssa: " + r.err());
        try (ImageStack s = EmanHdf.open(dir.resolve("ssa_01/ref0.hdf"))) {
            Volume a = s.read(0);
            assertTrue(CrossCorrelation.pearson(a, VolumeTransforms.apply(a, Symmetry.parse("c2").operator(1))) > 0.99, "ssa reference is c2-symmetric");
        }
    }

    @Test
    void badInputFailsBeforeAnyWork() {
        CliRun.Result r = run("refinemulti", "--input=" + dir.resolve("nope.hdf"), "--path=" + dir.resolve("bad"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--input") && r.err().contains("nope.hdf"), r.err());
        r = run("refinemulti", "--input=" + particles, "--nref=13");
        assertEquals(1, r.code());
        r = run("refinemulti", "--input=" + particles, "--lowpass=filter.lowpass.gaus:cutoff_freq=0.1", "--path=" + dir.resolve("bad"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--lowpass") && r.err().contains("filter.lowpass.gauss"), r.err());
        assertFalse(Files.exists(dir.resolve("bad_01")), "no run folder for a bad command line");
    }
}
