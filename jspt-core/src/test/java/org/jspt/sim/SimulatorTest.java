package org.jspt.sim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.jspt.Fixtures;
import org.jspt.geom.RandomRotations;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.MissingWedge;
import org.jspt.image.Volume;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    private static final double FAR = 90; // no wedge

    @Test
    void theWedgeIsMissingFromTheParticlesPowerSpectrumAndOnlyThere() {
        SimulationParams p = new SimulationParams(32, 4, 12, 0.5, 45, 2, 21, 2);
        Simulator sim = new Simulator(List.of(ClassSource.phantom("tripod", 32, 4)), p);
        FourierVolume f = Fft.forward(sim.particle(0));
        double inWedge = 0, outside = 0;
        int nIn = 0, nOut = 0;
        for (int z = 0; z < 32; z++)
            for (int y = 0; y < 32; y++)
                for (int kx = 1; kx < f.nkx; kx++) {
                    int kz = FourierVolume.signedIndex(z, 32);
                    double pw = Math.pow(f.re(kx, FourierVolume.signedIndex(y, 32), kz), 2) + Math.pow(f.im(kx, FourierVolume.signedIndex(y, 32), kz), 2);
                    if (MissingWedge.present(kx, kz, 32, 32, 45)) { outside += pw; nOut++; } else { inWedge += pw; nIn++; }
                }
        assertTrue(nIn > 1000 && nOut > 1000);
        assertTrue(outside / nOut > 1e3, "measured region has power");
        assertEquals(0, inWedge / nIn, 1e-9 * outside / nOut, "the wedge is empty");
    }

    @Test
    void noiseVarianceInTheCornersMatchesTheSnr() throws Exception {
        int box = 40;
        SimulationParams p = new SimulationParams(box, 3, 10, 0.2, FAR, 2, 5, 3);
        Simulator sim = new Simulator(List.of(ClassSource.fromPdbSpec(Fixtures.pdb("1A8O.pdb").toString())), p);
        double meanSignalVar = Math.pow(sim.truthMap(0).sigma(), 2);
        double expected = meanSignalVar / 0.2;
        assertEquals(Math.sqrt(expected), sim.noiseSigma(), 1e-9 * Math.sqrt(expected));
        double s = 0, s2 = 0;
        long n = 0;
        for (int i = 0; i < sim.count(); i++) {
            Volume v = sim.particle(i);
            for (int z = 0; z < box; z++)
                for (int y = 0; y < box; y++)
                    for (int x = 0; x < box; x++) {
                        double dx = x - box / 2, dy = y - box / 2, dz = z - box / 2;
                        if (dx * dx + dy * dy + dz * dz < 18 * 18) continue; // molecule radius ≈ 6 px + shift
                        double val = v.get(x, y, z);
                        s += val; s2 += val * val; n++;
                    }
        }
        double var = s2 / n - (s / n) * (s / n);
        assertEquals(expected, var, 0.10 * expected, "corner noise variance vs sigma² from --snr");
    }

    @Test
    void classesAreShuffledAndBalancedAndPosesDeterministic() {
        SimulationParams p = new SimulationParams(16, 4, 10, 0.1, 60, 3, 9, 10);
        List<ClassSource> cls = List.of(ClassSource.phantom("tripod", 16, 4), ClassSource.phantom("ring", 16, 4));
        Simulator a = new Simulator(cls, p), b = new Simulator(cls, p);
        assertEquals(20, a.count());
        assertEquals(10, a.truth().stream().filter(t -> t.classIndex() == 1).count());
        boolean alternating = true;
        for (int i = 0; i < 20; i++) alternating &= a.truth().get(i).classIndex() == i % 2;
        assertFalse(alternating, "class order is shuffled");
        for (int i = 0; i < 20; i++) {
            assertEquals(a.truth().get(i), b.truth().get(i));
            double[] t = a.truth().get(i).pose().translation();
            for (double c : t) assertTrue(Math.abs(c) <= 3);
        }
        assertArrayEquals(a.particle(7).data, b.particle(7).data);
    }

    @Test
    void posesAreUniformOnSO3() {
        // For Haar-uniform rotations E[trace R] = 0 (trace = 1 + 2 cos ω, with E[cos ω] = −1/2), and R22 is uniform on [−1, 1].
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        double sumTrace = 0, sumZ = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            org.jspt.geom.Transform t = RandomRotations.next(rng, 0, 0, 0);
            sumTrace += t.get(0, 0) + t.get(1, 1) + t.get(2, 2);
            sumZ += t.get(2, 2);
        }
        assertEquals(0, sumTrace / n, 0.03);
        assertEquals(0, sumZ / n, 0.02); // the image of the z axis is uniform on the sphere
    }

    @Test
    void chainSubsetsShareTheFrameOfTheWholeComplex() throws Exception {
        String pdb = Fixtures.pdb("1LCD.pdb").toString();
        ClassSource all = ClassSource.fromPdbSpec(pdb), a = ClassSource.fromPdbSpec(pdb + ":A");
        assertArrayEquals(all.origin(), a.origin(), 1e-12);
        assertEquals("1LCD:A", a.label());
        assertTrue(a.atoms().size() < all.atoms().size());
        assertEquals("ABC", all.atoms().chains().chars().sorted().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassSource.fromPdbSpec(pdb + ":Q"));
        assertTrue(e.getMessage().contains("chain 'Q'"), e.getMessage());
    }

    @Test
    void pdbReaderTakesTheFirstModelSkipsWaterAndWeighsByAtomicNumber() throws Exception {
        AtomModel m = StructureFiles.read(Fixtures.pdb("1LCD.pdb"));
        // 1LCD is an NMR ensemble of 3 models with 3384 ATOM/HETATM lines in total, water excluded below.
        assertEquals(990, m.size(), "first model only (counted with awk up to the first ENDMDL)");
        AtomModel w = StructureFiles.read(Fixtures.pdb("1A8O.pdb"));
        assertEquals(644 - 88, w.size(), "water (HOH) excluded");
        boolean hasSelenium = false;
        for (int i = 0; i < w.size(); i++) hasSelenium |= w.weight(i) == 34;
        assertTrue(hasSelenium, "MSE selenium atoms weigh 34");
    }
}
