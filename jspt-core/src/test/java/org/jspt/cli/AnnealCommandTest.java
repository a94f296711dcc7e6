package org.jspt.cli;

import static org.jspt.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspt.image.Volume;
import org.jspt.io.ImageStack;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.sim.TinyDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --anneal (refinemulti.md §16.3) through the command line: the classes are those of a hard run, the averages
 * of the first half of the iterations are soft (every particle also counts in the other class), the second
 * half is hard; a bad value is one line before any work.
 */
class AnnealCommandTest {
    @TempDir Path dir;

    @Test
    void softAveragesInTheFirstHalfHardClassesThroughout() throws Exception {
        TinyDataset data = TinyDataset.write(dir);
        String refs = data.ref0 + "," + data.ref1;
        CliRun.Result hard = run("refinemulti", "--input=" + data.particles, "--ref", refs, "--nref=2", "--iter=2",
                "--path=" + dir.resolve("hard"), "--parallel=thread:2");
        assertEquals(0, hard.code(), hard.err());
        CliRun.Result soft = run("refinemulti", "--input=" + data.particles, "--ref", refs, "--nref=2", "--iter=2", "--anneal=3",
                "--path=" + dir.resolve("soft"), "--parallel=thread:2");
        assertEquals(0, soft.code(), soft.err());
        // Iteration 01 aligns to the same references: the same classes and headers (hard membership) ...
        Path h = hard.runDir(), s = soft.runDir();
        assertEquals(Files.readString(h.resolve("particle_parms_01.json")), Files.readString(s.resolve("particle_parms_01.json")));
        List<Volume> ha = read(h.resolve("class_avgs_01.hdf")), sa = read(s.resolve("class_avgs_01.hdf"));
        for (int c = 0; c < 2; c++) {
            assertEquals(ha.get(c).header().getInt("spt_multiplicity", -1), sa.get(c).header().getInt("spt_multiplicity", -2));
            assertArrayEquals(ha.get(c).header().getDoubles("class_ptcl_idxs"), sa.get(c).header().getDoubles("class_ptcl_idxs"));
            // ... but soft averages: the other class's particles count in too.
            double diff = 0, norm = 0;
            for (int i = 0; i < ha.get(c).data.length; i++) {
                diff += Math.pow(ha.get(c).data[i] - sa.get(c).data[i], 2);
                norm += Math.pow(ha.get(c).data[i], 2);
            }
            assertTrue(diff > 1e-4 * norm, "class " + c + ": the annealed average equals the hard one");
        }
        assertTrue(soft.out().contains("iteration 02"), soft.out());
    }

    @Test
    void aNegativeTemperatureIsOneLineBeforeAnyWork() throws Exception {
        TinyDataset data = TinyDataset.write(dir);
        CliRun.Result r = run("refinemulti", "--input=" + data.particles, "--nref=2", "--anneal=-1", "--path=" + dir.resolve("bad"));
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--anneal: must be a finite number ≥ 0"), r.err());
        assertTrue(!Files.exists(dir.resolve("bad_01")), "no run folder for bad options");
    }

    private static List<Volume> read(Path p) throws Exception {
        try (ImageStack st = EmanHdf.open(p)) {
            return List.of(st.read(0), st.read(1));
        }
    }
}
