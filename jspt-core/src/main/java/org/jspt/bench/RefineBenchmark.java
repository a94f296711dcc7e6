package org.jspt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jspt.util.Statistics;

/**
 * The library part of {@code jspt bench refine}: the whole refinement from the data, timed and checked against the
 * truth on several simulated sets. One set per seed is simulated (not timed), {@code refinemulti} runs on it in a
 * child JVM as a user would start it (wall time from JVM start to exit, reference building included), and
 * {@code evaluate} scores the run. Runs of one set take different paths when anything changes (a seed, a bit of a
 * score), and their accuracy moves by a few percent, so a change in speed or accuracy is judged over several seeds,
 * not one.
 */
public final class RefineBenchmark {
    /**
     * What to run.
     * @param classes  one simulate class each: {@code --pdb} specs ({@code file.pdb[:chains]}) or, prefixed
     *                 {@code phantom:}, a phantom name
     * @param perClass particles per class
     * @param box      box of the particles
     * @param snr      the simulation's --snr
     * @param seeds    one simulated set per seed
     * @param repeats  refinemulti runs per set (the wall time reported is their median; accuracy is the first run's)
     * @param iterations refinemulti --iter
     * @param extra    more refinemulti arguments (e.g. --grouping=split)
     * @param heap     -Xmx of the child JVMs
     * @param dir      where the working folder is made
     * @param keep     keep the working folder
     */
    public record Config(List<String> classes, int perClass, int box, double snr, long[] seeds, int repeats, int iterations,
                         List<String> extra, String heap, Path dir, boolean keep) {}

    /**
     * One set's figures.
     * @param wallSeconds   every refinemulti run's wall time
     * @param cpuSeconds    every run's CPU time, user + system (-1 where /proc was not readable)
     * @param cores         the cores the runs had (each uses all of them)
     * @param iterationSeconds the first run's iterations' own times (iterations.json)
     * @param accuracy      fraction of particles in their true class (first run)
     * @param medianAngles  per true class, the median angular error in degrees (NaN where the class was not found)
     * @param labels        the true classes' labels, in the order of {@code medianAngles}
     */
    public record SetRow(long seed, double[] wallSeconds, double[] cpuSeconds, int cores, double[] iterationSeconds, double accuracy,
                         double[] medianAngles, String[] labels) {
        public double medianWall() { return Statistics.median(wallSeconds); }

        public double medianCpu() { return Statistics.median(cpuSeconds); }

        /**
         * The median over the runs of wall − CPU / cores: the wall time the cores were not all busy (start-up, reading,
         * a pass's tail, work on one thread). A busy or slower machine moves the wall and CPU times together, and this
         * much less, so it compares builds run at different times; NaN without CPU times.
         */
        public double medianIdle() {
            double[] idle = new double[wallSeconds.length];
            for (int r = 0; r < idle.length; r++) idle[r] = cpuSeconds[r] < 0 ? Double.NaN : wallSeconds[r] - cpuSeconds[r] / cores;
            return Statistics.median(idle);
        }

        /** Wall time outside the iterations: JVM start, reading, building references, final files. */
        public double otherSeconds() { return wallSeconds[0] - Arrays.stream(iterationSeconds).sum(); }
    }

    public record Result(Path dir, List<SetRow> sets) {
        public double medianWall() { return Statistics.median(sets.stream().mapToDouble(SetRow::medianWall).toArray()); }
        public double meanAccuracy() { return sets.stream().mapToDouble(SetRow::accuracy).average().orElse(Double.NaN); }
        public double minAccuracy() { return sets.stream().mapToDouble(SetRow::accuracy).min().orElse(Double.NaN); }
    }

    public Result run(Config c, Consumer<String> progress) throws IOException, InterruptedException {
        if (c.seeds().length == 0 || c.repeats() < 1 || c.classes().size() < 2) throw new IllegalArgumentException("need seeds, repeats >= 1 and >= 2 classes");
        Files.createDirectories(c.dir());
        Path work = Files.createTempDirectory(c.dir(), "jspt-refine-bench-");
        progress.accept("working folder " + work + (c.keep() ? " (kept)" : " (deleted at the end)"));
        try {
            List<SetRow> rows = new ArrayList<>();
            for (long seed : c.seeds()) rows.add(runSet(c, work, seed, progress));
            return new Result(work, rows);
        } finally {
            if (!c.keep()) ScaleBenchmark.deleteTree(work);
        }
    }

    private SetRow runSet(Config c, Path work, long seed, Consumer<String> progress) throws IOException, InterruptedException {
        String sim = "sim" + seed;
        progress.accept("seed " + seed + ": simulating " + c.perClass() + " particles of " + c.box() + "³ per class");
        ChildJvm.run(work, "simulate_" + seed, c.heap(), simulateArgs(c, seed, sim));
        double[] wall = new double[c.repeats()], cpu = new double[c.repeats()];
        String firstRun = null;
        for (int r = 0; r < c.repeats(); r++) {
            String path = "run" + seed + "_" + (r + 1);
            List<String> args = new ArrayList<>(List.of("refinemulti", "--input=" + sim + "/particles.hdf", "--nref=" + c.classes().size(),
                    "--iter=" + c.iterations(), "--path=" + path));
            args.addAll(c.extra());
            ChildJvm.Measurement m = ChildJvm.run(work, path, c.heap(), args);
            wall[r] = m.seconds();
            cpu[r] = m.cpuSeconds();
            progress.accept(String.format(java.util.Locale.ROOT, "seed %d: refinemulti run %d of %d: %.1f s", seed, r + 1, c.repeats(), wall[r]));
            if (r == 0) firstRun = path + "_01";
        }
        ChildJvm.run(work, "evaluate_" + seed, c.heap(), List.of("evaluate", "--truth", sim + "/truth.json", "--run", firstRun));
        JsonNode eval = new ObjectMapper().readTree(work.resolve(firstRun).resolve("evaluation.json").toFile());
        double[] its = ScaleBenchmark.iterationTimes(work.resolve(firstRun));
        int k = c.classes().size();
        double[] angles = new double[k];
        String[] labels = new String[k];
        Arrays.fill(angles, Double.NaN);
        for (int t = 0; t < k; t++) labels[t] = label(c.classes().get(t));
        for (JsonNode cls : eval.path("classes")) {
            int t = cls.path("true_class").asInt(-1);
            if (t >= 0 && t < k) {
                angles[t] = cls.path("median_angle_deg").asDouble(Double.NaN);
                labels[t] = cls.path("label").asText(labels[t]);
            }
        }
        return new SetRow(seed, wall, cpu, Runtime.getRuntime().availableProcessors(), its, eval.path("accuracy").asDouble(Double.NaN), angles, labels);
    }

    /** {@code simulate} arguments for one set. */
    static List<String> simulateArgs(Config c, long seed, String out) {
        List<String> args = new ArrayList<>(List.of("simulate"));
        for (String cls : c.classes()) {
            if (cls.startsWith("phantom:")) args.addAll(List.of("--phantom", cls.substring("phantom:".length())));
            else args.addAll(List.of("--pdb", cls));
        }
        args.addAll(List.of("--per-class", String.valueOf(c.perClass()), "--box", String.valueOf(c.box()), "--snr", String.valueOf(c.snr()),
                "--seed", String.valueOf(seed), "--out", out));
        return args;
    }

    private static String label(String cls) {
        String s = cls.startsWith("phantom:") ? cls.substring("phantom:".length()) : cls;
        return Path.of(s).getFileName().toString();
    }
}
