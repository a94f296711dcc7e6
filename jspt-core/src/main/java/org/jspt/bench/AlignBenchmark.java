package org.jspt.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspt.align.AlignRegistry;
import org.jspt.align.AlignResult;
import org.jspt.align.Aligner;
import org.jspt.align.Comparator;
import org.jspt.align.TreeAligner;
import org.jspt.align.tree.MultiReferenceAligner;
import org.jspt.align.tree.TreeOptions;
import org.jspt.ctf.FourierWeight;
import org.jspt.ctf.TiltRangeWedge;
import org.jspt.ctf.WeightConvention;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.proc.ProcessorSpec;
import org.jspt.sim.ClassSource;
import org.jspt.sim.ParticleTruth;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;

/**
 * The library part of {@code jspt bench align}: for each box, aligner and reference count K, the
 * particle–reference alignments per second on one thread and on all threads, and the angular and shift
 * errors against the truth on simulated particles (SNR 0.1, ±60° wedge) aligned to the true maps.
 *
 * <p>Data: K = 1 aligns particles of the whole model (e.g. {@code 1LCD.pdb:ABC}) to its true map; K = 4 uses
 * four classes made from chain subsets (ABC, AB, BC, AC) and aligns every particle to all four true maps,
 * scoring the solution for its own class (and counting how often its class scores best). For the tree
 * aligner, the K references are prepared once ({@link MultiReferenceAligner}); that time is reported
 * separately and is not in the rates, since a refinement pays it once per iteration for all particles.
 *
 * <p>Pure library: returns records, prints nothing. Not thread-safe (it runs its own pools).
 */
public final class AlignBenchmark {
    /**
     * @param boxes     box sizes; box 64 uses 2.5 Å/px, others 160/box Å/px (box 32: 5 Å/px)
     * @param pdb       a PDB file with chains A, B and C (the classes are chain subsets)
     * @param particles particles per (box, K) case
     * @param threads   "all threads" count
     * @param refCounts the K values (1 and/or 4)
     * @param aligners  aligner specs ({@code name:k=v}); those not registered are skipped
     * @param seed      simulation seed
     * @param localStart if &gt; 0, also a local-refinement row for the tree aligner: each particle starts
     *                   from its true transform turned by this many degrees (about a per-particle axis),
     *                   with {@code maxang} = localStart + 2
     * @param weighted  also a tree row with each particle's wedge given as its Fourier weight (the cost of weights)
     */
    public record Config(int[] boxes, String pdb, int particles, int threads, int[] refCounts, List<String> aligners, long seed,
                         double localStart, boolean weighted) {
        /** Without the weighted row. */
        public Config(int[] boxes, String pdb, int particles, int threads, int[] refCounts, List<String> aligners, long seed, double localStart) {
            this(boxes, pdb, particles, threads, refCounts, aligners, seed, localStart, false);
        }

        public static Config defaults(String pdb) {
            return new Config(new int[] {32, 64}, pdb, 20, Runtime.getRuntime().availableProcessors(), new int[] {1, 4},
                    List.of(TreeAligner.NAME, "rotate_translate_3d:delta=12:dphi=12", "rotate_translate_3d_grid:dalt=12:daz=12:dphi=12"), 1234, 8);
        }
    }

    /**
     * One line of the table.
     * @param pairsPerSecond1   particle–reference alignments per second, one thread
     * @param cpuSecondsPerPair1 CPU time of that thread per alignment (on a shared machine the fairer figure)
     * @param pairsPerSecondAll the same with {@code threads} threads
     * @param prepSeconds       reference preparation (once per iteration, all threads), 0 if none
     * @param prepBytes         memory held by the prepared references
     * @param medianAngle, p90Angle angular error in degrees (xform·pose vs identity)
     * @param medianShift       shift error in voxels
     * @param classAccuracy     fraction whose own class scored best (K &gt; 1), else NaN
     * @param costVsOwn         tree aligner, K &gt; 1: CPU time per particle against the K references ÷ that against its own
     *                          class's map alone (the same particles, one thread), else NaN; the K = 1 row's particles are
     *                          all of the whole model, which refine faster than the subsets' (the subsets cost about 1.45× at 64³)
     */
    public record Row(String aligner, int box, int references, int particles, int threads,
                      double pairsPerSecond1, double cpuSecondsPerPair1, double pairsPerSecondAll, double prepSeconds, long prepBytes,
                      double medianAngle, double p90Angle, double medianShift, double classAccuracy, double costVsOwn) {}

