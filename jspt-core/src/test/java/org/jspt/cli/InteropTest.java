package org.jspt.cli;

import static org.jspt.cli.CliTest.run;
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
import org.jspt.geom.Transform;
import org.jspt.image.CrossCorrelation;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.io.DynamoTable;
import org.jspt.io.EmanHdf;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStacks;
import org.jspt.io.Mrc;
import org.jspt.io.ParticleParms;
import org.jspt.io.ParticlePoses;
import org.jspt.io.Star;
import org.jspt.io.eman2.LstFile;
import org.jspt.io.eman2.LstStack;
import org.jspt.sim.ClassSource;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.jspt.sim.TruthFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files {@code jspt export} writes, opened by the programs they are for (RELION 3.1 from the Debian package
 * {@code relion}, MRC validation from {@code python3-mrcfile}) and read back by jspt, on tiny data (32³, 2 classes
 * × 6 particles, another phantom pair and seed than ExportCommandTest); and EMAN2 lists, Dynamo folders as input.
 */
class InteropTest {
    @TempDir static Path dir;
    static Path particles, run;
    static int nn;
    static Path savedCwd;

    @BeforeAll
    static void simulateAndRun() throws Exception {
        savedCwd = RefineMultiCommand.workingDirectory;
        RefineMultiCommand.workingDirectory = dir;
        int box = 32;
        Simulator sim = new Simulator(List.of(ClassSource.phantom("ring", box, 5), ClassSource.phantom("tripod", box, 5)),
                new SimulationParams(box, 5, 6, 1.0, 60, 2, 23, 6));
        List<Volume> vs = new ArrayList<>();
        for (int i = 0; i < sim.count(); i++) vs.add(sim.particle(i));
        particles = Files.createDirectories(dir.resolve("particles")).resolve("ptcls.hdf");
        EmanHdf.write(particles, vs);
        EmanHdf.write(dir.resolve("ref0.hdf"), List.of(sim.truthMap(0)));
        EmanHdf.write(dir.resolve("ref1.hdf"), List.of(sim.truthMap(1)));
        new TruthFile(sim.params(), sim.labels(), sim.truth()).write(dir.resolve("truth.json"));
        EmanHdf.write(dir.resolve("truth_maps.hdf"), List.of(sim.truthMap(0), sim.truthMap(1)));
        run = refine("--input=" + particles, "run");
        for (nn = 20; nn > 0 && !Files.exists(run.resolve(String.format(Locale.ROOT, "class_avgs_%02d.hdf", nn))); nn--) { }
    }

    @AfterAll
    static void restore() { RefineMultiCommand.workingDirectory = savedCwd; }

