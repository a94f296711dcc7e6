package org.jspt.refine.mask;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jspt.align.AlignResult;
import org.jspt.cli.CliRun;
import org.jspt.image.Volume;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStacks;
import org.jspt.sim.ParticleTruth;
import org.jspt.sim.TruthFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --focusmask (refinemulti.md §16.2): a complex with and without 9 % of its mass (1LCD chains ABC, and without
 * residues 1–10 of chain A), SNR 0.05, ±60° wedge. The references are the two true maps plus noise, as class
 * averages of a few dozen such particles are; every particle is scored at its true pose. Inside a sphere
 * about the missing part the scores classify far better than the same score over the whole box, where the
 * references' noise outside the part outweighs the part's signal. (Data seed 4242; developed on 101 and 303.)
 */
class FocusedScorerTest {
    @TempDir Path tmp;

    /** Centre (px from the box centre) of residues A/1–10 of 1LCD in the simulator's frame, and a radius. */
    private static final double[] PART = {2.2, 1.1, -3.8, 6};

    @Test
    void theFocusMaskClassifiesASmallPartThatTheWholeBoxMisses() throws Exception {
        Path sim = tmp.resolve("sim");
        CliRun.Result s = CliRun.run("simulate", "--pdb", pdb() + ":ABC", "--pdb", pdb() + ":ABC,-A/1-10", "--per-class", "30",
                "--box", "32", "--apix", "3", "--snr", "0.05", "--seed", "4242", "--out", sim.toString());
        assertEquals(0, s.code(), s.err());
        List<Volume> refs = noisyReferences(sim.resolve("truth_maps.hdf"));
        TruthFile truth = TruthFile.read(sim.resolve("truth.json"));

        Volume whole = Volume.cube(32);
        whole.fill(1f);
        double focused = accuracy(new FocusedScorer(sphere(32)), sim, truth, refs);
        double wholeBox = accuracy(new FocusedScorer(whole), sim, truth, refs);
        assertTrue(focused >= 0.8, "focused accuracy " + focused + " (whole box " + wholeBox + ")");
        assertTrue(focused >= wholeBox + 0.08, "focused " + focused + " should clearly beat the whole box " + wholeBox);
    }

    @Test
    void everyReferenceIsScoredAtTheBestAlignedPose() {
        Volume ref = sphere(16);
        FocusedScorer f = new FocusedScorer(sphere(16));
        org.jspt.geom.Transform a = org.jspt.geom.Transform.eman(10, 20, 30, 1, 0, 0), b = org.jspt.geom.Transform.eman(40, 50, 60);
        AlignResult[] r = f.rescore(ref, null, List.of(ref, ref, ref), new AlignResult[] {new AlignResult(a, -0.2), null, new AlignResult(b, -0.5)});
        assertNull(r[1]);
        assertEquals(b, r[0].xform());
        assertEquals(b, r[2].xform());
    }

    /**
     * With a weight the particle's transfer is that weight, not one detected from the data: a noise-free particle
     * with a weight of ones scores −Σm²R²/ΣR² against itself (a = 1), the fraction of its power inside the mask.
     */
    @Test
    void aWeightReplacesTheDetectedWedge() {
        Volume v = Volume.cube(16);
        for (int i = 0; i < v.data.length; i++) v.data[i] = (float) Math.sin(i * 0.37) + (float) Math.cos(i * 0.011);
        Volume m = sphere(16);
        AlignResult[] r = new FocusedScorer(m).rescore(v, org.jspt.ctf.FourierWeight.ones(16, org.jspt.ctf.WeightConvention.CTF),
                List.of(v), new AlignResult[] {new AlignResult(org.jspt.geom.Transform.identity(), 0)});
        double mean = 0;
        for (float x : v.data) mean += x;
        mean /= v.data.length;
        double in = 0, all = 0;
        for (int i = 0; i < v.data.length; i++) {
            double x = v.data[i] - mean;
            in += m.data[i] * m.data[i] * x * x;
            all += x * x;
        }
        assertEquals(-in / all, r[0].score(), 1e-4);
    }

    private static String pdb() { return org.jspt.Fixtures.pdb("1LCD.pdb").toString(); }

    private static Volume sphere(int n) {
        org.jspt.refine.options.mask.FocusMask m = new org.jspt.refine.options.mask.FocusMask(null, n == 32 ? PART : new double[] {0, 0, 0, 3});
        try {
            return m.volume(n);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The true maps plus white noise of their own standard deviation (about an average of 20 such particles) (fixed seed). */
    private static List<Volume> noisyReferences(Path maps) throws Exception {
        List<Volume> refs = new ArrayList<>();
        Random rng = new Random(77);
        try (ImageStack st = ImageStacks.open(maps.toString())) {
            for (int k = 0; k < 2; k++) {
                Volume v = st.read(k);
                double m = 0, q = 0;
                for (float x : v.data) {
                    m += x;
                    q += (double) x * x;
                }
                m /= v.data.length;
                double sd = Math.sqrt(q / v.data.length - m * m);
                for (int i = 0; i < v.data.length; i++) v.data[i] += (float) (sd * rng.nextGaussian());
                refs.add(v);
            }
        }
        return refs;
    }

    private static double accuracy(FocusedScorer scorer, Path sim, TruthFile truth, List<Volume> refs) throws Exception {
        int right = 0;
        try (ImageStack st = ImageStacks.open(sim.resolve("particles.hdf").toString())) {
            for (ParticleTruth t : truth.particles()) {
                org.jspt.geom.Transform pose = t.pose().inverse(); // particle → reference, as xform.align3d
                AlignResult[] r = scorer.rescore(st.read(t.index()), null, refs, new AlignResult[] {new AlignResult(pose, 0), new AlignResult(pose, 0)});
                int cls = r[0].score() <= r[1].score() ? 0 : 1;
                if (cls == t.classIndex()) right++;
            }
        }
        return (double) right / truth.particles().size();
    }
}
