package org.jspt.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.ImageStack;
import org.jspt.io.mrc.Mrc;
import org.jspt.io.star.Star;
import org.jspt.io.star.StarStack;
import org.jspt.sim.ClassSource;
import org.jspt.sim.ParticleCtfTruth;
import org.jspt.sim.ParticleTruth;
import org.jspt.sim.Simulator;
import org.jspt.sim.TruthFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jspt simulate} in the tilt-series mode, from the command line: the files, the STAR read back by jspt and
 * by RELION 3.1's own {@code relion_star_handler} (Debian package {@code relion}; the test fails, not skips, when it
 * is missing), and a noise-free particle's transform equal to its 3-D CTF file times the posed truth's transform.
 */
class SimulateTiltSeriesTest {
    private static final int N = 32;
    @TempDir static Path tmp;
    static Path sim;

    @BeforeAll
    static void simulate() {
        sim = tmp.resolve("ts");
        CliRun.Result r = CliRun.run("simulate", "--phantom", "tripod", "--phantom", "lshape", "--box", "" + N, "--apix", "3", "--res", "8",
                "--per-class", "3", "--snr", "inf", "--seed", "4", "--threads", "2", "--tilt-ranges", "-54:62,-62:50", "--defocus", "2:4",
                "--astigmatism", "3000", "--height", "-500:500", "--x-range", "-1000:1000", "--out", sim.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("tomo02: 37 tilts -60.00..48.00°"), r.out());
    }

    @Test
    void writesParticlesWeightsSchemesStarAndTruth() throws Exception {
        for (String f : List.of("particles.hdf", "particles.star", "truth.json", "truth_maps.hdf", "tomograms/tomo01.tilts", "tomograms/tomo02.tilts",
                "particles/ptcl_000005.mrc", "ctf/ptcl_000005_ctf.mrc")) assertTrue(Files.exists(sim.resolve(f)), f);
        TruthFile t = TruthFile.read(sim.resolve("truth.json"));
        assertNotNull(t.tiltSeries());
        assertEquals(6, t.tiltSeries().particles().size());
        ParticleCtfTruth p1 = t.tiltSeries().particles().get(1);
        assertEquals("tomo02", p1.tomogram());
        assertEquals(-60, p1.tiltMin(), 1e-9);
        assertEquals(48, p1.tiltMax(), 1e-9);
        assertEquals(3000, p1.defocusU() - p1.defocusV(), 1e-6);
        assertTrue(p1.defocus() >= 20000 && p1.defocus() <= 40000);
        assertEquals(p1.defocus() + 1500 + p1.z(), p1.defocusU(), 1e-6, "the 0° image's defocus includes the height");

        List<Star.Block> star = Star.read(sim.resolve("particles.star"));
        Star.Table optics = Star.block(star, "optics").orElseThrow().loop();
        assertEquals("3", optics.get(0, "rlnImageDimensionality"));
        assertEquals("300.000000", optics.get(0, "rlnVoltage"));
        Star.Table parts = StarStack.particleTable(star, sim.resolve("particles.star"));
        assertEquals("ctf/ptcl_000001_ctf.mrc", parts.get(1, "rlnCtfImage"));
        assertEquals("tomo02", parts.get(1, "rlnMicrographName"));
        assertEquals(p1.defocusU(), Double.parseDouble(parts.get(1, "rlnDefocusU")), 1e-5);
        try (StarStack s = StarStack.open(sim.resolve("particles.star")); ImageStack h = EmanHdf.open(sim.resolve("particles.hdf"))) {
            assertEquals(6, s.size());
            assertEquals(6, h.size());
            Volume a = s.read(4), b = h.read(4);
            assertArrayEquals(a.data, b.data, "STAR-listed MRC and HDF stack hold the same particle");
            assertEquals(3.0, a.apix(), 1e-6);
        }
        for (String f : List.of("particles/ptcl_000000.mrc", "ctf/ptcl_000000_ctf.mrc")) assertEquals(List.of(), Mrc.validate(sim.resolve(f)), f);
    }

    /** Pearson correlation of two sets of complex coefficients inside the Nyquist sphere. */
    private static double correlation(FourierVolume a, FourierVolume b) {
        double ab = 0, aa = 0, bb = 0;
        for (int kz = -N / 2 + 1; kz < N / 2; kz++)
            for (int ky = -N / 2 + 1; ky < N / 2; ky++)
                for (int kx = 0; kx < N / 2; kx++) {
                    if (kx * kx + ky * ky + kz * kz >= N * N / 4) continue;
                    int i = a.index(kx, ky, kz);
                    ab += a.data[i] * b.data[i] + a.data[i + 1] * b.data[i + 1];
                    aa += a.data[i] * a.data[i] + a.data[i + 1] * a.data[i + 1];
                    bb += b.data[i] * b.data[i] + b.data[i + 1] * b.data[i + 1];
                }
        return ab / Math.sqrt(aa * bb);
    }

