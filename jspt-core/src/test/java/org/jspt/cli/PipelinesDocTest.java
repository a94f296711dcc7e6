package org.jspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jspt.geom.DynamoPose;
import org.jspt.image.Volume;
import org.jspt.io.DynamoTable;
import org.jspt.io.EmanHdf;
import org.jspt.io.Mrc;
import org.jspt.io.eman2.LstFile;
import org.jspt.io.em.EmFile;
import org.jspt.sim.ClassSource;
import org.jspt.sim.ParticleTruth;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code bash} block of docs/pipelines.md, line by line, in a folder holding tiny inputs of each kind
 * the document names (RELION 3.1 and 5 STAR files, an EMAN2 list, a Dynamo particle folder, a Warp STAR file);
 * {@code jspt} lines run in a child JVM there, {@code relion_*} lines run RELION (Debian package {@code relion}).
 * Every command must succeed, and RELION must print no warning but the one for tomography labels RELION 3.1 does
 * not know (rlnTomoName and the like, carried from the input).
 */
class PipelinesDocTest {
    @TempDir static Path dir;
    static final Path DOC = Path.of("..", "docs", "pipelines.md");

    @BeforeAll
    static void inputs() throws Exception {
        int box = 32;
        Simulator sim = new Simulator(List.of(ClassSource.phantom("lshape", box, 5), ClassSource.phantom("ring", box, 5)),
                new SimulationParams(box, 5, 6, 1.0, 60, 2, 31, 6));
        List<Volume> vs = new ArrayList<>();
        for (int i = 0; i < sim.count(); i++) vs.add(sim.particle(i));
        Files.createDirectories(dir.resolve("particles"));
        EmanHdf.write(dir.resolve("particles/ptcls.hdf"), vs);
        EmanHdf.write(dir.resolve("ref0.hdf"), List.of(sim.truthMap(0)));
        EmanHdf.write(dir.resolve("ref1.hdf"), List.of(sim.truthMap(1)));
        Files.createDirectories(dir.resolve("Subtomograms"));
        Files.createDirectories(dir.resolve("warp/subtomo"));
        Files.createDirectories(dir.resolve("relion5"));
        Files.createDirectories(dir.resolve("sets"));
        Files.createDirectories(dir.resolve("particlesData"));
        StringBuilder r3 = new StringBuilder("data_optics\nloop_\n_rlnOpticsGroup\n_rlnOpticsGroupName\n_rlnImagePixelSize\n_rlnVoltage\n1 optics1 5.0 300\n\n"
                + "data_particles\nloop_\n_rlnImageName\n_rlnOpticsGroup\n_rlnTomoName\n");
        StringBuilder r5 = new StringBuilder("data_general\n_rlnTomoSubTomosAre2DStacks 0\n\ndata_optics\nloop_\n_rlnOpticsGroup\n_rlnOpticsGroupName\n"
                + "_rlnImagePixelSize\n_rlnTomoTiltSeriesPixelSize\n_rlnImageDimensionality\n1 optics1 5.0 2.5 3\n\ndata_particles\nloop_\n_rlnTomoName\n"
                + "_rlnCenteredCoordinateXAngst\n_rlnCenteredCoordinateYAngst\n_rlnCenteredCoordinateZAngst\n_rlnTomoSubtomogramRot\n_rlnTomoSubtomogramTilt\n"
                + "_rlnTomoSubtomogramPsi\n_rlnImageName\n_rlnOpticsGroup\n");
        StringBuilder warp = new StringBuilder("data_\n\nloop_\n_rlnMagnification #1\n_rlnDetectorPixelSize #2\n_rlnCoordinateX #3\n_rlnCoordinateY #4\n"
                + "_rlnCoordinateZ #5\n_rlnImageName #6\n_rlnCtfImage #7\n_rlnMicrographName #8\n");
        List<LstFile.Entry> lst = new ArrayList<>();
        List<DynamoTable.Row> tbl = new ArrayList<>();
        Volume ctf = Volume.cube(box);
        ctf.fill(1);
        ctf.setApix(5);
        for (int i = 0; i < vs.size(); i++) {
            String name = String.format(Locale.ROOT, "p%02d.mrc", i);
            Mrc.write(dir.resolve("Subtomograms").resolve(name), vs.get(i));
            Mrc.write(dir.resolve("warp/subtomo").resolve(name), vs.get(i));
            Mrc.write(dir.resolve("warp/subtomo").resolve("ctf_" + name), ctf);
            EmFile.write(dir.resolve("particlesData").resolve(String.format(Locale.ROOT, "particle_%06d.em", i + 1)), vs.get(i));
            r3.append("Subtomograms/").append(name).append(" 1 TS_0").append(1 + i % 2).append('\n');
            r5.append("TS_0").append(1 + i % 2).append(' ').append(10 * i).append(" -20 5 0 0 0 Subtomograms/").append(name).append(" 1\n");
            warp.append("10000 5 ").append(100 + i).append(" 200 50 subtomo/").append(name).append(" subtomo/ctf_").append(name).append(" TS_01.tomostar\n");
            ParticleTruth t = sim.truth().get(i);
            lst.add(new LstFile.Entry(i, "particles/ptcls.hdf", Map.of("xform.align3d", t.pose().inverse())));
            DynamoPose d = DynamoPose.of(t.pose());
            tbl.add(new DynamoTable.Row(DynamoTable.STANDARD_COLUMNS).set(DynamoTable.TAG, i + 1).set(DynamoTable.DX, d.dx()).set(DynamoTable.DY, d.dy())
                    .set(DynamoTable.DZ, d.dz()).set(DynamoTable.TDROT, d.tdrot()).set(DynamoTable.TILT, d.tilt()).set(DynamoTable.NAROT, d.narot())
                    .set(DynamoTable.FTYPE, 1).set(DynamoTable.YMINTILT, -60).set(DynamoTable.YMAXTILT, 60).set(DynamoTable.TOMO, 1 + i % 2));
        }
        Files.writeString(dir.resolve("particles.star"), r3);
        Files.writeString(dir.resolve("relion5/particles.star"), r5);
        Files.writeString(dir.resolve("relion5/optimisation_set.star"),
                "data_optimisation_set\n\n_rlnTomoTomogramsFile relion5/tomograms.star\n_rlnTomoParticlesFile relion5/particles.star\n");
        Files.writeString(dir.resolve("warp/particles.star"), warp);
        LstFile.write(dir.resolve("sets/ptcls.lst"), lst);
        DynamoTable.write(dir.resolve("particlesData/crop.tbl"), tbl);
    }

