package org.jspt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspt.image.Volume;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.ImageStack;
import org.jspt.run.IterationsFile;
import org.jspt.run.RunFileNames;
import org.jspt.util.Statistics;

/**
 * The library part of {@code jspt bench scale}: how refinemulti's memory and speed scale, measured on whole
 * runs of the CLI in child JVMs (so the figures are those a user gets).
 *
 * <p><b>Memory</b>: one stack of 3 phantom classes (tripod, dumbbell, ring) is simulated, big enough for the
 * largest N, then {@code refinemulti --iter 1 --ref <the 3 truth maps> --subset N} runs for every N with a
 * fixed heap limit; its peak RSS should not grow with N (memory is O(K references + threads × buffers)).
 * With {@code --align None} and several iterations ({@code --bookkeeping}: 10,000 and 100,000 particles of 32³)
 * the runs time the bookkeeping and run-folder I/O alone, which must stay linear in N per iteration.
 * <b>Throughput</b>: a small sample is simulated and refinemulti (default aligner, one iteration) runs on
 * 1, 2, … threads, several times; particles per second come from the iteration's own time
 * ({@code iterations.json}, so JVM start and reading the references are left out) and are reported per core.
 *
 * <p>Everything is written under a fresh folder in {@link Config#dir()}, deleted at the end unless
 * {@link Config#keep()}. Prints nothing: progress goes to the given consumer.
 */
public final class ScaleBenchmark {
    /** The classes simulated (the built-in phantoms). */
    public static final List<String> PHANTOMS = List.of("tripod", "dumbbell", "ring");

    /**
     * @param sizes         particle counts N of the memory runs (empty: no memory runs)
     * @param box           box of the memory runs' particles
     * @param memoryAligner {@code --align} of the memory runs
     * @param memoryThreads {@code --parallel thread:N} of the memory runs (and the simulations)
     * @param memoryIterations {@code --iter} of the memory runs (several show whether a run folder's files cost
     *                      more with every iteration)
     * @param heap          the child JVMs' {@code -Xmx} (e.g. {@code 1g})
     * @param sample        particles of the throughput runs (0: none)
     * @param sampleBox     their box
     * @param threads       thread counts of the throughput runs
     * @param repeats       runs per thread count; the median is reported
     * @param dir           where the working folder is made
     * @param keep          keep the working folder (particles, runs, logs)
     * @param memoryData    a folder of an earlier {@code jspt simulate} (particles.hdf, truth_maps.hdf) the memory
     *                      runs read instead of simulating (null: simulate; 100,000 particles take a while)
     */
    public record Config(int[] sizes, int box, String memoryAligner, int memoryThreads, int memoryIterations, String heap, int sample, int sampleBox,
                         int[] threads, int repeats, Path dir, boolean keep, long seed, Path memoryData) {
        public Config(int[] sizes, int box, String memoryAligner, int memoryThreads, int memoryIterations, String heap, int sample, int sampleBox,
                      int[] threads, int repeats, Path dir, boolean keep, long seed) {
            this(sizes, box, memoryAligner, memoryThreads, memoryIterations, heap, sample, sampleBox, threads, repeats, dir, keep, seed, null);
        }
    }

    /** A simulation child run. */
    public record SimulationRow(int particles, int box, double seconds, long peakRssKb) {}

    /**
     * A memory run.
     * @param seconds          wall time of the child JVM
     * @param iterationSeconds the median of the iterations' own times (iterations.json)
     * @param peakRssKb        child VmHWM, kB
     * @param maxHeapAfterGcKb largest heap after a GC, kB (-1: no GC)
     * @param loadBefore, loadAfter 1-minute load average of the machine at start and end
     */
    public record MemoryRow(int particles, int threads, double seconds, double iterationSeconds, long peakRssKb,
                            long maxHeapAfterGcKb, int gcCount, double loadBefore, double loadAfter) {}

    /**
     * Throughput at one thread count.
     * @param particlesPerSecond median over the repeats of particles / iteration seconds
     * @param medianLoad         median 1-minute load average at the start of the repeats
     * @param iterationSeconds   every repeat's iteration time
     */
    public record ThroughputRow(int threads, int particles, int box, double particlesPerSecond, double medianLoad, double[] iterationSeconds) {
        public double perCore() { return particlesPerSecond / threads; }
    }

    public record Result(Path dir, List<SimulationRow> simulations, List<MemoryRow> memory, List<ThroughputRow> throughput) {}

