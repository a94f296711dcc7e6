package org.jspt.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.jspt.cli.CliRun;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.ImageStack;
import org.jspt.run.ParticleParms;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.TinyDataset;

/**
 * The core's tiny two-class dataset at 24³, 2 × 16 particles (the true maps as references), a refinemulti run of it
 * through the real command line, and the comparison of two runs' outputs.
 */
final class TinyRun {
    final Path dir, particles, ref0, ref1;

    TinyRun(Path dir) throws Exception {
        this.dir = dir;
        TinyDataset data = TinyDataset.write(dir, new SimulationParams(24, 5, 12, 1.0, 60, 1, 7, 16));
        particles = data.particles;
        ref0 = data.ref0;
        ref1 = data.ref1;
    }

    /** Two iterations with {@code --parallel=<parallel>}; returns the run folder. */
    Path refine(String name, String parallel) { return refine(name, parallel, "--iter=2"); }

    /** refinemulti with {@code --parallel=<parallel>} and the given iteration options; returns the run folder. */
    Path refine(String name, String parallel, String... iterations) {
        List<String> args = new java.util.ArrayList<>(List.of("refinemulti", "--input=" + particles, "--ref", ref0 + "," + ref1, "--nref=2",
                "--path=" + dir.resolve(name), "--parallel=" + parallel));
        args.addAll(List.of(iterations));
        CliRun.Result r = CliRun.run(dir, args.toArray(new String[0]));
        assertEquals(0, r.code(), r.out() + r.err());
        return r.runDir();
    }

    /** Same classes, transforms within 1e-4, class averages within 1e-5 of each average's largest voxel. */
    static void assertSameOutputs(Path a, Path b) throws Exception {
        for (String parms : List.of("particle_parms_01.json", "particle_parms_02.json")) {
            List<ParticleParms.Entry> ea = ParticleParms.read(a.resolve(parms)), eb = ParticleParms.read(b.resolve(parms));
            assertEquals(ea.size(), eb.size(), parms);
            for (int i = 0; i < ea.size(); i++) {
                assertEquals(ea.get(i).classIndex(), eb.get(i).classIndex(), parms + ": class of " + i);
                assertTrue(ea.get(i).xform().approxEquals(eb.get(i).xform(), 1e-4), parms + ": xform of " + i);
            }
        }
        try (ImageStack sa = EmanHdf.open(a.resolve("class_avgs.hdf")); ImageStack sb = EmanHdf.open(b.resolve("class_avgs.hdf"))) {
            assertEquals(sa.size(), sb.size());
            for (int c = 0; c < sa.size(); c++) {
                float[] va = sa.read(c).data, vb = sb.read(c).data;
                float max = 0, diff = 0;
                for (int i = 0; i < va.length; i++) {
                    max = Math.max(max, Math.abs(va[i]));
                    diff = Math.max(diff, Math.abs(va[i] - vb[i]));
                }
                assertTrue(max > 0, "class " + c + " is empty");
                assertTrue(diff <= 1e-5 * max, "class " + c + " differs by " + diff + " (max " + max + ")");
            }
        }
    }
}