    /** The bash blocks of the document, in order. */
    static List<List<String>> blocks() throws IOException {
        List<List<String>> out = new ArrayList<>();
        List<String> cur = null;
        for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
            if (cur == null && line.strip().equals("```bash")) cur = new ArrayList<>();
            else if (cur != null && line.strip().equals("```")) {
                out.add(cur);
                cur = null;
            } else if (cur != null && !line.isBlank() && !line.strip().startsWith("#")) cur.add(line.strip());
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyBashBlockOfPipelinesMdRuns() throws IOException {
        List<List<String>> blocks = blocks();
        assertTrue(blocks.size() >= 5, "docs/pipelines.md has a bash block per section");
        return blocks.stream().map(b -> DynamicTest.dynamicTest(b.get(0), () -> {
            for (String line : b) runLine(line);
        }));
    }

    private static void runLine(String line) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(line.split("\\s+")));
        boolean relion = cmd.get(0).startsWith("relion_");
        if (cmd.get(0).equals("jspt")) {
            cmd.set(0, "org.jspt.cli.Main");
            cmd.addAll(0, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path")));
        } else if (!relion) {
            fail("docs/pipelines.md: a bash line must be a jspt or relion_ command: " + line);
        }
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException missing) {
            fail(cmd.get(0) + " not found: install the Debian package 'relion'" + (System.getenv("CI") != null ? " [CI]" : ""));
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), line + "\n" + out);
        // RELION 3.1 keeps, with a warning, the RELION 4/5 tomography labels (rlnTomo…) of an input it does not know.
        if (relion) assertFalse(out.lines().anyMatch(l -> l.contains("WARNING") && !l.contains("unknown label: rlnTomo")), line + "\n" + out);
    }
}