    public Result run(Config c, Consumer<String> progress) throws IOException, InterruptedException {
        Files.createDirectories(c.dir());
        Path work = Files.createTempDirectory(c.dir().toAbsolutePath(), "jspt-scale-");
        progress.accept("working folder " + work + (c.keep() ? " (kept)" : " (deleted at the end)"));
        try {
            List<SimulationRow> sims = new ArrayList<>();
            List<MemoryRow> memory = new ArrayList<>();
            List<ThroughputRow> throughput = new ArrayList<>();
            int[] sizes = c.sizes().clone();
            Arrays.sort(sizes);
            if (sizes.length > 0) {
                Path data = c.memoryData() != null ? c.memoryData() : work.resolve("memory");
                if (c.memoryData() == null) sims.add(simulate(c, work, data, sizes[sizes.length - 1], c.box(), progress));
                else progress.accept("reading the particles of " + data + " (no simulation)");
                List<String> refs = writeReferences(data, work.resolve("memory_refs"));
                for (int n : sizes) {
                    progress.accept("refinemulti on " + n + " particles (" + c.memoryAligner() + ", -Xmx" + c.heap() + ")");
                    double load0 = ChildJvm.load1();
                    String stem = "mem_" + n;
                    ChildJvm.Measurement m = ChildJvm.run(work, stem, c.heap(), refine(data, refs, n, c.memoryThreads(), c.memoryIterations(), stem,
                            List.of("--align", c.memoryAligner())));
                    memory.add(new MemoryRow(n, c.memoryThreads(), m.seconds(), iterationSeconds(work, stem), m.peakRssKb(),
                            m.maxHeapAfterGcKb(), m.gcCount(), load0, ChildJvm.load1()));
                }
            }
            if (c.sample() > 0) {
                Path data = work.resolve("sample");
                sims.add(simulate(c, work, data, c.sample(), c.sampleBox(), progress));
                List<String> refs = writeReferences(data, data);
                double[][] secs = new double[c.threads().length][c.repeats()], loads = new double[c.threads().length][c.repeats()];
                for (int r = 0; r < c.repeats(); r++) {
                    for (int t = 0; t < c.threads().length; t++) { // thread counts interleaved, so a load burst hits all of them
                        int th = c.threads()[t];
                        progress.accept("throughput: " + c.sample() + " particles, " + th + " thread(s), run " + (r + 1) + "/" + c.repeats());
                        String stem = "tp_" + th + "_" + r;
                        loads[t][r] = ChildJvm.load1();
                        ChildJvm.run(work, stem, c.heap(), refine(data, refs, c.sample(), th, 1, stem, List.of()));
                        secs[t][r] = iterationSeconds(work, stem);
                    }
                }
                for (int t = 0; t < c.threads().length; t++) {
                    double[] rates = Arrays.stream(secs[t]).map(s -> c.sample() / s).toArray();
                    throughput.add(new ThroughputRow(c.threads()[t], c.sample(), c.sampleBox(), Statistics.median(rates), Statistics.median(loads[t]), secs[t]));
                }
            }
            return new Result(work, sims, memory, throughput);
        } finally {
            if (!c.keep()) deleteTree(work);
        }
    }

    private static SimulationRow simulate(Config c, Path work, Path out, int n, int box, Consumer<String> progress)
            throws IOException, InterruptedException {
        int perClass = (n + PHANTOMS.size() - 1) / PHANTOMS.size();
        progress.accept("simulating " + perClass * PHANTOMS.size() + " particles of " + box + "³ into " + out);
        List<String> args = new ArrayList<>(List.of("simulate"));
        for (String p : PHANTOMS) args.addAll(List.of("--phantom", p));
        args.addAll(List.of("--per-class", String.valueOf(perClass), "--box", String.valueOf(box), "--seed", String.valueOf(c.seed()),
                "--threads", String.valueOf(c.memoryThreads()), "--out", out.toString()));
        ChildJvm.Measurement m = ChildJvm.run(work, "simulate_" + out.getFileName(), c.heap(), args);
        return new SimulationRow(perClass * PHANTOMS.size(), box, m.seconds(), m.peakRssKb());
    }

    /**
     * Checks, before any run, that {@link Config#memoryData()} holds a simulation with at least the largest N
     * particles of the memory runs' box. @throws IllegalArgumentException naming what is missing
     */
    public static void checkMemoryData(Path data, int largest, int box) throws IOException {
        for (String f : List.of("particles.hdf", "truth_maps.hdf")) {
            if (!Files.isRegularFile(data.resolve(f))) throw new IllegalArgumentException(data + " has no " + f + " (a folder 'jspt simulate --out' wrote)");
        }
        try (ImageStack s = EmanHdf.open(data.resolve("particles.hdf"))) {
            int nx = s.readHeader(0).getInt("nx", 0);
            if (s.size() < largest || nx != box) {
                throw new IllegalArgumentException(data.resolve("particles.hdf") + " holds " + s.size() + " particles of " + nx + "³; the memory runs need "
                        + largest + " of " + box + "³");
            }
        }
    }

    /** The truth maps as one file each in {@code out} (refinemulti's --ref takes image 0 of each file). */
    private static List<String> writeReferences(Path data, Path out) throws IOException {
        Files.createDirectories(out);
        List<String> files = new ArrayList<>();
        try (ImageStack s = EmanHdf.open(data.resolve("truth_maps.hdf"))) {
            for (int i = 0; i < s.size(); i++) {
                Path f = out.resolve("ref" + i + ".hdf");
                Volume v = s.read(i);
                EmanHdf.write(f, List.of(v));
                files.add(f.toString());
            }
        }
        return files;
    }

    private static List<String> refine(Path data, List<String> refs, int n, int threads, int iterations, String stem, List<String> extra) {
        List<String> a = new ArrayList<>(List.of("refinemulti", "--input", data.resolve("particles.hdf").toString(),
                "--ref", String.join(",", refs), "--iter", String.valueOf(iterations), "--subset", String.valueOf(n), "--parallel", "thread:" + threads,
                "--path", stem));
        a.addAll(extra);
        return a;
    }

    /**
     * The median of the iterations' seconds in {@code <stem>_01/iterations.json}, without the converged iteration: it
     * makes no averages and writes fewer files, so it is not a whole iteration's work.
     */
    private static double iterationSeconds(Path work, String stem) throws IOException {
        return Statistics.median(iterationTimes(work.resolve(stem + "_01"), false));
    }

    /** Each iteration's own time (seconds) from a run folder's iterations.json, in file order, the converged one included. */
    static double[] iterationTimes(Path runFolder) throws IOException { return iterationTimes(runFolder, true); }

    static double[] iterationTimes(Path runFolder, boolean withConverged) throws IOException {
        return IterationsFile.read(runFolder.resolve(RunFileNames.ITERATIONS)).stream().filter(e -> withConverged || !e.converged())
                .mapToDouble(IterationsFile.Entry::seconds).toArray();
    }


    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
