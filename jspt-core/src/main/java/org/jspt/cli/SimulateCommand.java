package org.jspt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspt.ctf.TiltOrder;
import org.jspt.ctf.TiltScheme;
import org.jspt.image.Volume;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.ImageStackWriter;
import org.jspt.io.star.Star;
import org.jspt.sim.ClassSource;
import org.jspt.sim.Phantoms;
import org.jspt.sim.ClassCounts;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.jspt.sim.TiltSeriesParams;
import org.jspt.sim.TiltSeriesSimulator;
import org.jspt.sim.TiltSeriesStar;
import org.jspt.sim.TruthFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jspt simulate}: a particle stack with known classes and poses. */
@Command(name = "simulate", sortOptions = false,
        description = {"Simulate subtomograms of known classes and poses (uniform on SO(3)), with noise and a missing wedge.",
            "Writes DIR/particles.hdf, DIR/truth_maps.hdf and DIR/truth.json (particle = truth map moved by x' = R.x + t).",
            "With --tilt-scheme or --tilt-ranges, particles are made from tilt series instead (CTF per tilt, exposure filter, noise per tilt image,",
            "central slices inserted in Fourier space) and DIR also gets particles/, ctf/ (each particle's 3-D CTF), tomograms/ and particles.star;",
            "see docs/tilt-series.md."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--pdb", paramLabel = "FILE[:SELECTION]",
            description = {"A class from a PDB or PDBx/mmCIF file, gzipped or not (first model, no water, the first of alternative conformations, "
                + "atoms weighted by atomic number; chains and residues as the author numbered them); SELECTION keeps some atoms: "
                + "comma-separated items CHAINS or CHAIN/FIRST-LAST (residue numbers), an item starting with '-' removes atoms, "
                + "e.g. 1LCD.pdb:A, 1LCD.pdb:A/1-40,B or 1LCD.pdb:ABC,-C/20-40 (a complex without a small domain). "
                + "Repeatable; PDB classes come first, in the order given."})
    List<String> pdbs = new ArrayList<>();

    @Option(names = "--phantom", paramLabel = "NAME", description = "A class from a built-in phantom (see --list-phantoms). Repeatable; after the PDB classes, in the order given.")
    List<String> phantoms = new ArrayList<>();

    @Option(names = "--list-phantoms", description = "List the built-in phantoms and exit.")
    boolean listPhantoms;

    @Option(names = "--per-class", paramLabel = "N[,N...]", split = ",", defaultValue = "" + SimulationParams.DEFAULT_PER_CLASS,
            description = {"Particles per class: one N for every class, one count per class in class order (e.g. 140,40,20) for imbalanced classes,",
                "or one fraction per class of --particles (e.g. 0.7,0.2,0.1; rounded by largest remainder) (default: ${DEFAULT-VALUE})."})
    List<String> perClassGiven;

    @Option(names = "--particles", paramLabel = "N", description = "Total number of particles, with --per-class fractions.")
    Integer particles;

    @Option(names = "--box", paramLabel = "N", defaultValue = "" + SimulationParams.DEFAULT_BOX, description = "Box size in voxels (default: ${DEFAULT-VALUE}).")
    int box;

    @Option(names = "--apix", paramLabel = "A", defaultValue = "" + SimulationParams.DEFAULT_APIX, description = "Pixel size in Å (default: ${DEFAULT-VALUE}).")
    double apix;

    @Option(names = "--res", paramLabel = "A", defaultValue = "" + SimulationParams.DEFAULT_RES,
            description = "Resolution of the Gaussian low-pass in Å: amplitude e^-1/2 at 1/res (default: ${DEFAULT-VALUE}; 0 = none).")
    double res;

    @Option(names = "--snr", paramLabel = "X", defaultValue = "" + SimulationParams.DEFAULT_SNR, converter = SnrConverter.class,
            description = "Signal-to-noise ratio: mean variance of the noise-free maps / noise variance; 'inf' for no noise (default: ${DEFAULT-VALUE}).")
    double snr;

    @Option(names = "--tilt", paramLabel = "DEG", defaultValue = "" + SimulationParams.DEFAULT_TILT,
            description = "Tilt range ±DEG about y, beam along z; 90 = no missing wedge (default: ${DEFAULT-VALUE}).")
    double tilt;

    @Option(names = "--shift", paramLabel = "PX", defaultValue = "" + SimulationParams.DEFAULT_SHIFT, description = "Maximum |shift| per axis in voxels (default: ${DEFAULT-VALUE}).")
    double shift;

    @Option(names = "--tilt-scheme", paramLabel = "MIN:MAX:STEP[:START]|FILE",
            description = {"Tilt-series mode: one tomogram's tilts, degrees (tilts START + k*STEP within [MIN, MAX]; START default 0), or a tilt-scheme file",
                "(lines 'angle dose' in acquisition order). Repeatable: one tomogram each; particles are dealt to the tomograms in turn."})
    List<String> tiltSchemes = new ArrayList<>();

    @Option(names = "--tilt-ranges", paramLabel = "MIN:MAX", split = ",",
            description = "Tilt-series mode: one tomogram per range (e.g. -54:62,-62:50), with the step and start of --tilt-scheme (default step 3).")
    List<String> tiltRanges = new ArrayList<>();

    @Option(names = "--tilt-order", paramLabel = "ORDER", defaultValue = "dose-symmetric",
            description = "Acquisition order for MIN:MAX:STEP schemes: dose-symmetric (Hagen), sequential or bidirectional (default: ${DEFAULT-VALUE}).")
    String tiltOrder;

    @Option(names = "--dose", paramLabel = "E", defaultValue = "3.0", description = "Exposure per tilt image in e/Å² for MIN:MAX:STEP schemes (default: ${DEFAULT-VALUE}).")
    double dose;

    @Option(names = "--defocus", paramLabel = "MIN[:MAX]", defaultValue = "2:5",
            description = "Defocus in µm at the tilt axis' height (underfocus positive), uniform per particle (default: ${DEFAULT-VALUE}).")
    String defocus;

    @Option(names = "--height", paramLabel = "MIN[:MAX]", defaultValue = "0",
            description = "Particle height z above the tilt axis in Å, uniform per particle; changes each tilt's defocus (default: ${DEFAULT-VALUE}).")
    String height;

    @Option(names = "--x-range", paramLabel = "MIN[:MAX]", defaultValue = "0",
            description = "Particle position x across the tilt axis in Å (and y along it), uniform per particle (default: ${DEFAULT-VALUE}).")
    String xRange;

    @Option(names = "--voltage", paramLabel = "KV", defaultValue = "" + TiltSeriesParams.DEFAULT_VOLTAGE, description = "Acceleration voltage in kV (default: ${DEFAULT-VALUE}).")
    double voltage;

    @Option(names = "--cs", paramLabel = "MM", defaultValue = "" + TiltSeriesParams.DEFAULT_CS, description = "Spherical aberration in mm (default: ${DEFAULT-VALUE}).")
    double cs;

    @Option(names = "--amp-contrast", paramLabel = "Q", defaultValue = "" + TiltSeriesParams.DEFAULT_AMP_CONTRAST, description = "Amplitude contrast (default: ${DEFAULT-VALUE}).")
    double ampContrast;

    @Option(names = "--phase-shift", paramLabel = "DEG", defaultValue = "0", description = "Phase-plate phase shift in degrees (default: ${DEFAULT-VALUE}).")
    double phaseShift;

    @Option(names = "--astigmatism", paramLabel = "A", defaultValue = "0",
            description = "Astigmatism defocusU - defocusV in Å, at an angle uniform per particle (default: ${DEFAULT-VALUE}).")
    double astigmatism;

    @Option(names = "--exposure-filter", paramLabel = "on|off", defaultValue = "on",
            description = "Attenuate each tilt by its accumulated exposure (Grant & Grigorieff 2015) (default: ${DEFAULT-VALUE}).")
    String exposureFilter;

    @Option(names = "--neighbours", paramLabel = "N", defaultValue = "0", description = "Other particles near each box's edge, for crowding (default: ${DEFAULT-VALUE}).")
    int neighbours;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "simulation", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: all cores).")
    Integer threads;

    /**
     * One line per class whose model does not fit the box: an atom r Å from the class's centre, turned towards an axis
     * and shifted by up to {@code shift} px, lands outside the box and wraps around to the other side (the rendered map
     * is periodic), which no real subtomogram shows.
     */
    static List<String> cutByTheBox(List<ClassSource> classes, int box, double apix, double shift) {
        List<String> out = new ArrayList<>();
        for (ClassSource c : classes) {
            double radius = c.atoms().radiusAbout(c.origin()), reach = radius / apix + Math.abs(shift); // px from the box centre
            if (reach <= box / 2.0) continue;
            int fits = 2 * (int) Math.ceil(reach + 1);
            out.add(String.format(java.util.Locale.ROOT, "%s reaches %.1f Å from its centre and particles shift up to %.3g px: in a %d³ box at %.3g Å/px "
                    + "(%.1f Å to the edge) a turned particle is cut by the box and wraps around to its other side; use --box %d or more, or a larger --apix",
                    c.label(), radius, shift, box, apix, box * apix / 2, fits));
        }
        return out;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (listPhantoms) {
            for (String n : Phantoms.names()) o.printf("%-10s %s%n", n, Phantoms.description(n));
            return 0;
        }
        if (pdbs.isEmpty() && phantoms.isEmpty()) throw new IllegalArgumentException("no classes: give --pdb FILE[:CHAINS] or --phantom NAME (one per class)");
        TiltSeriesParams tiltSeries = tiltSeriesParams();
        if (tiltSeries != null && given("--tilt")) throw new IllegalArgumentException("--tilt is the default mode's wedge; in the tilt-series mode the wedge comes from --tilt-scheme/--tilt-ranges");
        int nClasses = pdbs.size() + phantoms.size();
        List<Integer> perClass = ClassCounts.parse(perClassGiven, particles, nClasses);
        if (tiltSeries != null && perClass.size() != 1) throw new IllegalArgumentException("--per-class: the tilt-series mode takes one count for every class");
        SimulationParams p = new SimulationParams(box, apix, res, snr, tiltSeries != null ? 90 : tilt, shift, seed, perClass.size() == 1 ? perClass.get(0) : 1);
        List<ClassSource> classes = new ArrayList<>();
        for (String s : pdbs) classes.add(ClassSource.fromPdbSpec(s));
        for (String s : phantoms) classes.add(ClassSource.phantom(s, box, apix));
        for (String w : cutByTheBox(classes, box, apix, shift)) spec.commandLine().getErr().println("WARNING: " + w);
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (nThreads < 1) throw new IllegalArgumentException("--threads must be >= 1");
        Files.createDirectories(out);
        if (tiltSeries != null) return tiltSeries(o, classes, p, tiltSeries, nThreads);
        Simulator sim = new Simulator(classes, p, perClass.size() == 1 ? null : perClass);
        o.printf("simulating %d particles of %d³ (%s) into %s: apix %.3g Å, res %.3g Å, snr %s, tilt ±%.3g°, shift ≤ %.3g px, seed %d%n",
                sim.count(), box, String.join(", ", sim.labels()), out, apix, res, Double.isInfinite(snr) ? "inf" : String.valueOf(snr), tilt, shift, seed);
        o.flush();
        List<Volume> maps = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Volume m = sim.truthMap(c);
            m.header().put("class_label", classes.get(c).label());
            maps.add(m);
        }
        EmanHdf.write(out.resolve("truth_maps.hdf"), maps);
        Progress progress = new Progress(o, "particles", sim.count());
        ImageStackWriter w = EmanHdf.create(out.resolve("particles.hdf"));
        try {
            sim.writeParticles(w, nThreads, progress::update);
            w.close();
        } catch (Exception e) {
            w.abort();
            throw e;
        }
        progress.done();
        new TruthFile(p, sim.labels(), sim.truth()).write(out.resolve("truth.json"));
        o.printf("wrote %s, %s, %s%n", out.resolve("particles.hdf"), out.resolve("truth_maps.hdf"), out.resolve("truth.json"));
        return 0;
    }

    private boolean given(String option) { return spec.commandLine().getParseResult().hasMatchedOption(option); }

    /** The tilt-series physics when --tilt-scheme or --tilt-ranges is given, else null (and no tilt-series option may be given). */
    private TiltSeriesParams tiltSeriesParams() throws IOException {
        if (tiltSchemes.isEmpty() && tiltRanges.isEmpty()) {
            for (String o : List.of("--tilt-order", "--dose", "--defocus", "--height", "--x-range", "--voltage", "--cs", "--amp-contrast", "--phase-shift",
                    "--astigmatism", "--exposure-filter", "--neighbours")) {
                if (given(o)) throw new IllegalArgumentException(o + " belongs to the tilt-series mode: give --tilt-scheme MIN:MAX:STEP (or --tilt-ranges) too");
            }
            return null;
        }
        TiltOrder order = TiltOrder.parse(tiltOrder);
        List<TiltScheme> schemes = new ArrayList<>();
        if (!tiltRanges.isEmpty()) {
            if (tiltSchemes.size() > 1) throw new IllegalArgumentException("--tilt-ranges takes the step from one --tilt-scheme MIN:MAX:STEP, got " + tiltSchemes.size());
            double step = 3, start = 0;
            if (tiltSchemes.size() == 1) {
                String[] f = tiltSchemes.get(0).split(":");
                if (f.length < 3 || Files.isRegularFile(Path.of(tiltSchemes.get(0)))) throw new IllegalArgumentException("with --tilt-ranges, --tilt-scheme must be MIN:MAX:STEP[:START], got " + tiltSchemes.get(0));
                step = Double.parseDouble(f[2]);
                if (f.length == 4) start = Double.parseDouble(f[3]);
            }
            for (String r : tiltRanges) {
                String[] f = r.strip().split(":");
                if (f.length != 2) throw new IllegalArgumentException("--tilt-ranges: '" + r + "' is not MIN:MAX (degrees)");
                double lo = number("--tilt-ranges", f[0]), hi = number("--tilt-ranges", f[1]);
                schemes.add(TiltScheme.range(lo, hi, step, Math.min(hi, Math.max(lo, start)), order, dose));
            }
        } else {
            for (String s : tiltSchemes) {
                Path file = Path.of(s);
                schemes.add(Files.isRegularFile(file) ? TiltScheme.read(file) : TiltScheme.parse(s, order, dose));
            }
        }
        double[] d = range("--defocus", defocus), h = range("--height", height), x = range("--x-range", xRange);
        boolean filter = switch (exposureFilter.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "yes", "true" -> true;
            case "off", "no", "false" -> false;
            default -> throw new IllegalArgumentException("--exposure-filter must be on or off, got " + exposureFilter);
        };
        return new TiltSeriesParams(schemes, d[0] * 1e4, d[1] * 1e4, h[0], h[1], x[0], x[1], voltage, cs, ampContrast, phaseShift, astigmatism, filter, neighbours);
    }

    private static double[] range(String option, String s) {
        String[] f = s.strip().split(":");
        if (f.length < 1 || f.length > 2) throw new IllegalArgumentException(option + " must be MIN[:MAX], got " + s);
        double lo = number(option, f[0]), hi = f.length == 2 ? number(option, f[1]) : lo;
        return new double[] {lo, hi};
    }

    private static double number(String option, String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + s + "' is not a number");
        }
    }

    private Integer tiltSeries(PrintWriter o, List<ClassSource> classes, SimulationParams p, TiltSeriesParams tp, int nThreads) throws Exception {
        TiltSeriesSimulator sim = new TiltSeriesSimulator(classes, p, tp);
        o.printf("simulating %d particles of %d³ (%s) from tilt series into %s: apix %.3g Å, res %.3g Å, snr per tilt image %s, shift ≤ %.3g px, seed %d%n",
                sim.count(), box, String.join(", ", sim.labels()), out, apix, res, Double.isInfinite(snr) ? "inf" : String.valueOf(snr), shift, seed);
        for (int t = 0; t < tp.tomograms().size(); t++) o.printf("  %s: %s%n", sim.tomogramNames().get(t), tp.tomograms().get(t));
        o.printf("  defocus %.3g-%.3g µm, %g kV, Cs %g mm, amplitude contrast %g, exposure filter %s%n",
                tp.defocusMin() / 1e4, tp.defocusMax() / 1e4, tp.voltage(), tp.cs(), tp.ampContrast(), tp.exposureFilter() ? "on" : "off");
        o.flush();
        List<Volume> maps = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Volume m = sim.base().truthMap(c);
            m.header().put("class_label", classes.get(c).label());
            maps.add(m);
        }
        EmanHdf.write(out.resolve("truth_maps.hdf"), maps);
        Progress progress = new Progress(o, "particles", sim.count());
        ImageStackWriter w = EmanHdf.create(out.resolve("particles.hdf"));
        try {
            sim.write(out, w, nThreads, progress::update);
            w.close();
        } catch (Exception e) {
            w.abort();
            throw e;
        }
        progress.done();
        Star.write(out.resolve("particles.star"), TiltSeriesStar.blocks(sim));
        new TruthFile(p, sim.labels(), sim.truth(), sim.tiltSeriesTruth()).write(out.resolve("truth.json"));
        o.printf("wrote %s (and particles.hdf), %s, %s, %s, %s%n", out.resolve("particles.star"), out.resolve("particles"), out.resolve("ctf"),
                out.resolve("truth_maps.hdf"), out.resolve("truth.json"));
        return 0;
    }

    /** --snr: a number, or inf (any case) for no noise, as the help and the README say. */
    static final class SnrConverter implements picocli.CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String v) {
            String s = v.strip();
            if (s.equalsIgnoreCase("inf") || s.equalsIgnoreCase("infinity")) return Double.POSITIVE_INFINITY;
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + v + "' is not a number or inf");
            }
        }
    }
}