    static Path refine(String input, String stem, String... more) {
        List<String> args = new ArrayList<>(List.of("refinemulti", input, "--ref", dir.resolve("ref0.hdf") + "," + dir.resolve("ref1.hdf"), "--nref=2",
                "--iter=2", "--averager=mean", "--path=" + dir.resolve(stem), "--parallel=thread:2"));
        args.addAll(List.of(more));
        CliTest.Result r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err() + r.out());
        String line = r.out().lines().filter(l -> l.startsWith("done: ")).findFirst().orElseThrow(() -> new AssertionError(r.out()));
        return Path.of(line.substring(6));
    }

    static Path export(Path runDir, String... more) {
        List<String> args = new ArrayList<>(List.of("export", runDir.toString()));
        args.addAll(List.of(more));
        CliTest.Result r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return Path.of(r.out().strip());
    }

    // ---- real readers (Debian packages) ----

    /** Runs a program from a Debian package; fails (never skips) when it is missing, naming the package. */
    static String program(String pkg, Path cwd, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException missing) {
            fail(cmd[0] + " not found: install the Debian package '" + pkg + "' (apt-get install -y " + pkg + ")" + (System.getenv("CI") != null ? " [CI]" : ""));
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }

    private static String relionName(Path star, int row) throws IOException {
        return Star.block(Star.read(star), "particles").orElseThrow().loop().get(row, "rlnImageName");
    }

    @Test
    void relionOpensTheExportedStarWithoutWarningsAndReadsItsFirstAndLastParticle() throws Exception {
        Path star = export(run, "--format", "star");
        String out = program("relion", dir, "relion_star_handler", "--i", star.toString(), "--o", dir.resolve("checked.star").toString());
        assertFalse(out.contains("WARNING"), out);
        Star.Table optics = Star.block(Star.read(star), "optics").orElseThrow().loop();
        for (String l : List.of("rlnOpticsGroup", "rlnOpticsGroupName", "rlnVoltage", "rlnSphericalAberration", "rlnAmplitudeContrast", "rlnImagePixelSize",
                "rlnImageSize", "rlnImageDimensionality")) {
            assertTrue(optics.has(l), l);
        }
        assertEquals("300.000000", optics.get(0, "rlnVoltage"), "the stated default");
        for (int row : new int[] {0, 11}) {
            String stats = program("relion", dir, "relion_image_handler", "--i", relionName(star, row), "--stats");
            assertTrue(stats.contains("32 x 32 x 32 x 1"), stats);
        }
        Path five = export(run, "--format", "relion5");
        String out5 = program("relion", dir, "relion_star_handler", "--i", five.toString(), "--o", dir.resolve("checked5.star").toString());
        assertFalse(out5.toLowerCase(Locale.ROOT).contains("optics"), "RELION 3.1 knows every label but RELION 5's tomography ones: " + out5);
        Path noParticles = export(run, "--format", "star", "--no-particles", "--voltage", "200");
        assertEquals("200.000000", Star.block(Star.read(noParticles), "optics").orElseThrow().loop().get(0, "rlnVoltage"));
        assertEquals("1@" + particles, relionName(noParticles, 0), "--no-particles names the input's particles");
    }

    @Test
    void relionReconstructFromTheExportedAnglesAndOriginsMatchesJsptsClassAverages() throws Exception {
        Path star = export(run, "--format", "star");
        List<Volume> avgs = new ArrayList<>();
        try (ImageStack s = EmanHdf.open(run.resolve(String.format(Locale.ROOT, "class_avgs_%02d.hdf", nn)))) {
            for (Volume v : s) avgs.add(v);
        }
        for (int c = 0; c < 2; c++) {
            Path rec = dir.resolve("relion_class" + c + ".mrc");
            program("relion", dir, "relion_reconstruct", "--i", star.toString(), "--o", rec.toString(), "--3d_rot", "--class", Integer.toString(c + 1));
            Volume r;
            try (Mrc m = Mrc.open(rec)) {
                r = m.read(0);
            }
            // RELION reconstructs in Fourier space (band-limited, Fourier-space interpolation); jspt averages voxels moved by
            // real-space interpolation. They agree where both are exact: below 0.35 cycles/pixel, inside the particle.
            Volume rl = lowpass(r), jl = lowpass(avgs.get(c));
            double cc = maskedCorrelation(rl, jl, 12);
            assertTrue(cc >= 0.99, "class " + c + ": RELION's reconstruction vs jspt's average, correlation " + cc);
            double other = maskedCorrelation(rl, lowpass(avgs.get(1 - c)), 12);
            assertTrue(other < cc - 0.05, "class " + c + " must differ from the other class's average: " + other + " vs " + cc);
        }
    }

    static Volume lowpass(Volume v) {
        return org.jspt.proc.Processors.parse("filter.lowpass.tophat:cutoff_abs=0.35").orElseThrow().apply(v);
    }

    static double maskedCorrelation(Volume a, Volume b, double radius) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = 0, h = a.nx / 2;
        for (int z = 0; z < a.nz; z++) for (int y = 0; y < a.ny; y++) for (int x = 0; x < a.nx; x++) {
            if ((x - h) * (x - h) + (y - h) * (y - h) + (z - h) * (z - h) > radius * radius) continue;
            double u = a.get(x, y, z), v = b.get(x, y, z);
            sa += u;
            sb += v;
            saa += u * u;
            sbb += v * v;
            sab += u * v;
            n++;
        }
        double cov = sab - sa * sb / n, va = saa - sa * sa / n, vb = sbb - sb * sb / n;
        return cov / Math.sqrt(va * vb);
    }

    @Test
    void strictMrcValidationAcceptsEveryMrcJsptWrites() throws Exception {
        export(run, "--format", "star");
        export(run, "--format", "stopgap");
        Path one = dir.resolve("proc3d.mrc"), stack = dir.resolve("proc3d.mrcs");
        assertEquals(0, run("proc3d", dir.resolve("ref0.hdf").toString(), one.toString()).code());
        assertEquals(0, run("proc3d", particles.toString(), stack.toString()).code());
        List<String> files = new ArrayList<>(List.of("mrcfile-validate", one.toString(), stack.toString()));
        try (Stream<Path> s = Files.walk(run)) {
            s.filter(p -> p.toString().endsWith(".mrc")).forEach(p -> files.add(p.toString()));
        }
        assertTrue(files.size() > 20, "particles for RELION and STOPGAP were written: " + files);
        String out = program("python3-mrcfile", dir, files.toArray(String[]::new));
        assertFalse(out.contains("not valid") || out.contains("Error"), out);
    }

    // ---- the round trip ----

    @Test
    void everyExportReadsBackToTheSameClassesAndTransforms() throws Exception {
        List<ParticleParms.Entry> parms = ParticleParms.read(ParticleParms.file(run, nn));
        for (String format : List.of("star", "relion5", "tbl", "dynamo", "stopgap", "lst")) {
            Path f = export(run, "--format", format);
            List<ParticlePoses.Pose> back = ParticlePoses.read(f);
            assertEquals(parms.size(), back.size(), format);
            for (int i = 0; i < parms.size(); i++) {
                ParticleParms.Entry e = parms.get(i);
                ParticlePoses.Pose p = back.get(i);
                assertEquals(e.classIndex(), p.classIndex(), format + " particle " + i);
                double angle = Transform.angleBetween(e.xform(), p.align3d());
                double[] t0 = e.xform().translation(), t1 = p.align3d().translation();
                double dt = Math.sqrt(Math.pow(t0[0] - t1[0], 2) + Math.pow(t0[1] - t1[1], 2) + Math.pow(t0[2] - t1[2], 2));
                assertTrue(angle <= 0.01, format + " particle " + i + ": " + angle + "° apart");
                assertTrue(dt <= 0.01, format + " particle " + i + ": " + dt + " px apart");
            }
        }
        // The Dynamo folder and the EMAN2 list hold the same particles as the input.
        Path tbl = export(run, "--format", "dynamo");
        try (ImageStack d = ImageStacks.open(tbl.getParent()); ImageStack in = EmanHdf.open(particles)) {
            assertEquals(in.size(), d.size());
            assertEquals(1.0, CrossCorrelation.pearson(in.read(5), d.read(5)), 1e-6);
        }
        try (ImageStack l = LstStack.open(export(run, "--format", "lst"), dir); ImageStack in = EmanHdf.open(particles)) {
            assertEquals(1.0, CrossCorrelation.pearson(in.read(7), l.read(7)), 1e-6);
            assertTrue(l.readHeader(7).getTransform("xform.align3d").approxEquals(parms.get(7).xform(), 1e-5));
        }
    }

    @Test
    void stopgapRowsRebuildTheAveragesByStopgapsOwnDefinition() throws Exception {
        Path motl = export(run, "--format", "stopgap");
        Star.Table t = Star.block(Star.read(motl), "stopgap_motivelist").orElseThrow().loop();
        List<Volume> sums = new ArrayList<>(List.of(Volume.cube(32), Volume.cube(32)));
        int[] n = new int[2];
        List<Volume> avgs = new ArrayList<>();
        try (ImageStack s = EmanHdf.open(run.resolve(String.format(Locale.ROOT, "class_avgs_%02d.hdf", nn)))) {
            for (Volume v : s) avgs.add(v);
        }
        try (ImageStack s = EmanHdf.open(particles)) {
            for (int r = 0; r < t.size(); r++) {
                // sg_euler2matrix(phi,psi,the) = Rz(psi)·Rx(the)·Rz(phi) rotates the reference onto the particle, then +shift.
                double[][] m = mul(rz(num(t, r, "psi")), mul(rx(num(t, r, "the")), rz(num(t, r, "phi"))));
                Transform refToPtcl = Transform.of(m, new double[] {num(t, r, "x_shift"), num(t, r, "y_shift"), num(t, r, "z_shift")});
                int c = (int) num(t, r, "class") - 1;
                Volume v = VolumeTransforms.apply(s.read((int) num(t, r, "subtomo_num") - 1), refToPtcl.inverse());
                for (int i = 0; i < v.size(); i++) sums.get(c).data[i] += v.data[i];
                n[c]++;
            }
        }
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < sums.get(c).size(); i++) sums.get(c).data[i] /= n[c];
            double cc = CrossCorrelation.pearson(sums.get(c), avgs.get(c));
            assertTrue(cc > 0.999, "class " + c + ": rebuilt by STOPGAP's definition, correlation " + cc);
        }
    }

    static double num(Star.Table t, int r, String l) { return Double.parseDouble(t.get(r, l)); }

    static double[][] rz(double deg) {
        double c = Math.cos(Math.toRadians(deg)), s = Math.sin(Math.toRadians(deg));
        return new double[][] {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
    }

    static double[][] rx(double deg) {
        double c = Math.cos(Math.toRadians(deg)), s = Math.sin(Math.toRadians(deg));
        return new double[][] {{1, 0, 0}, {0, c, -s}, {0, s, c}};
    }

    static double[][] mul(double[][] a, double[][] b) {
        double[][] o = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) o[i][j] += a[i][k] * b[k][j];
        return o;
    }

    @Test
    void relion5SubtomogramAnglesComposeBeforeTheParticleAnglesAsRelion5Does() {
        // RELION 5 ParticleSet::getMatrix3x3: A = A_subtomogram · A_particle, each Euler_angles2matrix of its angles.
        double[] sub = {33, 71, -128}, part = {-12, 140, 65};
        double[][] expected = mul(ExportCommandTest.relionA(sub[0], sub[1], sub[2]), ExportCommandTest.relionA(part[0], part[1], part[2]));
        Transform got = new org.jspt.geom.RelionPose(part[0], part[1], part[2], 0, 0, 0).rotationInTomogram(sub[0], sub[1], sub[2]);
        double[][] wrongOrder = mul(ExportCommandTest.relionA(part[0], part[1], part[2]), ExportCommandTest.relionA(sub[0], sub[1], sub[2]));
        double err = 0, wrong = 0;
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) {
            err = Math.max(err, Math.abs(got.get(i, j) - expected[i][j]));
            wrong = Math.max(wrong, Math.abs(got.get(i, j) - wrongOrder[i][j]));
        }
        assertTrue(err < 1e-12, "A_sub · A_particle, max error " + err);
        assertTrue(wrong > 0.1, "the other order is a different rotation");
    }

    // ---- inputs from EMAN2 and Dynamo ----

    @Test
    void anEman2ListIsReadAsEman2DefinesItAndItsTransformsServeAsInixforms() throws Exception {
        // EMAN2's layout: the project folder holds particles/ and sets/; list paths are relative to the project folder.
        Path sets = Files.createDirectories(dir.resolve("sets"));
        List<ParticleParms.Entry> parms = ParticleParms.read(ParticleParms.file(run, nn));
        List<LstFile.Entry> entries = new ArrayList<>();
        for (ParticleParms.Entry e : parms) entries.add(new LstFile.Entry(e.index(), "particles/ptcls.hdf", Map.of("score", e.score(), "xform.align3d", e.xform())));
        Path lst = sets.resolve("ptcls.lst");
        LstFile.write(lst, entries);
        String text = Files.readString(lst);
        assertTrue(text.startsWith("#LSX\n# "), text);
        int width = Integer.parseInt(text.lines().skip(2).findFirst().orElseThrow().substring(1).strip());
        text.lines().skip(3).forEach(l -> assertEquals(width - 1, l.length(), "fixed-width records: " + l));
        Path fromList = refine("--input=" + lst, "fromlst", "--inixforms=" + lst);
        CliTest.Result ev = run("evaluate", "--truth", dir.resolve("truth.json").toString(), "--run", fromList.toString());
        assertEquals(0, ev.code(), ev.err());
        assertTrue(ev.out().contains("accuracy 100.0%"), ev.out());
    }

    @Test
    void aDynamoFolderIsInputAndItsWedgeColumnsAreCarriedThroughExport() throws Exception {
        Path tbl = export(run, "--format", "dynamo");
        List<DynamoTable.Row> rows = DynamoTable.read(tbl);
        for (DynamoTable.Row r : rows) r.set(DynamoTable.YMINTILT, -48).set(DynamoTable.YMAXTILT, 51).set(DynamoTable.TOMO, 7);
        DynamoTable.write(tbl, rows);
        Path fromDynamo = refine("--input=" + tbl.getParent(), "fromdynamo", "--inixforms=" + tbl);
        CliTest.Result ev = run("evaluate", "--truth", dir.resolve("truth.json").toString(), "--run", fromDynamo.toString());
        assertEquals(0, ev.code(), ev.err());
        assertTrue(ev.out().contains("accuracy 100.0%"), ev.out());
        for (DynamoTable.Row r : DynamoTable.read(export(fromDynamo, "--format", "tbl"))) {
            assertEquals(-48, r.get(DynamoTable.YMINTILT));
            assertEquals(51, r.get(DynamoTable.YMAXTILT));
            assertEquals(7, r.get(DynamoTable.TOMO));
        }
    }
}
