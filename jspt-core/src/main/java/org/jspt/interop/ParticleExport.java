package org.jspt.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspt.geom.DynamoPose;
import org.jspt.geom.RelionPose;
import org.jspt.geom.Transform;
import org.jspt.image.Header;
import org.jspt.io.dynamo.DynamoTable;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.FileListStack;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStacks;
import org.jspt.run.ParametersFile;
import org.jspt.run.ParticleParms;
import org.jspt.io.star.Star;
import org.jspt.io.star.StarStack;
import org.jspt.run.RunFileNames;

/**
 * Writes one iteration of a refinemulti run folder as a RELION particle STAR file ({@code particles_NN.star})
 * or a Dynamo table ({@code particles_NN.tbl}) inside the run folder, from the files the run wrote:
 * {@code particle_parms_NN.json} (class, score, {@code xform.align3d} of every particle),
 * {@code class_avgs_NN.hdf} (pixel size, box, and which members went into each average) and
 * {@code parameters_refinemulti.txt} (the input).
 *
 * <p>Poses are the <b>reference → particle</b> transform, the inverse of {@code xform.align3d}, in each
 * program's convention: {@link RelionPose} (ZYZ, origin in Å = −shift·apix) and {@link DynamoPose} (ZXZ,
 * shifts in pixels). An iteration is complete when both its particle_parms and class_avgs files exist; the
 * default is the last complete one. A relative input path is looked for from the working directory, then from
 * the run folder's parent. Reads only; the output replaces an earlier export atomically.
 */
public final class ParticleExport {
    /** The output formats. */
    public enum Format {
        STAR("star"), TBL("tbl"), RELION5("relion5"), DYNAMO("dynamo"), STOPGAP("stopgap"), LST("lst");

        public final String extension;

        Format(String extension) { this.extension = extension; }

        /** @throws IllegalArgumentException naming the valid formats */
        public static Format parse(String s) {
            for (Format f : values()) if (f.extension.equalsIgnoreCase(s)) return f;
            throw new IllegalArgumentException("unknown --format '" + s + "'; use star, relion5, tbl, dynamo, stopgap or lst");
        }
    }

    /** Dynamo's wedge columns when nothing else is known: single tilt about y from −60° to +60°. */
    public static final double DEFAULT_WEDGE_MIN = -60, DEFAULT_WEDGE_MAX = 60;
    /** The STAR column holding EMAN2's score (lower is better), unchanged. */
    public static final String SCORE_LABEL = "jsptScore";


    private final Path run;
    private final int nn;
    private final List<ParticleParms.Entry> entries;
    private final double apix;
    private final int box;
    private final Map<Integer, Set<Integer>> averaged; // class → particles in its average; null if unknown
    private final String input;      // as recorded, or null
    private final Path inputPath;    // found on disk, or null

    private ParticleExport(Path run, int nn, List<ParticleParms.Entry> entries, double apix, int box, Map<Integer, Set<Integer>> averaged,
                           String input, Path inputPath) {
        this.run = run;
        this.nn = nn;
        this.entries = entries;
        this.apix = apix;
        this.box = box;
        this.averaged = averaged;
        this.input = input;
        this.inputPath = inputPath;
    }

    /** The iteration exported (NN). */
    public int iteration() { return nn; }
    /** One entry per particle, by index. */
    public List<ParticleParms.Entry> entries() { return entries; }
    /** Pixel size (Å) and box of the run's particles. */
    public double apix() { return apix; }
    public int box() { return box; }
    public Path run() { return run; }
    /** The run's input on disk, or null if it was not found. */
    public Path inputPath() { return inputPath; }
    /** The run's --input as recorded, or null. */
    public String input() { return input; }

    /** True if particle e went into its class average (true when the run did not record it). */
    public boolean inAverage(ParticleParms.Entry e) {
        return averaged == null || averaged.getOrDefault(e.classIndex(), Set.of()).contains(e.index());
    }

    /** True if the run's input was a RELION STAR file. */
    public boolean starInput() { return input != null && input.toLowerCase(Locale.ROOT).endsWith(".star"); }

    /** The input's particle loop (all columns, one row per particle) when the input was a STAR file, else null. */
    public Star.Table inputStarTable() throws IOException { return starInput() ? source().table() : null; }

    /** The input's data_optics block when the input was a STAR file with one. */
    public Optional<Star.Block> inputOptics() throws IOException { return starInput() ? source().optics() : Optional.empty(); }

