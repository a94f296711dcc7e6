package org.jspt.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspt.image.Volume;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.ImageStackWriter;
import org.jspt.sim.ClassSource;
import org.jspt.sim.Phantoms;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.jspt.sim.TruthFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jspt simulate}: a particle stack with known classes and poses. */
@Command(name = "simulate", sortOptions = false,
        description = {"Simulate subtomograms of known classes and poses (uniform on SO(3)), with noise and a missing wedge.",
            "Writes DIR/particles.hdf, DIR/truth_maps.hdf and DIR/truth.json (particle = truth map moved by x' = R.x + t)."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--pdb", paramLabel = "FILE[:SELECTION]",
            description = {"A class from a PDB file (first MODEL, no water, atoms weighted by atomic number); SELECTION keeps some atoms: "
                + "comma-separated items CHAINS or CHAIN/FIRST-LAST (residue numbers), an item starting with '-' removes atoms, "
                + "e.g. 1LCD.pdb:A, 1LCD.pdb:A/1-40,B or 1LCD.pdb:ABC,-C/20-40 (a complex without a small domain). "
                + "Repeatable; PDB classes come first, in the order given."})
    List<String> pdbs = new ArrayList<>();

    @Option(names = "--phantom", paramLabel = "NAME", description = "A class from a built-in phantom (see --list-phantoms). Repeatable; after the PDB classes, in the order given.")
    List<String> phantoms = new ArrayList<>();

    @Option(names = "--list-phantoms", description = "List the built-in phantoms and exit.")
    boolean listPhantoms;

    @Option(names = "--per-class", paramLabel = "N[,N...]", split = ",", defaultValue = "" + SimulationParams.DEFAULT_PER_CLASS,
            description = "Particles per class: one N for every class, or one count per class in class order (e.g. 140,40,20) for imbalanced classes (default: ${DEFAULT-VALUE}).")
    List<Integer> perClass;

    @Option(names = "--box", paramLabel = "N", defaultValue = "" + SimulationParams.DEFAULT_BOX, description = "Box size in voxels (default: ${DEFAULT-VALUE}).")
    int box;

    @Option(names = "--apix", paramLabel = "A", defaultValue = "" + SimulationParams.DEFAULT_APIX, description = "Pixel size in Å (default: ${DEFAULT-VALUE}).")
    double apix;

    @Option(names = "--res", paramLabel = "A", defaultValue = "" + SimulationParams.DEFAULT_RES,
            description = "Resolution of the Gaussian low-pass in Å: amplitude e^-1/2 at 1/res (default: ${DEFAULT-VALUE}; 0 = none).")
    double res;

    @Option(names = "--snr", paramLabel = "X", defaultValue = "" + SimulationParams.DEFAULT_SNR,
            description = "Signal-to-noise ratio: mean variance of the noise-free maps / noise variance; 'inf' for no noise (default: ${DEFAULT-VALUE}).")
    double snr;

    @Option(names = "--tilt", paramLabel = "DEG", defaultValue = "" + SimulationParams.DEFAULT_TILT,
            description = "Tilt range ±DEG about y, beam along z; 90 = no missing wedge (default: ${DEFAULT-VALUE}).")
    double tilt;

    @Option(names = "--shift", paramLabel = "PX", defaultValue = "" + SimulationParams.DEFAULT_SHIFT, description = "Maximum |shift| per axis in voxels (default: ${DEFAULT-VALUE}).")
    double shift;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "simulation", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        if (listPhantoms) {
            for (String n : Phantoms.names()) o.printf("%-10s %s%n", n, Phantoms.description(n));
            return 0;
        }
        if (pdbs.isEmpty() && phantoms.isEmpty()) throw new IllegalArgumentException("no classes: give --pdb FILE[:CHAINS] or --phantom NAME (one per class)");
        int nClasses = pdbs.size() + phantoms.size();
        if (perClass.size() != 1 && perClass.size() != nClasses) {
            throw new IllegalArgumentException("--per-class gives " + perClass.size() + " counts for " + nClasses + " classes: give one N or one per class");
        }
        SimulationParams p = new SimulationParams(box, apix, res, snr, tilt, shift, seed, perClass.size() == 1 ? perClass.get(0) : 1);
        List<ClassSource> classes = new ArrayList<>();
        for (String s : pdbs) classes.add(ClassSource.fromPdbSpec(s));
        for (String s : phantoms) classes.add(ClassSource.phantom(s, box, apix));
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (nThreads < 1) throw new IllegalArgumentException("--threads must be >= 1");
        Files.createDirectories(out);
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
}
