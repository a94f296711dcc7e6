package org.jspt.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspt.bench.RefineBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jspt bench refine}: the whole refinement from the data, its wall time and its accuracy, over several seeds. */
@Command(name = "refine", sortOptions = false, description = {
        "refinemulti from the data (references built by the run), timed from JVM start to exit in a child JVM and scored",
        "against the truth, on one simulated set per seed. Default: issue 17's set (1LCD:ABC, 1LCD:A, 2BEG, 1A8O; 40 per",
        "class, 48³, SNR 0.1, ±60° wedge), 5 iterations. Runs of one set take other paths for any small change, so judge",
        "a change over several seeds. Timings depend on the machine's load."})
final class RefineBenchCommand implements Callable<Integer> {
    static final List<String> DEFAULT_CLASSES = List.of("1LCD.pdb:ABC", "1LCD.pdb:A", "2BEG.pdb", "1A8O.pdb");

    @Spec CommandSpec spec;

    @Option(names = "--pdb", paramLabel = "FILE[:CHAINS]", description = "A class simulated from a PDB (as simulate --pdb); repeat per class "
            + "(default: data/pdb/1LCD.pdb:ABC, 1LCD.pdb:A, 2BEG.pdb, 1A8O.pdb of the repository that holds jspt.jar).")
    List<String> pdb;

    @Option(names = "--phantom", paramLabel = "NAME", description = "A class simulated from a phantom (as simulate --phantom), instead of --pdb.")
    List<String> phantom;

    @Option(names = "--per-class", defaultValue = "40", description = "Particles per class (default: ${DEFAULT-VALUE}).")
    int perClass;

    @Option(names = "--box", defaultValue = "48", description = "Box (default: ${DEFAULT-VALUE}).")
    int box;

    @Option(names = "--snr", defaultValue = "0.1", description = "Simulation SNR (default: ${DEFAULT-VALUE}).")
    double snr;

    @Option(names = "--seeds", split = ",", defaultValue = "17,41,777", description = "One simulated set per seed (default: ${DEFAULT-VALUE}).")
    long[] seeds;

    @Option(names = "--iter", defaultValue = "5", description = "refinemulti --iter (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--repeats", defaultValue = "1", description = "refinemulti runs per set; the wall time is their median (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--args", paramLabel = "'ARGS'", defaultValue = "", description = "More refinemulti arguments, separated by spaces (e.g. '--grouping=split').")
    String args;

    @Option(names = "--heap", defaultValue = "2g", description = "-Xmx of every child JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Mixin BenchWorkFolder work;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (perClass < 1 || box < 8 || iterations < 1 || repeats < 1 || seeds.length == 0) {
            throw new IllegalArgumentException("--per-class, --iter, --repeats must be >= 1, --box >= 8, and --seeds must name a seed");
        }
        List<String> classes = classes();
        if (classes.size() < 2) throw new IllegalArgumentException("give at least 2 classes (--pdb or --phantom)");
        List<String> extra = args.isBlank() ? List.of() : List.of(args.trim().split("\\s+"));
        PrintWriter out = spec.commandLine().getOut();
        RefineBenchmark.Config c = new RefineBenchmark.Config(classes, perClass, box, snr, seeds, repeats, iterations, extra, heap, work.where(), work.keep);
        RefineBenchmark.Result r = new RefineBenchmark().run(c, line -> {
            out.println("  " + line);
            out.flush();
        });
        print(out, c, r);
        if (json != null) BenchCommand.writeJson(json, "refine", repeats, rows(c, r), out);
        return 0;
    }

    /** The classes to simulate; PDB paths made absolute (the child JVMs run in the benchmark's folder). */
    private List<String> classes() {
        List<String> out = new ArrayList<>();
        if (phantom != null) for (String p : phantom) out.add("phantom:" + p);
        List<String> specs = pdb != null ? pdb : phantom != null ? List.of() : defaults();
        for (String s : specs) {
            String[] parts = org.jspt.sim.ClassSource.splitPdbSpec(s);
            Path file = Path.of(parts[0]);
            if (!Files.isRegularFile(file)) throw new IllegalArgumentException("--pdb " + s + ": no such file " + file);
            out.add(file.toAbsolutePath() + (parts[1] == null ? "" : ":" + parts[1]));
        }
        return out;
    }

    private static List<String> defaults() {
        Path dir = BenchCommand.Align.defaultPdb().getParent();
        return DEFAULT_CLASSES.stream().map(s -> dir.resolve(s).toString()).toList();
    }

    private static void print(PrintWriter out, RefineBenchmark.Config c, RefineBenchmark.Result r) {
        out.printf(Locale.ROOT, "refine benchmark: %d classes × %d particles of %d³, SNR %s, refinemulti --nref=%d --iter=%d %s; %d cores%n",
                c.classes().size(), c.perClass(), c.box(), c.snr(), c.classes().size(), c.iterations(), String.join(" ", c.extra()),
                Runtime.getRuntime().availableProcessors());
        out.println("'other s' = wall time outside the iterations (JVM start, building the references, final files); 'idle s' = wall − CPU / cores,"
                + " the time the cores were not all busy (a slower or busier machine moves it much less than the wall time); angles: median per true class");
        out.printf("%8s %9s %8s %8s %8s %8s %9s  %s%n", "seed", "wall s", "CPU s", "idle s", "other s", "iter s", "accuracy", "median angle ° by class");
        for (RefineBenchmark.SetRow s : r.sets()) {
            StringBuilder ang = new StringBuilder();
            for (int t = 0; t < s.medianAngles().length; t++) {
                ang.append(String.format(Locale.ROOT, "%s%s %.2f", t == 0 ? "" : ", ", s.labels()[t], s.medianAngles()[t]));
            }
            double meanIt = java.util.Arrays.stream(s.iterationSeconds()).average().orElse(Double.NaN);
            out.printf(Locale.ROOT, "%8d %9.1f %8.1f %8.2f %8.1f %8.1f %8.1f%%  %s%n", s.seed(), s.medianWall(), s.medianCpu(), s.medianIdle(), s.otherSeconds(),
                    meanIt, 100 * s.accuracy(), ang);
        }
        out.printf(Locale.ROOT, "median wall %.1f s over %d sets; accuracy mean %.1f%%, lowest %.1f%%%n", r.medianWall(), r.sets().size(),
                100 * r.meanAccuracy(), 100 * r.minAccuracy());
        out.flush();
    }

    private static List<Map<String, Object>> rows(RefineBenchmark.Config c, RefineBenchmark.Result r) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RefineBenchmark.SetRow s : r.sets()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seed", s.seed());
            m.put("classes", c.classes());
            m.put("per_class", c.perClass());
            m.put("box", c.box());
            m.put("snr", c.snr());
            m.put("iterations", c.iterations());
            m.put("extra_args", c.extra());
            m.put("wall_seconds", s.wallSeconds());
            m.put("median_wall_seconds", s.medianWall());
            m.put("cpu_seconds", s.cpuSeconds());
            m.put("cores", s.cores());
            m.put("median_idle_seconds", Double.isNaN(s.medianIdle()) ? null : s.medianIdle());
            m.put("iteration_seconds", s.iterationSeconds());
            m.put("other_seconds", s.otherSeconds());
            m.put("accuracy", s.accuracy());
            Map<String, Object> ang = new LinkedHashMap<>();
            for (int t = 0; t < s.labels().length; t++) ang.put(s.labels()[t], Double.isNaN(s.medianAngles()[t]) ? null : s.medianAngles()[t]);
            m.put("median_angle_deg", ang);
            rows.add(m);
        }
        return rows;
    }
}