    /** The posed truth's transform times the weight read from the centred cube: voxel (X, Y, Z) holds M(X − n/2, Y − n/2, Z − n/2). */
    private static FourierVolume weighted(Volume posed, Volume cube, boolean transposeXz) {
        FourierVolume f = Fft.forward(posed);
        for (int z = 0; z < N; z++)
            for (int y = 0; y < N; y++)
                for (int kx = 0; kx < f.nkx; kx++) {
                    int ky = FourierVolume.signedIndex(y, N), kz = FourierVolume.signedIndex(z, N);
                    int X = Math.floorMod(kx + N / 2, N), Y = ky + N / 2, Z = kz + N / 2;
                    float m = transposeXz ? cube.get(Z, Y, X) : cube.get(X, Y, Z);
                    int i = f.index(kx, ky, kz);
                    f.data[i] *= m;
                    f.data[i + 1] *= m;
                }
        return f;
    }

    @Test
    void aNoiseFreeParticleIsItsCtfVolumeTimesThePosedTruth() throws Exception {
        TruthFile t = TruthFile.read(sim.resolve("truth.json"));
        Simulator truth = new Simulator(List.of(ClassSource.phantom("tripod", N, 3), ClassSource.phantom("lshape", N, 3)), t.params());
        for (ParticleTruth p : t.particles()) {
            Volume particle;
            Volume cube;
            try (Mrc a = Mrc.open(sim.resolve(String.format("particles/ptcl_%06d.mrc", p.index())));
                 Mrc b = Mrc.open(sim.resolve(String.format("ctf/ptcl_%06d_ctf.mrc", p.index())))) {
                particle = a.read(0);
                cube = b.read(0);
            }
            Volume posed = truth.render(p.classIndex(), p.pose());
            double cc = correlation(Fft.forward(particle), weighted(posed, cube, false));
            assertTrue(cc >= 0.99, "particle " + p.index() + ": " + cc);
            double transposed = correlation(Fft.forward(particle), weighted(posed, cube, true));
            assertTrue(transposed < 0.9, "a transposed weight must match clearly worse: " + transposed + " vs " + cc);
        }
    }

    @Test
    void relionReadsTheStarFileWithoutWarnings() throws Exception {
        Path out = tmp.resolve("relion_out.star");
        Process p;
        try {
            p = new ProcessBuilder("relion_star_handler", "--i", "particles.star", "--o", out.toString(), "--discard_on_stats", "--discard_sigma", "100")
                    .directory(sim.toFile()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            fail("relion_star_handler not found; install the Debian package relion (" + e.getMessage() + ")");
            return;
        }
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "relion_star_handler timed out");
        assertEquals(0, p.exitValue(), log);
        assertFalse(log.toUpperCase().contains("WARNING") || log.toUpperCase().contains("ERROR"), log);
        List<Star.Block> back = Star.read(out);
        assertEquals(6, StarStack.particleTable(back, out).size(), log);
        assertEquals("3", Star.block(back, "optics").orElseThrow().loop().get(0, "rlnImageDimensionality"));
    }

    @Test
    void badTiltSeriesOptionsGiveOneLineAndExitOne() {
        String[][] bad = {
            {"--phantom", "ring", "--defocus", "2:5"},
            {"--phantom", "ring", "--tilt-scheme", "-60:60:3", "--tilt", "50"},
            {"--phantom", "ring", "--tilt-scheme", "-60:60"},
            {"--phantom", "ring", "--tilt-scheme", "-60:60:3", "--tilt-order", "random"},
            {"--phantom", "ring", "--tilt-scheme", "-60:60:3", "--voltage", "120"},
            {"--phantom", "ring", "--tilt-scheme", "-60:60:3", "--box", "33"},
            {"--phantom", "ring", "--tilt-ranges", "-54"},
        };
        for (String[] b : bad) {
            String[] args = new String[b.length + 3];
            args[0] = "simulate";
            System.arraycopy(b, 0, args, 1, b.length);
            args[b.length + 1] = "--out";
            args[b.length + 2] = tmp.resolve("bad").toString();
            CliRun.Result r = CliRun.run(args);
            assertEquals(1, r.code(), String.join(" ", b) + ": " + r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
