package org.jspt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspt.image.Volume;
import org.jspt.io.ImageStack;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.sim.ClassSource;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;

/**
 * What the interrupted-run tests (ResumeTest, UnwritableRunFolderTest) share: a two-class 24³ data set with
 * its true maps as references, refinemulti in a child JVM that saves a checkpoint block every 4 particles,
 * and comparisons of the runs' HDF files.
 */
final class CheckpointedRuns {
    private CheckpointedRuns() {}

    /** Writes {@code ptcl.hdf} (two phantoms, 10 particles each, SNR 0.5, ±60°) and the references {@code r0.hdf}, {@code r1.hdf} into dir. */
    static void writeTwoClassData(Path dir, String phantom0, String phantom1, long seed) throws Exception {
        int box = 24;
        Simulator sim = new Simulator(List.of(ClassSource.phantom(phantom0, box, 5), ClassSource.phantom(phantom1, box, 5)),
                new SimulationParams(box, 5, 10, 0.5, 60, 1, seed, 10));
        List<Volume> vs = new ArrayList<>();
        for (int i = 0; i < sim.count(); i++) vs.add(sim.particle(i));
        EmanHdf.write(dir.resolve("ptcl.hdf"), vs);
        EmanHdf.write(dir.resolve("r0.hdf"), List.of(sim.truthMap(0)));
        EmanHdf.write(dir.resolve("r1.hdf"), List.of(sim.truthMap(1)));
    }

    /** Starts {@code jspt ARGS} in a new JVM with the test class path, in cwd, its output going to log. */
    static Process child(List<String> jsptArgs, Path cwd, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djspt.checkpoint.block=4", "org.jspt.cli.Main"));
        cmd.addAll(jsptArgs);
        return new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The first alignment block iteration nn saved in the checkpoint folder cp, or null while there is none. */
    static Path firstBlockOf(Path cp, String nn) throws Exception {
        if (!Files.isDirectory(cp)) return null;
        try (Stream<Path> s = Files.list(cp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("align_" + nn + "_")).findFirst().orElse(null);
        }
    }

    /** The two stacks hold the same voxels, image by image (and, if withHeaders, the same headers). */
    static void sameVolumes(Path a, Path b, boolean withHeaders) throws Exception {
        try (ImageStack sa = EmanHdf.open(a); ImageStack sb = EmanHdf.open(b)) {
            assertEquals(sb.size(), sa.size(), a.toString());
            for (int i = 0; i < sa.size(); i++) {
                assertArrayEquals(sb.read(i).data, sa.read(i).data, a + " image " + i);
                if (withHeaders) assertEquals(sb.readHeader(i).toString(), sa.readHeader(i).toString(), a + " header " + i);
            }
        }
    }
}
