package org.jspt.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspt.geom.RelionPose;
import org.jspt.geom.StopgapPose;
import org.jspt.io.AtomicFiles;
import org.jspt.io.DynamoTable;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStacks;
import org.jspt.io.ParticleParms;
import org.jspt.io.Star;
import org.jspt.io.dynamo.DynamoFolderStack;
import org.jspt.io.eman2.LstFile;
import org.jspt.refine.ParticleExport;
import org.jspt.refine.ParticleExport.Format;

/**
 * {@code jspt export}: one iteration of a refinemulti run in the files RELION 3.1/4, RELION 5, Dynamo, STOPGAP and
 * EMAN2 open, each with the particles in a form that program reads (docs/pipelines.md):
 * <ul>
 * <li>{@code star}: {@code RUN/particles_NN.star}; particles RELION cannot read (HDF, EM, MRC stacks) are written
 *   as {@code RUN/particles_NN/000001.mrc} … (unless {@link ExportOptions#particles()} is off), single-volume MRC
 *   inputs are referenced;</li>
 * <li>{@code relion5}: {@code RUN/particles_NN_relion5.star}, the same plus RELION 5's tomography columns;</li>
 * <li>{@code tbl}: {@code RUN/particles_NN.tbl}; {@code dynamo}: {@code RUN/dynamo_NN/particle_000001.em} … and
 *   {@code RUN/dynamo_NN/particles_NN.tbl};</li>
 * <li>{@code stopgap}: {@code RUN/allmotl_NN.star} and {@code RUN/stopgap_NN/subtomo_1.mrc} …;</li>
 * <li>{@code lst}: {@code RUN/aliptcls3d_NN.lst} (every particle) and {@code RUN/aliptcls3d_NN_CC.lst} per class.</li>
 * </ul>
 * Every file is replaced atomically; returns the main file written.
 */
public final class Exporter {
    private Exporter() {}

    public static Path export(Path run, Format format, Integer iter, ExportOptions opt) throws IOException {
        ParticleExport e = ParticleExport.load(run, iter);
        return switch (format) {
            case STAR -> relion(e, opt, false);
            case RELION5 -> relion(e, opt, true);
            case TBL -> {
                Path out = file(e, "particles_%02d.tbl");
                DynamoTable.write(out, dynamoRows(e, opt));
                yield out;
            }
            case DYNAMO -> dynamo(e, opt);
            case STOPGAP -> stopgap(e, opt);
            case LST -> lst(e);
        };
    }

    private static Path file(ParticleExport e, String pattern) { return e.run().resolve(String.format(Locale.ROOT, pattern, e.iteration())); }

    private static List<Integer> indices(ParticleExport e) {
        List<Integer> out = new ArrayList<>();
        for (ParticleParms.Entry p : e.entries()) out.add(p.index());
        return out;
    }

    private static Path input(ParticleExport e) {
        if (e.inputPath() == null) throw new IllegalArgumentException(e.run() + ": the run's input " + e.input() + " was not found; it is needed to write particles");
        return e.inputPath();
    }

    // ---- RELION ----

    private static Path relion(ParticleExport e, ExportOptions opt, boolean five) throws IOException {
        List<String> names = null;
        if (!e.starInput() && opt.particles()) names = relionNames(e);
        List<Star.Block> blocks = e.star(opt.optics(), names, opt.relionScore());
        if (five) blocks = relion5(e, blocks);
        Path out = file(e, five ? "particles_%02d_relion5.star" : "particles_%02d.star");
        Star.write(out, blocks);
        return out;
    }

    /** rlnImageName per particle index: the input's MRC file when RELION reads it, else a file written for it. */
    private static List<String> relionNames(ParticleExport e) throws IOException {
        List<ParticleFiles.Location> where = ParticleFiles.locateAll(input(e));
        boolean allReadable = where.stream().allMatch(ParticleFiles.Location::relionReadable);
        List<String> names = new ArrayList<>();
        if (allReadable) {
            for (ParticleFiles.Location l : where) names.add(ParticleFiles.nameFromWorkingDirectory(l.file()));
            return names;
        }
        for (int i = 0; i < where.size(); i++) names.add(null);
        List<Path> files = ParticleFiles.write(input(e), indices(e), file(e, "particles_%02d"), i -> String.format(Locale.ROOT, "%06d.mrc", i + 1), e.apix());
        List<Integer> idx = indices(e);
        for (int k = 0; k < idx.size(); k++) names.set(idx.get(k), ParticleFiles.nameFromWorkingDirectory(files.get(k)));
        return names;
    }

