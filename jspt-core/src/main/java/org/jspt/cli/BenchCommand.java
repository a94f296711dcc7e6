package org.jspt.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspt.bench.AlignBenchmark;
import org.jspt.bench.FftBenchmark;
import org.jspt.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jspt bench ...}: end-to-end timings. Figures are printed, never asserted by tests. */
@Command(name = "bench", description = "Measure performance (prints a table; --json writes the figures).",
        subcommands = {BenchCommand.Fft.class, BenchCommand.Align.class, ScaleBenchCommand.class, RefineBenchCommand.class})
public final class BenchCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    /** The figures of one benchmark as JSON: its name, the machine's cores, the repeats and the rows. */
    static void writeJson(Path file, String benchmark, int repeats, List<Map<String, Object>> rows, PrintWriter out) throws java.io.IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", benchmark);
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("repeats", repeats);
        doc.put("results", rows);
        AtomicFiles.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        out.println("wrote " + file);
    }

    @Command(name = "fft", description = "Median r2c and c2r times for cubic boxes on 1 and all threads.")
    static final class Fft implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--boxes", split = ",", defaultValue = "32,48,64,96,128", description = "Box sizes (default: ${DEFAULT-VALUE}).")
        List<Integer> boxes;

        @Option(names = "--threads", description = "Threads for the parallel figure (default: all cores).")
        Integer threads;

        @Option(names = "--repeats", defaultValue = "9", description = "Timed batches per figure; the median is reported (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
        Path json;

        @Override
        public Integer call() throws Exception {
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            if (n < 1) throw new IllegalArgumentException("--threads must be >= 1");
            for (int b : boxes) if (b < 2) throw new IllegalArgumentException("box sizes must be >= 2, got " + b);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("FFT (FFTW float, plans cached per thread), %d cores, median of %d batches; 'all' = wall time / transforms done by %d threads%n",
                    Runtime.getRuntime().availableProcessors(), repeats, n);
            out.printf("%6s %12s %12s %12s %12s%n", "box", "r2c 1 thr", "c2r 1 thr", "r2c all", "c2r all");
            FftBenchmark bench = new FftBenchmark(repeats);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int b : boxes) {
                FftBenchmark.Result r = bench.run(b, n);
                out.printf("%6d %12s %12s %12s %12s%n", b, ms(r.r2cSeconds1()), ms(r.c2rSeconds1()), ms(r.r2cSecondsAll()), ms(r.c2rSecondsAll()));
                out.flush();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("box", b);
                row.put("threads", n);
                row.put("r2c_seconds_1thread", r.r2cSeconds1());
                row.put("c2r_seconds_1thread", r.c2rSeconds1());
                row.put("r2c_seconds_per_transform_all_threads", r.r2cSecondsAll());
                row.put("c2r_seconds_per_transform_all_threads", r.c2rSecondsAll());
                rows.add(row);
            }
            if (json != null) writeJson(json, "fft", repeats, rows, out);
            return 0;
        }

        private static String ms(double seconds) { return String.format(java.util.Locale.ROOT, "%.3f ms", seconds * 1e3); }
    }

    @Command(name = "align", description = {"Particle-reference alignments per second (1 and all threads) and angular/shift errors against the truth,",
            "on particles simulated from a PDB (SNR 0.1, ±60° wedge) aligned to the true maps; K = 4 uses chain subsets ABC, AB, BC, AC."})
    static final class Align implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--boxes", split = ",", defaultValue = "32,64", description = "Box sizes (64: 2.5 Å/px; others 160/box Å/px) (default: ${DEFAULT-VALUE}).")
        int[] boxes;

        @Option(names = "--pdb", paramLabel = "FILE", description = "PDB with chains A, B, C (default: data/pdb/1LCD.pdb of the repository that holds jspt.jar).")
        Path pdb;

        @Option(names = "--particles", defaultValue = "20", description = "Particles per case (default: ${DEFAULT-VALUE}).")
        int particles;

        @Option(names = "--refs", split = ",", defaultValue = "1,4", description = "Reference counts K (default: ${DEFAULT-VALUE}).")
        int[] refs;

        @Option(names = "--aligners", split = ";", defaultValue = "rotate_translate_3d_tree;rotate_translate_3d_tree:newton=1",
                description = "Aligner specs separated by ';', e.g. 'rotate_translate_3d_tree;rotate_translate_3d:delta=12:dphi=12' (default: ${DEFAULT-VALUE}).")
        List<String> aligners;

        @Option(names = "--local", defaultValue = "8", description = "Also a local tree row starting this many degrees off the truth; 0 = none (default: ${DEFAULT-VALUE}).")
        double local;

        @Option(names = "--threads", description = "Threads for the parallel figure (default: all cores).")
        Integer threads;

        // Not a picocli negatable option: its negative form takes the default value, so with a default of true
        // --no-weighted kept the rows it was meant to drop.
        @Option(names = "--weighted", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
                description = "Also a tree row with each particle's ±60° wedge given as its Fourier weight (docs/weights.md) (default: true).")
        boolean weighted = true;

        @Option(names = "--no-weighted", description = "No such row (--weighted=false).")
        void noWeighted(boolean on) {
            if (on) weighted = false;
        }

        @Option(names = "--repeats", defaultValue = "3", description = "Runs; the median of each figure is reported (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--seed", defaultValue = "1234", description = "Simulation seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
        Path json;

        @Override
        public Integer call() throws Exception {
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            if (n < 1 || repeats < 1 || particles < 1) throw new IllegalArgumentException("--threads, --repeats and --particles must be >= 1");
            Path p = pdb != null ? pdb : defaultPdb();
            if (!java.nio.file.Files.exists(p)) throw new IllegalArgumentException("--pdb " + p + ": no such file");
            for (String a : aligners) org.jspt.align.Alignments.aligner(a, null, null); // unknown names fail now, not after minutes
            AlignBenchmark.Config c = new AlignBenchmark.Config(boxes, p.toString(), particles, n, refs, aligners, seed, local, weighted);
            List<List<AlignBenchmark.Row>> runs = new ArrayList<>();
            for (int r = 0; r < repeats; r++) runs.add(new AlignBenchmark().run(c));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("align benchmark: %s, %d particles per case, %d cores, median of %d runs; 'prep' = reference preparation, once per iteration%n",
                    p.getFileName(), particles, Runtime.getRuntime().availableProcessors(), repeats);
            out.printf("%-40s %4s %2s %9s %9s %10s %7s %6s %7s %6s %6s %6s %5s %5s%n", "aligner", "box", "K", "s/pair@1", "cpu s/pr", "pairs/s@" + n,
                    "speedup", "prep s", "prep MB", "med°", "p90°", "shift", "class", "K÷own");
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < runs.get(0).size(); i++) {
                AlignBenchmark.Row r0 = runs.get(0).get(i);
                double one = median(runs, i, AlignBenchmark.Row::pairsPerSecond1), all = median(runs, i, AlignBenchmark.Row::pairsPerSecondAll);
                double cpu = median(runs, i, AlignBenchmark.Row::cpuSecondsPerPair1);
                double prep = median(runs, i, AlignBenchmark.Row::prepSeconds), med = median(runs, i, AlignBenchmark.Row::medianAngle);
                double p90 = median(runs, i, AlignBenchmark.Row::p90Angle), sh = median(runs, i, AlignBenchmark.Row::medianShift);
                double cls = median(runs, i, AlignBenchmark.Row::classAccuracy), own = median(runs, i, AlignBenchmark.Row::costVsOwn);
                out.printf(java.util.Locale.ROOT, "%-40s %4d %2d %9.3f %9.3f %10.2f %7.2f %6.2f %7.0f %6.2f %6.2f %6.3f %5s %5s%n", r0.aligner(), r0.box(),
                        r0.references(), 1 / one, cpu, all, all / one, prep, r0.prepBytes() / 1e6, med, p90, sh,
                        Double.isNaN(cls) ? "-" : String.format(java.util.Locale.ROOT, "%.2f", cls),
                        Double.isNaN(own) ? "-" : String.format(java.util.Locale.ROOT, "%.2f", own));
                out.flush();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("aligner", r0.aligner());
                row.put("box", r0.box());
                row.put("references", r0.references());
                row.put("particles", r0.particles());
                row.put("threads", n);
                row.put("seconds_per_pair_1thread", 1 / one);
                row.put("cpu_seconds_per_pair_1thread", cpu);
                row.put("pairs_per_second_all_threads", all);
                row.put("prep_seconds", prep);
                row.put("prep_megabytes", r0.prepBytes() / 1e6);
                row.put("median_angle_deg", med);
                row.put("p90_angle_deg", p90);
                row.put("median_shift_px", sh);
                row.put("class_accuracy", Double.isNaN(cls) ? null : cls);
                row.put("cpu_per_particle_vs_own_reference", Double.isNaN(own) ? null : own);
                rows.add(row);
            }
            if (json != null) writeJson(json, "align", repeats, rows, out);
            return 0;
        }

        private static double median(List<List<AlignBenchmark.Row>> runs, int i, java.util.function.ToDoubleFunction<AlignBenchmark.Row> f) {
            double[] v = runs.stream().mapToDouble(r -> f.applyAsDouble(r.get(i))).sorted().toArray();
            return v[v.length / 2];
        }

        /** data/pdb/1LCD.pdb of the repository that holds the running jar (or of the working directory). */
        static Path defaultPdb() {
            try {
                Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                for (Path d = jar.getParent(); d != null; d = d.getParent()) {
                    Path cand = d.resolve("data/pdb/1LCD.pdb");
                    if (java.nio.file.Files.exists(cand)) return cand;
                }
            } catch (Exception ignored) {
                // fall through to the working directory
            }
            return Path.of("data/pdb/1LCD.pdb");
        }
    }
}
