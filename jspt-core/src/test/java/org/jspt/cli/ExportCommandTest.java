package org.jspt.cli;

import static org.jspt.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspt.geom.Transform;
import org.jspt.image.CrossCorrelation;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.io.dynamo.DynamoTable;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStackWriter;
import org.jspt.io.mrc.Mrc;
import org.jspt.run.ParticleParms;
import org.jspt.io.star.Star;
import org.jspt.sim.ClassSource;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.jspt.sim.TinyDataset;
import org.jspt.sim.TruthFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jspt export} and STAR input on tiny data (32³, 2 classes × 6 particles): class averages rebuilt from the
 * exported poses by RELION's and Dynamo's own definitions match the run's averages; a refinemulti run reads
 * particles from a STAR file of MRC subtomograms; bad input is one line and exit 1.
 */
class ExportCommandTest {
    @TempDir static Path dir;
    static Path particles, ref0, ref1, hdfRun;
    static Simulator sim;
    static Path savedCwd;

    @BeforeAll
    static void simulateAndRun() throws Exception {
        savedCwd = RefineMultiCommand.workingDirectory;
        RefineMultiCommand.workingDirectory = dir;
        TinyDataset data = TinyDataset.write(dir);
        sim = data.sim;
        particles = data.particles;
        ref0 = data.ref0;
        ref1 = data.ref1;
        hdfRun = refine("--input=" + particles, "hdf");
    }

    @AfterAll
    static void restore() { RefineMultiCommand.workingDirectory = savedCwd; }

    /** A 2-iteration run with plain mean averages (so an average can be rebuilt voxel for voxel). */
    private static Path refine(String input, String stem) {
        CliRun.Result r = run("refinemulti", input, "--ref", ref0 + "," + ref1, "--nref=2", "--iter=2", "--averager=mean",
                "--path=" + dir.resolve(stem), "--parallel=thread:2");
        assertEquals(0, r.code(), r.err() + r.out());
        return r.runDir();
    }

    private static Path export(Path run, String... more) {
        List<String> args = new ArrayList<>(List.of("export", run.toString()));
        args.addAll(List.of(more));
        CliRun.Result r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return Path.of(r.out().strip());
    }

    /** The last iteration that wrote class averages (its NN). */
    private static int lastAveraged(Path run) {
        for (int nn = 20; nn > 0; nn--) if (Files.exists(run.resolve(String.format(Locale.ROOT, "class_avgs_%02d.hdf", nn)))) return nn;
        throw new AssertionError("no class_avgs_NN.hdf in " + run);
    }

    private static List<Volume> averages(Path run, int nn) throws Exception {
        List<Volume> out = new ArrayList<>();
        try (ImageStack s = EmanHdf.open(run.resolve(String.format(Locale.ROOT, "class_avgs_%02d.hdf", nn)))) {
            for (Volume v : s) out.add(v);
        }
        return out;
    }

    // ---- RELION's definition, written here independently of org.jspt.geom ----

    /** RELION's Euler_angles2matrix (src/euler.cpp): the reference → particle rotation. */
    static double[][] relionA(double rot, double tilt, double psi) {
        double ca = Math.cos(Math.toRadians(rot)), sa = Math.sin(Math.toRadians(rot));
        double cb = Math.cos(Math.toRadians(tilt)), sb = Math.sin(Math.toRadians(tilt));
        double cg = Math.cos(Math.toRadians(psi)), sg = Math.sin(Math.toRadians(psi));
        return new double[][] {{cg * cb * ca - sg * sa, cg * cb * sa + sg * ca, -cg * sb}, {-sg * cb * ca - cg * sa, -sg * cb * sa + cg * ca, sg * sb},
            {sb * ca, sb * sa, cb}};
    }

    /** Dynamo's dynamo_euler2matrix; the template → particle rotation is its transpose. */
    static double[][] dynamoM(double tdrot, double tilt, double narot) {
        double ct = Math.cos(Math.toRadians(tdrot)), st = Math.sin(Math.toRadians(tdrot));
        double cn = Math.cos(Math.toRadians(narot)), sn = Math.sin(Math.toRadians(narot));
        double cb = Math.cos(Math.toRadians(tilt)), sb = Math.sin(Math.toRadians(tilt));
        return new double[][] {{ct * cn - st * cb * sn, -cn * st - ct * cb * sn, sn * sb}, {ct * sn + cn * st * cb, ct * cb * cn - st * sn, -cn * sb},
            {st * sb, ct * sb, cb}};
    }

    static double[][] transpose(double[][] m) {
        return new double[][] {{m[0][0], m[1][0], m[2][0]}, {m[0][1], m[1][1], m[2][1]}, {m[0][2], m[1][2], m[2][2]}};
    }

    /** How a reference → particle transform is built from one exported row; the variants are deliberate mistakes. */
    enum Reading { RIGHT, ORIGIN_SIGN_FLIPPED, MATRIX_TRANSPOSED }

