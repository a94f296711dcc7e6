package org.jspt.sim;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.jspt.Fixtures;
import org.jspt.image.Volume;
import org.junit.jupiter.api.Test;

/** simulate's support for hard heterogeneity: per-class counts and residue-range selections. */
class HeterogeneousSimulationTest {
    @Test
    void aPdbSpecSplitsAtItsLastColonOnlyBeforeASelection() {
        assertArrayEquals(new String[] {"data/1LCD.pdb", "ABC"}, ClassSource.splitPdbSpec("data/1LCD.pdb:ABC"));
        assertArrayEquals(new String[] {"a:b/1LCD.pdb", "ABC,-A/1-10"}, ClassSource.splitPdbSpec("a:b/1LCD.pdb:ABC,-A/1-10"));
        assertArrayEquals(new String[] {"a:b/1LCD.pdb", null}, ClassSource.splitPdbSpec("a:b/1LCD.pdb"));
    }

    @Test
    void perClassCountsAreExactAndShuffled() throws Exception {
        SimulationParams p = new SimulationParams(16, 4, 10, 0.1, 60, 1, 4711, 1);
        Simulator sim = new Simulator(List.of(ClassSource.phantom("tripod", 16, 4), ClassSource.phantom("ring", 16, 4),
                ClassSource.phantom("lshape", 16, 4)), p, List.of(14, 4, 2));
        int[] n = new int[3];
        for (ParticleTruth t : sim.truth()) n[t.classIndex()]++;
        assertArrayEquals(new int[] {14, 4, 2}, n);
        assertEquals(List.of(14, 4, 2), sim.perClass());
        // the rare classes are spread through the stack, not all at its end
        int lastRare = -1, firstRare = Integer.MAX_VALUE;
        for (ParticleTruth t : sim.truth()) if (t.classIndex() > 0) { lastRare = Math.max(lastRare, t.index()); firstRare = Math.min(firstRare, t.index()); }
        assertTrue(firstRare < 10 && lastRare >= 10, "rare classes at " + firstRare + ".." + lastRare);
        assertThrows(IllegalArgumentException.class, () -> new Simulator(List.of(ClassSource.phantom("ring", 16, 4)), p, List.of(1, 2)));
    }

    @Test
    void equalCountsGiveTheSameDataAsOneCount() {
        SimulationParams p = new SimulationParams(16, 4, 10, 0.1, 60, 1, 99, 5);
        List<ClassSource> cs = List.of(ClassSource.phantom("tripod", 16, 4), ClassSource.phantom("ring", 16, 4));
        assertEquals(new Simulator(cs, p).truth(), new Simulator(cs, p, List.of(5, 5)).truth());
    }

    @Test
    void residueRangesRemoveTheirAtomsOnly() throws Exception {
        Path pdb = Fixtures.pdb("1LCD.pdb");
        ClassSource whole = ClassSource.fromPdbSpec(pdb + ":ABC");
        ClassSource minus = ClassSource.fromPdbSpec(pdb + ":ABC,-A/1-10");
        ClassSource part = ClassSource.fromPdbSpec(pdb + ":A/1-10");
        assertEquals("1LCD:ABC", whole.label());
        assertEquals("1LCD:ABC,-A/1-10", minus.label());
        assertEquals(whole.atoms().size(), minus.atoms().size() + part.atoms().size());
        double frac = part.atoms().totalWeight() / whole.atoms().totalWeight();
        assertTrue(frac > 0.05 && frac < 0.12, "residues 1-10 of A are " + frac + " of the mass");
        for (int i = 0; i < part.atoms().size(); i++) {
            assertEquals('A', part.atoms().chain(i));
            assertTrue(part.atoms().residue(i) >= 1 && part.atoms().residue(i) <= 10);
        }
        // one frame: the complex minus the domain plus the domain is the complex, voxel by voxel
        SimulationParams p = new SimulationParams(24, 4, 10, Double.POSITIVE_INFINITY, 90, 0, 1, 1);
        Simulator sim = new Simulator(List.of(whole, minus, part), p);
        Volume a = sim.truthMap(0), b = sim.truthMap(1), c = sim.truthMap(2);
        double err = 0, norm = 0;
        for (int i = 0; i < a.data.length; i++) {
            err += Math.pow(a.data[i] - b.data[i] - c.data[i], 2);
            norm += a.data[i] * a.data[i];
        }
        assertTrue(err < 1e-8 * norm, "maps do not add up: " + err / norm);
        assertThrows(IllegalArgumentException.class, () -> ClassSource.fromPdbSpec(pdb + ":A/900-950"));
        assertThrows(IllegalArgumentException.class, () -> ClassSource.fromPdbSpec(pdb + ":Z"));
    }
}