    /**
     * Reads a run folder's iteration {@code iter} (NN, from 1; null = the last complete one).
     * @throws IllegalArgumentException for a missing folder, no complete iteration, or an iteration out of range
     */
    public static ParticleExport load(Path run, Integer iter) throws IOException {
        if (!Files.isDirectory(run)) throw new IllegalArgumentException(run + ": no such run folder");
        TreeSet<Integer> parms = ParticleParms.iterations(run), complete = new TreeSet<>();
        for (int n : parms) if (Files.exists(averagesFile(run, n))) complete.add(n);
        int nn;
        if (iter == null) {
            if (complete.isEmpty()) {
                throw new IllegalArgumentException(run + ": no complete iteration (particle_parms_NN.json with class_avgs_NN.hdf)");
            }
            nn = complete.last();
        } else {
            if (!parms.contains(iter)) {
                throw new IllegalArgumentException("--iter " + iter + " is out of range: " + run + (parms.isEmpty() ? " has no particle_parms_NN.json"
                        : " has iterations " + parms.first() + " to " + parms.last()));
            }
            nn = iter;
        }
        List<ParticleParms.Entry> entries = ParticleParms.read(ParticleParms.file(run, nn));
        if (entries.isEmpty()) throw new IllegalArgumentException(run + ": " + ParticleParms.file(run, nn).getFileName() + " lists no particles");
        String input = recordedInput(run);
        Path inputPath = input == null ? null : find(run, input);
        double apix = Double.NaN;
        int box = 0;
        Map<Integer, Set<Integer>> averaged = null;
        Path avg = averagesFile(run, nn);
        if (Files.exists(avg)) {
            averaged = new HashMap<>();
            try (ImageStack s = EmanHdf.open(avg)) {
                for (int c = 0; c < s.size(); c++) {
                    Header h = s.readHeader(c);
                    if (c == 0) {
                        apix = h.getDouble("apix_x", Double.NaN);
                        box = h.getInt("nx", 0);
                    }
                    Set<Integer> in = new HashSet<>();
                    double[] idx = h.getDoubles("class_ptcl_idxs");
                    if (idx != null) for (double d : idx) in.add((int) d);
                    averaged.put(c, in);
                }
            }
        } else if (inputPath != null) {
            try (ImageStack s = ImageStacks.open(inputPath)) {
                Header h = s.readHeader(0);
                apix = h.getDouble("apix_x", Double.NaN);
                box = h.getInt("nx", 0);
            }
        }
        String apixOpt = recorded(run, "apix");
        if (apixOpt != null) apix = Double.parseDouble(apixOpt);
        if (!(apix > 0)) throw new IllegalArgumentException(run + ": iteration " + nn + " has no class_avgs file and the input cannot be read for the pixel size");
        return new ParticleExport(run, nn, entries, apix, box, averaged, input, inputPath);
    }

    private static Path averagesFile(Path run, int nn) { return run.resolve(RunFileNames.averages(nn)); }

    /** The --input of the run, from parameters_refinemulti.txt (null if the file or the line is missing). */
    private static String recordedInput(Path run) throws IOException { return recorded(run, "input"); }