    /** Averages each class's particles moved onto the reference by the inverse of the STAR row's RELION transform. */
    private static List<Volume> rebuildFromStar(Path star, Reading how) throws Exception {
        List<Star.Block> b = Star.read(star);
        Star.Table optics = Star.block(b, "optics").orElseThrow().loop(), p = Star.block(b, "particles").orElseThrow().loop();
        double apix = Double.parseDouble(optics.get(0, "rlnImagePixelSize"));
        List<Volume> sums = new ArrayList<>(List.of(Volume.cube(32), Volume.cube(32)));
        int[] n = new int[2];
        for (int r = 0; r < p.size(); r++) {
            double[][] a = relionA(num(p, r, "rlnAngleRot"), num(p, r, "rlnAngleTilt"), num(p, r, "rlnAnglePsi"));
            if (how == Reading.MATRIX_TRANSPOSED) a = transpose(a);
            double sign = how == Reading.ORIGIN_SIGN_FLIPPED ? 1 : -1; // RELION: the particle is the rotated reference shifted by −origin
            Transform refToPtcl = Transform.of(a, new double[] {sign * num(p, r, "rlnOriginXAngst") / apix, sign * num(p, r, "rlnOriginYAngst") / apix,
                sign * num(p, r, "rlnOriginZAngst") / apix});
            int c = (int) num(p, r, "rlnClassNumber") - 1;
            Volume v = VolumeTransforms.apply(particle(p.get(r, "rlnImageName")), refToPtcl.inverse());
            for (int i = 0; i < v.size(); i++) sums.get(c).data[i] += v.data[i];
            n[c]++;
        }
        for (int c = 0; c < 2; c++) for (int i = 0; i < sums.get(c).size(); i++) sums.get(c).data[i] /= n[c];
        return sums;
    }

    private static double num(Star.Table t, int r, String label) { return Double.parseDouble(t.get(r, label)); }

    /** Reads "N@file" (N from 1) or a single-volume file. */
    private static Volume particle(String name) throws Exception {
        int at = name.indexOf('@');
        Path f = Path.of(at < 0 ? name : name.substring(at + 1));
        int index = at < 0 ? 0 : Integer.parseInt(name.substring(0, at)) - 1;
        try (ImageStack s = f.toString().endsWith(".hdf") ? EmanHdf.open(f) : Mrc.open(f)) {
            return s.read(index);
        }
    }

    @Test
    void classAveragesRebuiltFromTheStarByRelionsDefinitionMatchTheRunsAverages() throws Exception {
        Path star = export(hdfRun, "--format", "star", "--jspt-score");
        int nn = lastAveraged(hdfRun);
        assertEquals(hdfRun.resolve(String.format(Locale.ROOT, "particles_%02d.star", nn)), star, "default: the last complete iteration");
        List<Volume> avgs = averages(hdfRun, nn), right = rebuildFromStar(star, Reading.RIGHT);
        List<Volume> flipped = rebuildFromStar(star, Reading.ORIGIN_SIGN_FLIPPED), transposed = rebuildFromStar(star, Reading.MATRIX_TRANSPOSED);
        for (int c = 0; c < 2; c++) {
            double ok = CrossCorrelation.pearson(right.get(c), avgs.get(c));
            double sign = CrossCorrelation.pearson(flipped.get(c), avgs.get(c)), tr = CrossCorrelation.pearson(transposed.get(c), avgs.get(c));
            assertTrue(ok > 0.999, "class " + c + ": rebuilt by RELION's definition, correlation " + ok);
            assertTrue(sign < 0.9, "class " + c + ": with the origin sign flipped the average must differ, correlation " + sign);
            assertTrue(tr < 0.9, "class " + c + ": with the matrix transposed the average must differ, correlation " + tr);
        }
        Star.Table p = Star.block(Star.read(star), "particles").orElseThrow().loop();
        assertEquals(12, p.size());
        assertEquals(hdfRun.resolve(String.format(Locale.ROOT, "particles_%02d/000001.mrc", nn)).toString(), p.get(0, "rlnImageName"),
                "HDF input (RELION cannot read HDF): one MRC per particle beside the STAR file");
        List<ParticleParms.Entry> parms = ParticleParms.read(hdfRun.resolve(String.format(Locale.ROOT, "particle_parms_%02d.json", nn)));
        for (int r = 0; r < p.size(); r++) {
            assertEquals(parms.get(r).classIndex() + 1, (int) num(p, r, "rlnClassNumber"));
            assertEquals(parms.get(r).score(), num(p, r, "jsptScore"), 1e-6);
        }
    }

