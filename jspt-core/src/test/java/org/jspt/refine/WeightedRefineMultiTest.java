package org.jspt.refine;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspt.average.Averagers;
import org.jspt.ctf.FourierWeight;
import org.jspt.ctf.SyntheticWeights;
import org.jspt.ctf.WeightConvention;
import org.jspt.ctf.WeightFiles;
import org.jspt.exec.ThreadExecutor;
import org.jspt.geom.Symmetry;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.io.EmanHdf;
import org.jspt.io.ImageStack;
import org.jspt.io.Mrc;
import org.jspt.io.Star;
import org.jspt.proc.ProcessorSpec;
import org.jspt.sim.ClassSource;
import org.jspt.sim.RandomRotations;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * refinemulti on a STAR input whose particles carry rlnCtfImage (CTF with its first zero inside the band,
 * asymmetric tilt ranges): with the weights (--weights auto) the class averages are CTF-corrected and match
 * the truth far better than with the weights ignored (--weights none, EMAN2's way); the particle source
 * hands out each particle's weight, shared files read once each.
 */
class WeightedRefineMultiTest {
    @TempDir Path tmp;

    private static final int BOX = 32, PER_CLASS = 8;

    @Test
    void weightsGiveCtfCorrectedClassAverages() throws Exception {
        Simulator sim = new Simulator(List.of(ClassSource.phantom("tripod", BOX, 5), ClassSource.phantom("lshape", BOX, 5)),
                new SimulationParams(BOX, 5, 10, 1e9, 90, 0, 17, PER_CLASS));
        SplittableRandom rng = new SplittableRandom(515);
        // Four CTF files shared by the particles (a defocus group each), as tomograms share theirs.
        List<String> ctfs = new ArrayList<>();
        for (int g = 0; g < 4; g++) {
            FourierWeight w = SyntheticWeights.ctf(BOX, 5 + g, g % 2 == 0 ? -54 : -62, g % 2 == 0 ? 62 : 50, WeightConvention.CTF);
            String name = "ctf" + g + ".mrc";
            WeightFiles.writeCentredCube(tmp.resolve(name), w, 5);
            ctfs.add(name);
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 2 * PER_CLASS; i++) {
            int c = i % 2, g = (i / 2) % 4;
            Transform pose = RandomRotations.next(rng, 1, 1, 1);
            Volume signal = sim.render(c, pose);
            FourierWeight w = WeightFiles.read(tmp.resolve(ctfs.get(g)), WeightConvention.CTF);
            Volume d = SyntheticWeights.measure(signal, w, signal.sigma(), 900 + i).setApix(5);
            String name = String.format(Locale.ROOT, "p%02d.mrc", i);
            Mrc.write(tmp.resolve(name), d);
            rows.add(List.of(name, ctfs.get(g)));
        }
        Path star = tmp.resolve("particles.star");
        Star.write(star, List.of(
                Star.Block.ofLoop("optics", new Star.Table(List.of("rlnOpticsGroup", "rlnImagePixelSize"), List.of(List.of("1", "5.0")))),
                Star.Block.ofLoop("particles", new Star.Table(List.of("rlnImageName", "rlnCtfImage"), rows))));
        for (int c = 0; c < 2; c++) EmanHdf.write(tmp.resolve("ref" + c + "_in.hdf"), List.of(sim.truthMap(c)));

        try (ParticleSource src = new ParticleSource(star.toString(), 0, 0, "auto")) {
            assertTrue(src.hasWeights());
            for (int i = 0; i < src.size(); i++) assertEquals(WeightConvention.CTF, src.weight(i).convention);
            assertEquals(4, src.weightLoads(), "each shared file read once");
        }
        try (ParticleSource src = new ParticleSource(star.toString(), 0, 0, "none")) {
            assertFalse(src.hasWeights());
            assertNull(src.weight(0));
        }

        double[] with = run("auto", sim), without = run("none", sim);
        String all = "class averages vs truth: with weights " + java.util.Arrays.toString(with) + ", ignored " + java.util.Arrays.toString(without);
        for (int c = 0; c < 2; c++) {
            assertTrue(with[c] >= 0.8, all);
            assertTrue(with[c] > without[c] + 0.1, all);
        }
    }

    /** One iteration from the true maps; the correlation of each class average with its truth in a sphere. */
    private double[] run(String weights, Simulator sim) throws Exception {
        Path run = Files.createDirectory(tmp.resolve("run_" + weights));
        ProcessorSpec align = ProcessorSpec.parse("rotate_translate_3d_tree").orElseThrow();
        ProcessorSpec cmp = ProcessorSpec.parse("ccc.tomo.thresh").orElseThrow();
        RefineConfig cfg = new RefineConfig(tmp.resolve("particles.star").toString(), 0, 0, 1, PreprocessChain.Settings.none(), null, false, false,
                List.of(align, align), cmp, null, cmp, 1, false,
                new ReferenceSource.Files(List.of(tmp.resolve("ref0_in.hdf").toString(), tmp.resolve("ref1_in.hdf").toString()), 2, 0), Map.of(),
                new ClassAverageSettings(Averagers.parse("mean.tomo"), 1, false, null, null, -1, 0, false,
                        List.of(Symmetry.parse("c1"), Symmetry.parse("c1")), false, null, null, false),
                null, null, false, false, false, false, 1, weights);
        StringWriter log = new StringWriter();
        try (ThreadExecutor ex = new ThreadExecutor(2)) {
            new RefineMulti(cfg, ex, new PrintWriter(log), null).run(run);
        }
        assertEquals(weights.equals("auto"), log.toString().contains("class averages are CTF-corrected"), log.toString());
        double[] cc = new double[2];
        try (ImageStack s = EmanHdf.open(run.resolve("class_avgs.hdf"))) {
            for (int c = 0; c < 2; c++) {
                Volume truth = SyntheticWeights.measure(sim.truthMap(c), org.jspt.ctf.TiltRangeWedge.weight(BOX, -90, 90, WeightConvention.CTF), 0, 0);
                cc[c] = SyntheticWeights.correlation(s.read(c), truth, SyntheticWeights.sphere(BOX, BOX / 2 - 2));
            }
        }
        return cc;
    }
}