    private static String recorded(Path run, String option) throws IOException {
        Path p = run.resolve(ParametersFile.FILE_NAME);
        if (!Files.exists(p)) return null;
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            if (line.isBlank()) break; // the options end at the first blank line
            if (line.startsWith(option + "=")) return line.substring(option.length() + 1);
        }
        return null;
    }

    /** The input on disk: as given if absolute, else from the working directory, else from the run's parent. */
    private static Path find(Path run, String input) {
        Path p = Path.of(input);
        List<Path> tries = p.isAbsolute() ? List.of(p) : List.of(p.toAbsolutePath(), run.toAbsolutePath().getParent().resolve(p));
        for (Path t : tries) if (Files.exists(t)) return t.normalize();
        return null;
    }

    /** Per particle: its name for RELION, and the particle's own STAR row when the input was a STAR file. */
    private record Source(List<String> names, Star.Table table, Optional<Star.Block> optics, Path folder) {}

    /** The STAR columns naming files: relative names in them are relative to the STAR file's folder. */
    static final List<String> FILE_COLUMNS = List.of("rlnImageName", "rlnCtfImage");

    /**
     * A file name of the input STAR file as the exported one must give it: the export lives in the run folder,
     * not the input's, so a relative name (RELION's {@code N@file} stack form included) becomes the absolute
     * path of the file it named (looked for as readers do: from the input STAR's folder, then the working
     * directory; {@link StarStack#relative}), which RELION and jspt open from any folder. Absolute names, and
     * names whose file is missing (left for the reader to report), are kept.
     */
    static String rebased(String name, Path inputFolder) {
        if (name == null || inputFolder == null) return name;
        int at = name.indexOf('@');
        String prefix = at >= 0 ? name.substring(0, at + 1) : "", file = at >= 0 ? name.substring(at + 1) : name;
        if (file.isEmpty() || Path.of(file).isAbsolute()) return name;
        Path found = StarStack.relative(inputFolder, file);
        return found == null ? name : prefix + found.toAbsolutePath().normalize();
    }

    private Source source() throws IOException {
        String in = input == null ? entries.get(0).file() : input;
        String lower = in.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".star")) {
            if (inputPath == null) throw new IllegalArgumentException(run + ": the run's input STAR file " + in + " was not found (needed for rlnImageName)");
            List<Star.Block> blocks = Star.read(inputPath);
            Path particlesFile = StarStack.optimisationSetParticles(blocks, inputPath); // a RELION 5 optimisation set
            if (particlesFile != null) blocks = Star.read(particlesFile);
            Star.Table t = StarStack.particleTable(blocks, particlesFile != null ? particlesFile : inputPath);
            List<String> names = new ArrayList<>();
            for (int r = 0; r < t.size(); r++) names.add(t.get(r, "rlnImageName"));
            Path folder = (particlesFile != null ? particlesFile : inputPath).toAbsolutePath().getParent();
            return new Source(names, t, Star.block(blocks, "optics"), folder);
        }
        String path = inputPath != null ? inputPath.toString() : in;
        List<String> names = new ArrayList<>();
        boolean list = lower.endsWith(".txt") || lower.endsWith(".lst") || in.contains("*") || in.contains("?") || in.contains("[");
        if (list) {
            try (ImageStack s = inputPath != null ? ImageStacks.open(inputPath) : ImageStacks.open(in)) {
                if (s instanceof FileListStack f) for (Path m : f.members()) names.add(m.toString());
            } catch (IOException notFound) {
                names.clear();
            }
        }
        if (names.isEmpty()) {
            boolean single = lower.endsWith(".mrc") || lower.endsWith(".map") || lower.endsWith(".rec");
            int n = entries.get(entries.size() - 1).index() + 1;
            for (int p = 0; p < n; p++) names.add(single ? path : (p + 1) + "@" + path);
        }
        return new Source(names, null, Optional.empty(), null);
    }

    private Transform referenceToParticle(ParticleParms.Entry e) { return e.xform().inverse(); }

    private static String f6(double v) { return String.format(Locale.ROOT, "%.6f", v); }

    /** Microscope values RELION needs in data_optics when the input STAR file does not give them. */
    public record Optics(double voltage, double cs, double ampContrast) {
        /** The defaults: 300 kV, Cs 2.7 mm, amplitude contrast 0.1. */
        public static final Optics DEFAULT = new Optics(300, 2.7, 0.1);
    }

    /** data_optics and data_particles (RELION 3.1+), rlnImageName as in the input. */
    List<Star.Block> star() throws IOException { return star(Optics.DEFAULT, null, true); }

    /**
     * data_optics and data_particles (RELION 3.1+). data_optics is the input STAR file's, with any of RELION's
     * required columns it lacks added from {@code optics}, or, for other inputs, one group from {@code optics}.
     * @param imageNames rlnImageName per particle index (files written for RELION), or null to name the input's
     * @param score whether to add the {@link #SCORE_LABEL} column (RELION warns about labels it does not know)
     */
    public List<Star.Block> star(Optics opt, List<String> imageNames, boolean score) throws IOException {
        Source src = source();
        List<String> labels = new ArrayList<>();
        if (src.table() != null) {
            for (String l : src.table().labels()) if (!l.equals("rlnOriginX") && !l.equals("rlnOriginY") && !l.equals("rlnOriginZ")) labels.add(l);
        } else {
            labels.add("rlnImageName");
        }
        boolean ownOptics = src.optics().isEmpty() || src.optics().get().loop() == null;
        for (String l : List.of("rlnOpticsGroup", "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnOriginXAngst", "rlnOriginYAngst", "rlnOriginZAngst",
                "rlnClassNumber", SCORE_LABEL)) {
            if (!labels.contains(l) && (score || !l.equals(SCORE_LABEL))) labels.add(l);
        }
        List<List<String>> rows = new ArrayList<>();
        for (ParticleParms.Entry e : entries) {
            if (e.index() >= src.names().size()) throw new IllegalArgumentException(run + ": particle " + e.index() + " is not in the input " + input);
            Map<String, String> row = new LinkedHashMap<>();
            if (src.table() != null) {
                for (String l : src.table().labels()) row.put(l, src.table().rows().get(e.index()).get(src.table().column(l)));
                for (String l : FILE_COLUMNS) if (row.containsKey(l)) row.put(l, rebased(row.get(l), src.folder()));
            }
            else row.put("rlnImageName", src.names().get(e.index()));
            if (imageNames != null) row.put("rlnImageName", imageNames.get(e.index()));
            if (ownOptics || !row.containsKey("rlnOpticsGroup")) row.put("rlnOpticsGroup", "1");
            RelionPose pose = RelionPose.of(referenceToParticle(e), apix);
            row.put("rlnAngleRot", f6(pose.rot()));
            row.put("rlnAngleTilt", f6(pose.tilt()));
            row.put("rlnAnglePsi", f6(pose.psi()));
            row.put("rlnOriginXAngst", f6(pose.originXAngst()));
            row.put("rlnOriginYAngst", f6(pose.originYAngst()));
            row.put("rlnOriginZAngst", f6(pose.originZAngst()));
            row.put("rlnClassNumber", Integer.toString(e.classIndex() + 1));
            row.put(SCORE_LABEL, String.format(Locale.ROOT, "%.8g", e.score()));
            List<String> values = new ArrayList<>();
            for (String l : labels) values.add(row.get(l));
            rows.add(values);
        }
        Star.Table optics = ownOptics ? new Star.Table(List.of("rlnOpticsGroup", "rlnOpticsGroupName"), List.of(List.of("1", "opticsGroup1")))
                : src.optics().get().loop();
        return List.of(Star.Block.ofLoop("optics", completeOptics(optics, opt)), Star.Block.ofLoop("particles", new Star.Table(labels, rows)));
    }

    /** RELION 3.1's optics columns, in its order; a missing one is added to every group (from opt, the run, or 3-D). */
    private Star.Table completeOptics(Star.Table in, Optics opt) {
        List<String> labels = new ArrayList<>(in.labels());
        Map<String, String> fill = new LinkedHashMap<>();
        fill.put("rlnOpticsGroupName", null);
        fill.put("rlnOpticsGroup", null);
        fill.put("rlnVoltage", f6(opt.voltage()));
        fill.put("rlnSphericalAberration", f6(opt.cs()));
        fill.put("rlnAmplitudeContrast", f6(opt.ampContrast()));
        fill.put("rlnImagePixelSize", f6(apix));
        fill.put("rlnImageSize", Integer.toString(box));
        fill.put("rlnImageDimensionality", "3");
        for (String l : fill.keySet()) if (!labels.contains(l)) labels.add(l);
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < in.size(); r++) {
            List<String> row = new ArrayList<>();
            for (String l : labels) {
                if (in.has(l)) row.add(in.get(r, l));
                else if (l.equals("rlnOpticsGroup")) row.add(Integer.toString(r + 1));
                else if (l.equals("rlnOpticsGroupName")) row.add("opticsGroup" + (r + 1));
                else row.add(fill.get(l));
            }
            rows.add(row);
        }
        return new Star.Table(labels, rows);
    }

    /** One Dynamo row per particle (columns 1–26). */
    public List<DynamoTable.Row> table(double wedgeMin, double wedgeMax) throws IOException {
        Star.Table star = null;
        if (input != null && input.toLowerCase(Locale.ROOT).endsWith(".star")) star = source().table();
        Map<String, Integer> tomos = new LinkedHashMap<>();
        List<DynamoTable.Row> rows = new ArrayList<>();
        for (ParticleParms.Entry e : entries) {
            DynamoPose pose = DynamoPose.of(referenceToParticle(e));
            boolean inAverage = averaged == null || averaged.getOrDefault(e.classIndex(), Set.of()).contains(e.index());
            DynamoTable.Row r = new DynamoTable.Row(DynamoTable.STANDARD_COLUMNS)
                    .set(DynamoTable.TAG, e.index() + 1).set(DynamoTable.ALIGNED, 1).set(DynamoTable.AVERAGED, inAverage ? 1 : 0)
                    .set(DynamoTable.DX, pose.dx()).set(DynamoTable.DY, pose.dy()).set(DynamoTable.DZ, pose.dz())
                    .set(DynamoTable.TDROT, pose.tdrot()).set(DynamoTable.TILT, pose.tilt()).set(DynamoTable.NAROT, pose.narot())
                    .set(DynamoTable.CC, Double.isNaN(e.score()) ? 0 : -e.score())
                    .set(DynamoTable.FTYPE, 1).set(DynamoTable.YMINTILT, wedgeMin).set(DynamoTable.YMAXTILT, wedgeMax)
                    .set(DynamoTable.CLASS, e.classIndex() + 1);
            if (star != null && e.index() < star.size()) {
                if (star.has("rlnTomoName")) r.set(DynamoTable.TOMO, tomos.computeIfAbsent(star.get(e.index(), "rlnTomoName"), k -> tomos.size() + 1));
                int[] cols = {DynamoTable.X, DynamoTable.Y, DynamoTable.Z};
                String[] labels = {"rlnCoordinateX", "rlnCoordinateY", "rlnCoordinateZ"};
                for (int i = 0; i < 3; i++) if (star.has(labels[i])) r.set(cols[i], Double.parseDouble(star.get(e.index(), labels[i])));
            }
            rows.add(r);
        }
        return rows;
    }
}