    /**
     * RELION 5's tomography particle file: data_general, data_optics with rlnTomoTiltSeriesPixelSize, and the
     * particles with rlnTomoName, rlnCenteredCoordinateX/Y/ZAngst and rlnTomoSubtomogramRot/Tilt/Psi (the input's
     * when it has them, else "tomo", 0 and 0: a box not rotated against its tomogram). rlnAngle* and rlnOrigin*
     * stay the pose in the particle's box, which RELION 5 composes as A_subtomogram · A_particle
     * (ParticleSet::getMatrix3x3, src/jaz/tomography/particle_set.cpp).
     */
    private static List<Star.Block> relion5(ParticleExport e, List<Star.Block> blocks) {
        Star.Table optics = Star.block(blocks, "optics").orElseThrow().loop();
        Star.Table particles = Star.block(blocks, "particles").orElseThrow().loop();
        optics = withColumn(optics, "rlnTomoTiltSeriesPixelSize", optics.has("rlnImagePixelSize") ? optics.get(0, "rlnImagePixelSize") : f6(e.apix()));
        particles = withColumn(particles, "rlnTomoName", "tomo");
        if (!particles.has("rlnCoordinateX")) {
            for (String a : List.of("X", "Y", "Z")) particles = withColumn(particles, "rlnCenteredCoordinate" + a + "Angst", "0.000000");
        }
        for (String a : List.of("Rot", "Tilt", "Psi")) particles = withColumn(particles, "rlnTomoSubtomogram" + a, "0.000000");
        Map<String, String> general = new LinkedHashMap<>();
        general.put("rlnTomoSubTomosAre2DStacks", "0");
        return List.of(new Star.Block("general", general, null), Star.Block.ofLoop("optics", optics), Star.Block.ofLoop("particles", particles));
    }

