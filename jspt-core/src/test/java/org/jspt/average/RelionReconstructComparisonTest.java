package org.jspt.average;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jspt.ctf.FourierWeight;
import org.jspt.ctf.SyntheticWeights;
import org.jspt.ctf.WeightConvention;
import org.jspt.ctf.WeightFiles;
import org.jspt.geom.RelionPose;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.io.Mrc;
import org.jspt.io.Star;
import org.jspt.sim.ClassSource;
import org.jspt.sim.RandomRotations;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jspt's CTF convention checked against RELION 3.1's own reader (Debian package {@code relion}):
 * particles with known poses (truth × a 3-D CTF of its own defocus and asymmetric tilt range + noise) are
 * written as MRC files with their CTF volumes (RELION 3's centred cube), and a RELION 3.1 STAR file with
 * rlnCtfImage and the true angles/origins ({@link RelionPose}); {@code relion_reconstruct --ctf --3d_rot}
 * (reconstructor.cpp, RELION 3.1.3: 3-D data, data × CTF, weight × CTF²) reconstructs them, and jspt's
 * {@link CtfWeightedAverager} averages the same particles in the same poses from the same files
 * ({@link WeightFiles#read}). The two agree (correlation ≥ 0.99 in a sphere); reading the CTF volumes
 * transposed (x ↔ z) or mirrored (z → −z, which turns −30/+60 into −60/+30) agrees clearly less.
 * Fails, not skips, when relion_reconstruct is missing.
 */
class RelionReconstructComparisonTest {
    private static final int N = 32, COUNT = 10;
    private static final double APIX = 4;

    @TempDir static Path dir;
    private static Volume relion;
    private static final List<Volume> particles = new ArrayList<>();
    private static final List<Transform> poses = new ArrayList<>();
    private static final List<Path> ctfFiles = new ArrayList<>();

    @BeforeAll
    static void reconstructWithRelion() throws Exception {
        Simulator sim = new Simulator(List.of(ClassSource.phantom("ring", N, APIX)), new SimulationParams(N, APIX, 10, 1e9, 90, 0, 31, 1));
        SplittableRandom rng = new SplittableRandom(2024);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            Transform pose = RandomRotations.next(rng, 1.5, 1.5, 1.5);
            Volume signal = sim.render(0, pose);
            double zero = 5 + 4 * rng.nextDouble();
            // Strongly asymmetric ranges, all on one side, so a mirrored reading (−60/+30) shows.
            FourierWeight w = i % 2 == 0 ? SyntheticWeights.ctf(N, zero, -30, 60, WeightConvention.CTF)
                    : SyntheticWeights.ctf(N, zero, -40, 56, WeightConvention.CTF);
            Volume d = SyntheticWeights.measure(signal, w, 0.05 * signal.sigma(), 70 + i).setApix(APIX);
            String pn = String.format(Locale.ROOT, "p%02d.mrc", i), cn = String.format(Locale.ROOT, "ctf%02d.mrc", i);
            Mrc.write(dir.resolve(pn), d);
            WeightFiles.writeCentredCube(dir.resolve(cn), w, APIX);
            RelionPose rp = RelionPose.of(pose, APIX);
            rows.add(List.of(pn, cn, f(rp.rot()), f(rp.tilt()), f(rp.psi()), f(rp.originXAngst()), f(rp.originYAngst()), f(rp.originZAngst()), "1"));
            particles.add(d);
            poses.add(pose);
            ctfFiles.add(dir.resolve(cn));
        }
        Star.write(dir.resolve("particles.star"), List.of(
                Star.Block.ofLoop("optics", new Star.Table(
                        List.of("rlnOpticsGroup", "rlnOpticsGroupName", "rlnImagePixelSize", "rlnImageSize", "rlnImageDimensionality",
                                "rlnVoltage", "rlnSphericalAberration", "rlnAmplitudeContrast"),
                        List.of(List.of("1", "opticsGroup1", f(APIX), Integer.toString(N), "3", "300", "2.7", "0.07")))),
                Star.Block.ofLoop("particles", new Star.Table(
                        List.of("rlnImageName", "rlnCtfImage", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi",
                                "rlnOriginXAngst", "rlnOriginYAngst", "rlnOriginZAngst", "rlnOpticsGroup"), rows))));
        run(dir, "relion_reconstruct", "--i", "particles.star", "--o", "rec.mrc", "--ctf", "--3d_rot");
        try (Mrc m = Mrc.open(dir.resolve("rec.mrc"))) {
            relion = m.read(0);
        }
    }

    private static String f(double v) { return String.format(Locale.ROOT, "%.6f", v); }

    private static void run(Path cwd, String... cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail(cmd[0] + " not found; install the Debian package relion (" + e.getMessage() + ")");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), cmd[0] + " timed out");
        assertEquals(0, p.exitValue(), cmd[0] + " failed:\n" + out);
        assertTrue(Files.exists(cwd.resolve("rec.mrc")), cmd[0] + " wrote no output:\n" + out);
    }

    /** jspt's weighted average of the particles in their true poses, the weight files read through {@code reader}. */
    private static Volume jspt(java.util.function.UnaryOperator<Volume> layoutChange) throws IOException {
        CtfWeightedAverager a = new CtfWeightedAverager();
        for (int i = 0; i < COUNT; i++) {
            Volume cube;
            try (Mrc m = Mrc.open(ctfFiles.get(i))) {
                cube = layoutChange.apply(m.read(0));
            }
            FourierWeight w = WeightFiles.of(cube, WeightConvention.CTF, ctfFiles.get(i));
            Transform align = poses.get(i).inverse(); // xform.align3d: particle → reference
            a.add(VolumeTransforms.apply(particles.get(i), align), w.rotated(align), 1);
        }
        return a.finish();
    }

    private static double agreement(Volume mine) {
        return SyntheticWeights.correlation(mine, relion, SyntheticWeights.sphere(N, N / 2 - 3));
    }

    @Test
    void weightedAverageAgreesWithRelionReconstruct() throws IOException {
        double cc = agreement(jspt(v -> v));
        assertTrue(cc >= 0.99, "jspt vs relion_reconstruct: correlation " + cc);
    }

    @Test
    void transposedOrMirroredWeightsAgreeClearlyLess() throws IOException {
        double right = agreement(jspt(v -> v));
        double transposed = agreement(jspt(RelionReconstructComparisonTest::transposeXz));
        double mirrored = agreement(jspt(RelionReconstructComparisonTest::mirrorZ));
        String all = "right " + right + ", transposed " + transposed + ", mirrored " + mirrored;
        assertTrue(transposed < right - 0.05, all);
        // A mirrored wedge differs only in slivers that other particles' orientations partly fill: it misses
        // the 0.99 floor, by less.
        assertTrue(mirrored < 0.99 && mirrored < right - 0.01, all);
    }

    private static Volume transposeXz(Volume v) {
        Volume o = v.blankLike();
        for (int z = 0; z < v.nz; z++) for (int y = 0; y < v.ny; y++) for (int x = 0; x < v.nx; x++) o.set(z, y, x, v.get(x, y, z));
        return o;
    }

    /** Voxel z → n − z (about the centre n/2; plane 0, the −n/2 plane, stays). */
    private static Volume mirrorZ(Volume v) {
        Volume o = v.blankLike();
        int n = v.nz;
        for (int z = 0; z < n; z++) for (int y = 0; y < v.ny; y++) for (int x = 0; x < v.nx; x++) o.set(x, y, (n - z) % n, v.get(x, y, z));
        return o;
    }
}
