package org.jspt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspt.bench.ScaleBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jspt bench scale}: refinemulti's peak memory against the particle count, and its throughput per core. */
@Command(name = "scale", sortOptions = false, description = {
        "refinemulti at scale, each run in a child JVM with a fixed heap (-Xmx):",
        "memory: 3 phantom classes simulated (streamed to disk), then one iteration with --ref <truth maps> on N particles",
        "  (--subset N of one stack); peak RSS = the child's VmHWM, and the largest heap left after a GC;",
        "throughput: the default aligner on a small sample, particles/s (from the iteration's own time) per core.",
        "Timings depend on the machine's load: the 1-minute load average is printed with each figure."})
final class ScaleBenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--sizes", split = ",", defaultValue = "2000,10000", description = "Particle counts of the memory runs; 0 = no memory runs (default: ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--box", defaultValue = "48", description = "Box of the memory runs (default: ${DEFAULT-VALUE}).")
    int box;

    @Option(names = "--align", defaultValue = "rotate_translate_3d_tree:maxang=10",
            description = "Aligner of the memory runs: cheap but real (default: ${DEFAULT-VALUE}, a local tree search about the identity).")
    String align;

    @Option(names = "--memory-iter", defaultValue = "1", description = "Iterations of the memory runs; 'iter s' is their median (default: ${DEFAULT-VALUE}).")
    int memoryIter;

    @Option(names = "--bookkeeping", description = "The 100,000-particle case: memory runs of 10,000 and 100,000 particles of 32³ with --align None, "
            + "3 iterations, no throughput runs (the bookkeeping and run-folder I/O alone; seconds per iteration and peak RSS). "
            + "Overrides --sizes, --box, --align, --memory-iter and --sample; --data reuses an earlier simulation of 100,000 particles.")
    boolean bookkeeping;

    @Option(names = "--heap", defaultValue = "1g", description = "-Xmx of every child JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--memory-threads", description = "Threads of the memory runs and simulations (default: all cores).")
    Integer memoryThreads;

    @Option(names = "--sample", defaultValue = "200", description = "Particles of the throughput runs; 0 = none (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--sample-box", defaultValue = "48", description = "Box of the throughput runs (default: ${DEFAULT-VALUE}).")
    int sampleBox;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "Thread counts of the throughput runs (default: ${DEFAULT-VALUE}).")
    int[] threads;

    @Option(names = "--repeats", defaultValue = "3", description = "Throughput runs per thread count; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Mixin BenchWorkFolder work;

    @Option(names = "--data", paramLabel = "DIR", description = "The memory runs read the particles of an earlier 'jspt simulate --out DIR' "
            + "(3 phantom classes, e.g. --phantom tripod --phantom dumbbell --phantom ring) instead of simulating them; "
            + "it must hold the largest N particles of --box.")
    Path data;

    @Option(names = "--seed", defaultValue = "7", description = "Simulation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (bookkeeping) {
            sizes = new int[] {10_000, 100_000};
            box = 32;
            align = "None";
            memoryIter = 3;
            sample = 0;
        }
        if (memoryIter < 1) throw new IllegalArgumentException("--memory-iter must be >= 1, got " + memoryIter);
        List<Integer> sz = new ArrayList<>();
        for (int n : sizes) {
            if (n < 0) throw new IllegalArgumentException("--sizes must be >= 0, got " + n);
            if (n > 0) sz.add(n);
        }
        int mt = memoryThreads != null ? memoryThreads : Runtime.getRuntime().availableProcessors();
        if (box < 8 || sampleBox < 8) throw new IllegalArgumentException("--box and --sample-box must be >= 8");
        if (mt < 1 || repeats < 1 || sample < 0) throw new IllegalArgumentException("--memory-threads and --repeats must be >= 1, --sample >= 0");
        for (int t : threads) if (t < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + t);
        org.jspt.align.Alignments.aligner(align, null, null); // an unknown aligner fails now, not after the simulation
        // The child runs work in their own folder, so a relative --data must be made absolute here.
        if (data != null) data = data.toAbsolutePath();
        if (data != null && !sz.isEmpty()) ScaleBenchmark.checkMemoryData(data, sz.stream().mapToInt(Integer::intValue).max().getAsInt(), box);
        PrintWriter out = spec.commandLine().getOut();
        ScaleBenchmark.Config c = new ScaleBenchmark.Config(sz.stream().mapToInt(Integer::intValue).toArray(), box, align, mt, memoryIter, heap,
                sample, sampleBox, threads, repeats, work.where(), work.keep, seed, data);
        ScaleBenchmark.Result r = new ScaleBenchmark().run(c, line -> {
            out.println("  " + line);
            out.flush();
        });
        print(out, c, r);
        if (json != null) BenchCommand.writeJson(json, "scale", repeats, rows(c, r), out);
        return 0;
    }

    private static void print(PrintWriter out, ScaleBenchmark.Config c, ScaleBenchmark.Result r) {
        out.printf(Locale.ROOT, "scale benchmark: %s, %d cores, child JVMs -Xmx%s; 'load' = 1-minute load average%n",
                String.join("/", ScaleBenchmark.PHANTOMS), Runtime.getRuntime().availableProcessors(), c.heap());
        out.printf("%-10s %8s %5s %8s %12s%n", "simulate", "N", "box", "wall s", "peak RSS MB");
        for (ScaleBenchmark.SimulationRow s : r.simulations())
            out.printf(Locale.ROOT, "%-10s %8d %5d %8.1f %12.0f%n", "", s.particles(), s.box(), s.seconds(), s.peakRssKb() / 1024.0);
        if (!r.memory().isEmpty()) {
            out.printf("memory: refinemulti --iter %d --ref <3 truth maps> --align %s --parallel thread:%d, box %d%n", c.memoryIterations(), c.memoryAligner(), c.memoryThreads(), c.box());
            out.printf("%8s %8s %8s %12s %16s %5s %11s%n", "N", "wall s", "iter s", "peak RSS MB", "max heap@GC MB", "GCs", "load");
            for (ScaleBenchmark.MemoryRow m : r.memory())
                out.printf(Locale.ROOT, "%8d %8.1f %8.1f %12.0f %16.0f %5d %5.2f→%-5.2f%n", m.particles(), m.seconds(), m.iterationSeconds(),
                        m.peakRssKb() / 1024.0, m.maxHeapAfterGcKb() / 1024.0, m.gcCount(), m.loadBefore(), m.loadAfter());
        }
        if (!r.throughput().isEmpty()) {
            ScaleBenchmark.ThroughputRow t0 = r.throughput().get(0);
            out.printf("throughput: refinemulti --iter 1 --ref <3 truth maps>, default aligner, %d particles of %d³, median of %d runs%n",
                    t0.particles(), t0.box(), c.repeats());
            out.printf("%8s %12s %18s %11s  %s%n", "threads", "particles/s", "particles/s/core", "load", "iteration s (each run)");
            for (ScaleBenchmark.ThroughputRow t : r.throughput()) {
                StringBuilder each = new StringBuilder();
                for (double s : t.iterationSeconds()) each.append(String.format(Locale.ROOT, " %.1f", s));
                out.printf(Locale.ROOT, "%8d %12.2f %18.2f %11.2f  %s%n", t.threads(), t.particlesPerSecond(), t.perCore(), t.medianLoad(), each.toString().trim());
            }
        }
        out.flush();
    }

    private static List<Map<String, Object>> rows(ScaleBenchmark.Config c, ScaleBenchmark.Result r) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ScaleBenchmark.SimulationRow s : r.simulations()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "simulate");
            m.put("particles", s.particles());
            m.put("box", s.box());
            m.put("seconds", s.seconds());
            m.put("peak_rss_kb", s.peakRssKb());
            rows.add(m);
        }
        for (ScaleBenchmark.MemoryRow x : r.memory()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "memory");
            m.put("particles", x.particles());
            m.put("box", c.box());
            m.put("align", c.memoryAligner());
            m.put("threads", x.threads());
            m.put("heap", c.heap());
            m.put("seconds", x.seconds());
            m.put("iterations", c.memoryIterations());
            m.put("iteration_seconds", x.iterationSeconds());
            m.put("peak_rss_kb", x.peakRssKb());
            m.put("max_heap_after_gc_kb", x.maxHeapAfterGcKb());
            m.put("gc_count", x.gcCount());
            m.put("load_before", x.loadBefore());
            m.put("load_after", x.loadAfter());
            rows.add(m);
        }
        for (ScaleBenchmark.ThroughputRow t : r.throughput()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "throughput");
            m.put("threads", t.threads());
            m.put("particles", t.particles());
            m.put("box", t.box());
            m.put("particles_per_second", t.particlesPerSecond());
            m.put("particles_per_second_per_core", t.perCore());
            m.put("median_load", t.medianLoad());
            m.put("iteration_seconds", t.iterationSeconds());
            rows.add(m);
        }
        return rows;
    }
}