    private static Star.Table withColumn(Star.Table t, String label, String value) {
        if (t.has(label)) return t;
        List<String> labels = new ArrayList<>(t.labels());
        labels.add(label);
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : t.rows()) {
            List<String> row = new ArrayList<>(r);
            row.add(value);
            rows.add(row);
        }
        return new Star.Table(labels, rows);
    }

    private static String f6(double v) { return String.format(Locale.ROOT, "%.6f", v); }

    // ---- Dynamo ----

    /** The run's rows; for a Dynamo input, the input table's tag, wedge, tomogram, region and coordinate columns are kept. */
    private static List<DynamoTable.Row> dynamoRows(ParticleExport e, ExportOptions opt) throws IOException {
        List<DynamoTable.Row> rows = e.table(opt.wedgeMin(), opt.wedgeMax());
        if (e.inputPath() == null) return rows;
        try (ImageStack s = ImageStacks.open(e.inputPath())) {
            if (!(s instanceof DynamoFolderStack d)) return rows;
            int[] keep = {DynamoTable.TAG, DynamoTable.FTYPE, DynamoTable.YMINTILT, DynamoTable.YMAXTILT, DynamoTable.XMINTILT, DynamoTable.XMAXTILT,
                DynamoTable.FS1, DynamoTable.FS2, DynamoTable.TOMO, DynamoTable.REG, DynamoTable.ANNOTATION, DynamoTable.X, DynamoTable.Y, DynamoTable.Z};
            List<DynamoTable.Row> out = new ArrayList<>();
            for (int k = 0; k < rows.size(); k++) {
                DynamoTable.Row in = d.rows().get(e.entries().get(k).index());
                DynamoTable.Row r = new DynamoTable.Row(Math.max(in.columns(), DynamoTable.STANDARD_COLUMNS));
                for (int c = 1; c <= in.columns(); c++) r.set(c, in.get(c));
                for (int c = 1; c <= DynamoTable.STANDARD_COLUMNS; c++) {
                    boolean kept = false;
                    for (int x : keep) kept |= x == c;
                    if (!kept) r.set(c, rows.get(k).get(c));
                }
                out.add(r);
            }
            return out;
        }
    }

    private static Path dynamo(ParticleExport e, ExportOptions opt) throws IOException {
        List<DynamoTable.Row> rows = dynamoRows(e, opt);
        Path folder = file(e, "dynamo_%02d");
        if (opt.particles()) {
            Map<Integer, Long> tags = new LinkedHashMap<>();
            for (int k = 0; k < rows.size(); k++) tags.put(e.entries().get(k).index(), (long) rows.get(k).get(DynamoTable.TAG));
            ParticleFiles.write(input(e), indices(e), folder, i -> String.format(Locale.ROOT, "particle_%06d.em", tags.get(i)), e.apix());
        } else {
            java.nio.file.Files.createDirectories(folder);
        }
        Path out = folder.resolve(String.format(Locale.ROOT, "particles_%02d.tbl", e.iteration()));
        DynamoTable.write(out, rows);
        return out;
    }

    // ---- STOPGAP ----

    /** The columns of a STOPGAP motivelist, in its order (sg_get_motl_fields.m). */
    static final List<String> STOPGAP_COLUMNS = List.of("motl_idx", "tomo_num", "object", "subtomo_num", "halfset", "orig_x", "orig_y", "orig_z",
            "score", "x_shift", "y_shift", "z_shift", "phi", "psi", "the", "class");

    private static Path stopgap(ParticleExport e, ExportOptions opt) throws IOException {
        List<DynamoTable.Row> dyn = dynamoRows(e, opt); // tomogram numbers and coordinates, from any input that has them
        Star.Table star = e.inputStarTable();
        StringBuilder sb = new StringBuilder("\ndata_stopgap_motivelist\n\nloop_\n");
        for (String c : STOPGAP_COLUMNS) sb.append('_').append(c).append('\n');
        for (int k = 0; k < e.entries().size(); k++) {
            ParticleParms.Entry p = e.entries().get(k);
            DynamoTable.Row d = dyn.get(k);
            StopgapPose pose = StopgapPose.of(p.xform().inverse());
            String half = star != null && star.has("rlnRandomSubset") ? ("2".equals(star.get(p.index(), "rlnRandomSubset")) ? "B" : "A") : p.index() % 2 == 0 ? "A" : "B";
            long tomo = Math.max(1, (long) d.get(DynamoTable.TOMO));
            sb.append('\n').append(String.format(Locale.ROOT, "%d %d %d %d %s %.4f %.4f %.4f %.8g %.6f %.6f %.6f %.6f %.6f %.6f %d",
                    k + 1, tomo, 1, p.index() + 1, half, d.get(DynamoTable.X), d.get(DynamoTable.Y), d.get(DynamoTable.Z),
                    Double.isNaN(p.score()) ? 0.0 : -p.score(), pose.xShift(), pose.yShift(), pose.zShift(), pose.phi(), pose.psi(), pose.the(), p.classIndex() + 1));
        }
        sb.append('\n');
        if (opt.particles()) {
            ParticleFiles.write(input(e), indices(e), file(e, "stopgap_%02d"), i -> "subtomo_" + (i + 1) + ".mrc", e.apix());
        }
        Path out = file(e, "allmotl_%02d.star");
        AtomicFiles.writeString(out, sb.toString());
        return out;
    }

    // ---- EMAN2 ----

    private static Path lst(ParticleExport e) throws IOException {
        List<ParticleFiles.Location> where = ParticleFiles.locateAll(input(e));
        Map<Integer, List<LstFile.Entry>> byClass = new java.util.TreeMap<>();
        List<LstFile.Entry> all = new ArrayList<>();
        for (ParticleParms.Entry p : e.entries()) {
            ParticleFiles.Location l = where.get(p.index());
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("class", p.classIndex());
            if (!Double.isNaN(p.score())) v.put("score", p.score());
            v.put("xform.align3d", p.xform());
            LstFile.Entry x = new LstFile.Entry(l.index(), ParticleFiles.nameFromWorkingDirectory(l.file()), v);
            all.add(x);
            byClass.computeIfAbsent(p.classIndex(), c -> new ArrayList<>()).add(x);
        }
        for (Map.Entry<Integer, List<LstFile.Entry>> c : byClass.entrySet()) {
            LstFile.write(e.run().resolve(String.format(Locale.ROOT, "aliptcls3d_%02d_%02d.lst", e.iteration(), c.getKey())), c.getValue());
        }
        Path out = file(e, "aliptcls3d_%02d.lst");
        LstFile.write(out, all);
        return out;
    }

    /** The RELION pose written for a particle (exposed for the documentation's tables and tests). */
    static RelionPose relionPose(ParticleParms.Entry p, double apix) { return RelionPose.of(p.xform().inverse(), apix); }
}