    @Test
    void tableRebuildsTheAveragesByDynamosDefinitionAndParsesBack() throws Exception {
        Path tbl = export(hdfRun, "--format=tbl", "--iter=1", "--wedge=-55,50");
        assertEquals(hdfRun.resolve("particles_01.tbl"), tbl);
        List<DynamoTable.Row> rows = DynamoTable.read(tbl);
        assertEquals(DynamoTable.toString(rows), Files.readString(tbl), "what jspt writes parses back identically");
        List<Volume> avgs = averages(hdfRun, 1);
        List<Volume> sums = new ArrayList<>(List.of(Volume.cube(32), Volume.cube(32)));
        int[] n = new int[2];
        try (ImageStack s = EmanHdf.open(particles)) {
            for (DynamoTable.Row r : rows) {
                assertEquals(1, r.get(DynamoTable.FTYPE));
                assertEquals(-55, r.get(DynamoTable.YMINTILT));
                assertEquals(50, r.get(DynamoTable.YMAXTILT));
                double[][] mt = transpose(dynamoM(r.get(DynamoTable.TDROT), r.get(DynamoTable.TILT), r.get(DynamoTable.NAROT)));
                Transform refToPtcl = Transform.of(mt, new double[] {r.get(DynamoTable.DX), r.get(DynamoTable.DY), r.get(DynamoTable.DZ)});
                int c = (int) r.get(DynamoTable.CLASS) - 1;
                Volume v = VolumeTransforms.apply(s.read((int) r.get(DynamoTable.TAG) - 1), refToPtcl.inverse());
                for (int i = 0; i < v.size(); i++) sums.get(c).data[i] += v.data[i];
                n[c]++;
            }
        }
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < sums.get(c).size(); i++) sums.get(c).data[i] /= n[c];
            double cc = CrossCorrelation.pearson(sums.get(c), avgs.get(c));
            assertTrue(cc > 0.999, "class " + c + ": rebuilt by Dynamo's definition, correlation " + cc);
        }
    }

    @Test
    void aStarFileOfMrcSubtomogramsRunsEndToEndAndExportsItsOwnNames() throws Exception {
        // Particles 0..5 as single MRC files, 6..11 in a volume stack (N@stack.mrcs); relative to the STAR folder.
        Path data = Files.createDirectories(dir.resolve("relion/Subtomograms"));
        StringBuilder star = new StringBuilder("# version 30001\ndata_optics\nloop_\n_rlnOpticsGroup #1\n_rlnOpticsGroupName #2\n_rlnImagePixelSize #3\n"
                + "1 opticsGroup1 5.000000\n\ndata_particles\nloop_\n_rlnTomoName #1\n_rlnImageName #2\n_rlnOpticsGroup #3\n_rlnCoordinateX #4\n");
        try (ImageStack s = EmanHdf.open(particles); ImageStackWriter w = Mrc.createStack(data.resolve("stack.mrcs"), 32, 32, 32)) {
            for (int i = 0; i < s.size(); i++) {
                String name;
                if (i < 6) {
                    Mrc.write(data.resolve(String.format(Locale.ROOT, "p%02d.mrc", i)), s.read(i));
                    name = String.format(Locale.ROOT, "Subtomograms/p%02d.mrc", i);
                } else {
                    w.append(s.read(i));
                    name = (i - 5) + "@Subtomograms/stack.mrcs";
                }
                star.append("TS_0").append(1 + i % 2).append(' ').append(name).append(" 1 ").append(100 + i).append('\n');
            }
        }
        Path starFile = Files.writeString(dir.resolve("relion/particles.star"), star.toString());
        Path run = refine("--input=" + starFile, "fromstar");
        CliRun.Result ev = run("evaluate", "--truth", dir.resolve("truth.json").toString(), "--run", run.toString());
        assertEquals(0, ev.code(), ev.err());
        assertTrue(ev.out().contains("accuracy 100.0%"), ev.out());

        Star.Table p = Star.block(Star.read(export(run, "--format", "star")), "particles").orElseThrow().loop();
        // The export lives in the run folder: names relative to the input STAR's folder become absolute.
        Path subtomograms = data.toAbsolutePath().normalize();
        assertEquals(subtomograms.resolve("p00.mrc").toString(), p.get(0, "rlnImageName"), "the original rlnImageName's file");
        assertEquals("6@" + subtomograms.resolve("stack.mrcs"), p.get(11, "rlnImageName"));
        assertEquals("TS_02", p.get(1, "rlnTomoName"));
        assertEquals("101", p.get(1, "rlnCoordinateX"));
        List<DynamoTable.Row> t = DynamoTable.read(export(run, "--format", "tbl"));
        assertEquals(2, t.get(1).get(DynamoTable.TOMO));
        assertEquals(101, t.get(1).get(DynamoTable.X));
    }

    @Test
    void badInputIsOneLineAndExitOne() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty_run"));
        String[][] cases = {
            {"export", dir.resolve("no_such_run").toString(), "--format", "star"},
            {"export", empty.toString(), "--format", "star"},
            {"export", hdfRun.toString(), "--format", "star", "--iter", "9"},
            {"export", hdfRun.toString(), "--format", "csv"},
            {"export", hdfRun.toString(), "--format", "tbl", "--wedge", "sixty"}};
        String[] expect = {"no such run folder", "no complete iteration", "--iter 9 is out of range", "unknown --format 'csv'", "--wedge"};
        for (int i = 0; i < cases.length; i++) {
            CliRun.Result r = run(cases[i]);
            assertEquals(1, r.code(), String.join(" ", cases[i]) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(expect[i]), r.err());
        }
    }
}