    private static final String[] CLASS_CHAINS = {"ABC", "AB", "BC", "AC"};

    public List<Row> run(Config c) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int box : c.boxes()) {
            for (int k : c.refCounts()) {
                if (k < 1 || k > CLASS_CHAINS.length) throw new IllegalArgumentException("K must be 1.." + CLASS_CHAINS.length + ", got " + k);
                Case data = simulate(c, box, k);
                for (String spec : c.aligners()) {
                    String name = spec.split(":", 2)[0];
                    if (!AlignRegistry.aligners().names().contains(name)) continue;
                    rows.add(measure(c, data, spec, 0, null));
                    if (c.weighted() && name.equals(TreeAligner.NAME)) {
                        // The cost of weights: the same particles with their ±60° wedge given as a Fourier weight
                        // (docs/weights.md) instead of detected from the data.
                        rows.add(measure(c, data, spec + " +weights", 0, TiltRangeWedge.weight(box, -60, 60, WeightConvention.CTF)));
                    }
                }
                if (c.localStart() > 0) {
                    rows.add(measure(c, data, TreeAligner.NAME + ":maxang=" + (c.localStart() + 2), c.localStart(), null));
                }
            }
        }
        return rows;
    }

    /** Simulated particles and true maps for one (box, K). */
    private record Case(int box, List<Volume> refs, List<Volume> particles, List<ParticleTruth> truth) {}

    private static Case simulate(Config c, int box, int k) throws IOException {
        double apix = box == 64 ? 2.5 : 160.0 / box;
        List<ClassSource> classes = new ArrayList<>();
        for (int i = 0; i < k; i++) classes.add(ClassSource.fromPdbSpec(c.pdb() + ":" + CLASS_CHAINS[i]));
        int perClass = (c.particles() + k - 1) / k;
        Simulator sim = new Simulator(classes, new SimulationParams(box, apix, 10, 0.1, 60, SimulationParams.DEFAULT_SHIFT, c.seed() + box, perClass));
        List<Volume> refs = new ArrayList<>();
        for (int i = 0; i < k; i++) refs.add(sim.truthMap(i));
        List<Volume> ps = new ArrayList<>();
        List<ParticleTruth> truth = new ArrayList<>();
        for (int i = 0; i < Math.min(c.particles(), sim.count()); i++) {
            ps.add(sim.particle(i));
            truth.add(sim.truth().get(i));
        }
        return new Case(box, refs, ps, truth);
    }

    /** Aligns particle {@code i} to all references; per reference the best solution. */
    private interface PairRunner {
        List<AlignResult> align(int i);
    }

    /** The tree aligner's options for particle {@code i}: its own, or a local search from {@link #localStart} if {@code localStart} &gt; 0. */
    private static TreeOptions options(TreeAligner tree, Case d, int i, double localStart) {
        TreeOptions o = tree.options();
        if (localStart <= 0) return o;
        return new TreeOptions(List.of(localStart(d.truth().get(i).pose(), i, localStart)), o.maxang(), false, false, null);
    }

    /** The particle's true xform.align3d (pose⁻¹) turned by {@code deg} about an axis fixed by {@code i}. */
    private static Transform localStart(Transform pose, int i, double deg) {
        double az = (i * 137.50776) % 360; // golden-angle spread of tilt axes
        return Transform.eman(az, deg, -az).compose(pose.inverse());
    }

    /** @param weight every particle's Fourier weight (tree aligner only; its row is named spec), or null */
    private Row measure(Config c, Case d, String spec, double localStart, FourierWeight weight) throws Exception {
        Aligner aligner = AlignRegistry.aligners().create(ProcessorSpec.parse(spec.replace(" +weights", "")).orElseThrow(), null);
        double prep = 0;
        long bytes = 0;
        PairRunner runner;
        if (aligner instanceof TreeAligner tree) {
            long t0 = System.nanoTime();
            MultiReferenceAligner m = polished(tree, tree.prepare(d.refs(), c.threads()), d.refs());
            prep = (System.nanoTime() - t0) * 1e-9;
            bytes = m.memoryBytes();
            runner = i -> {
                List<AlignResult> best = new ArrayList<>();
                for (List<AlignResult> r : m.align(d.particles().get(i), weight, 1, options(tree, d, i, localStart))) best.add(r.get(0));
                return best;
            };
        } else {
            Comparator cmp = AlignRegistry.comparators().names().contains("ccc.tomo.thresh")
                    ? AlignRegistry.comparators().create(ProcessorSpec.of("ccc.tomo.thresh"), null) : null;
            runner = i -> {
                List<AlignResult> best = new ArrayList<>();
                for (Volume r : d.refs()) best.add(aligner.alignBest(d.particles().get(i), r, cmp));
                return best;
            };
        }
        int n = d.particles().size(), k = d.refs().size();
        // Warm-up (JIT, FFT plans) on one particle, not timed.
        runner.align(0);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
        List<List<AlignResult>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) results.add(runner.align(i));
        double single = (System.nanoTime() - t0) * 1e-9, cpu = (mx.getCurrentThreadCpuTime() - c0) * 1e-9;
        double all = timeParallel(runner, n, c.threads());
        double vsOwn = Double.NaN;
        if (k > 1 && aligner instanceof TreeAligner tree) vsOwn = cpu / n / ownReferenceCpu(tree, d, weight, localStart);
        double[] ang = new double[n], sh = new double[n];
        int right = 0;
        for (int i = 0; i < n; i++) {
            ParticleTruth t = d.truth().get(i);
            List<AlignResult> r = results.get(i);
            Transform err = r.get(t.classIndex()).xform().compose(t.pose());
            ang[i] = Transform.angleBetween(err, Transform.identity());
            sh[i] = Math.sqrt(err.tx() * err.tx() + err.ty() * err.ty() + err.tz() * err.tz());
            int best = 0;
            for (int j = 1; j < k; j++) if (r.get(j).score() < r.get(best).score()) best = j;
            if (best == t.classIndex()) right++;
        }
        return new Row(spec, d.box(), k, n, c.threads(), n * k / single, cpu / (n * k), n * k / all, prep, bytes,
                percentile(ang, 50), percentile(ang, 90), percentile(sh, 50), k > 1 ? (double) right / n : Double.NaN, vsOwn);
    }

    /**
     * The true maps hold none of the particles, so the search polishes its winning poses against them as refinemulti
     * polishes against the other half's averages (refinemulti.md §7.1.5), unless the aligner's {@code polish} is off.
     */
    private static MultiReferenceAligner polished(TreeAligner tree, MultiReferenceAligner m, List<Volume> refs) {
        return tree.polishes() ? m.polishingAgainst(refs) : m;
    }

    /**
     * CPU seconds per particle, one thread, of aligning each particle of {@code d} to its own class's map alone (the
     * search the K-reference row is compared with: the same particles, one reference each). Preparation not timed.
     */
    private static double ownReferenceCpu(TreeAligner tree, Case d, FourierWeight weight, double localStart) {
        List<MultiReferenceAligner> own = new ArrayList<>();
        for (Volume r : d.refs()) own.add(polished(tree, tree.prepare(List.of(r), 1), List.of(r)));
        PairRunner runner = i -> own.get(d.truth().get(i).classIndex()).align(d.particles().get(i), weight, 1, options(tree, d, i, localStart)).get(0);
        runner.align(0);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        int n = d.particles().size();
        for (int i = 0; i < n; i++) runner.align(i);
        return (mx.getCurrentThreadCpuTime() - c0) * 1e-9 / n;
    }

    private static double timeParallel(PairRunner runner, int n, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            // Warm each worker (JIT is shared, FFT plans are per thread).
            List<Future<?>> warm = new ArrayList<>();
            for (int i = 0; i < threads; i++) warm.add(pool.submit(() -> runner.align(0)));
            for (Future<?> f : warm) f.get();
            long t0 = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int q = i;
                fs.add(pool.submit(() -> runner.align(q)));
            }
            for (Future<?> f : fs) f.get();
            return (System.nanoTime() - t0) * 1e-9;
        } finally {
            pool.shutdown();
        }
    }

    /** Nearest-rank percentile (p in 0..100) of a copy of {@code v}. */
    static double percentile(double[] v, double p) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }
}
