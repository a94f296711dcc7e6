package org.jspt.refine.restarts;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jspt.align.AlignResult;
import org.jspt.average.CtfWeightedAverager;
import org.jspt.classify.ClassConsensus;
import org.jspt.exec.ParticleExecutor;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.refine.ClassAverager;
import org.jspt.refine.PairAligner;
import org.jspt.refine.ParticleAligner;
import org.jspt.refine.ParticleSource;
import org.jspt.refine.RefineConfig;
import org.jspt.refine.mask.FocusedScorer;
import org.jspt.run.Assignment;

/**
 * jspt {@code --restarts N} ({@code docs/reference/refinemulti.md} §16.5): classifies the stack N−1 more times from
 * different starts, at the poses run 1 found, and returns the consensus of all N classifications.
 *
 * <p>What is shared and what is not. Run 1 is the whole refinement. Its last alignment gives every particle a pose
 * against every class's reference; the references are brought into one frame ({@link #frames}: every pair aligned,
 * joined by their best links), and each particle keeps one pose in that frame: the one of its run-1 class. Restarts
 * 2…N do no alignment search: each starts from run 1's classes with half of the particles moved to random classes
 * (the different start; {@link #perturbed}), averages the classes at those poses as plain means in two halves (even
 * and odd particle index), and reclassifies every particle by the least-squares score of
 * {@link FocusedScorer#leaveOneOutScores} (inside {@code --focusmask}, else the whole box): |S|² from the product of
 * the halves, ⟨P, S⟩ from the class average without the particle. It iterates until the classes no longer change or
 * {@link #MAX_ITERATIONS}. The restarts run in step: each particle is read, transformed and its measured region found
 * once per iteration and scored against every restart's classes.
 */
public final class RestartClassifier {
    /** Iterations of one restart at most; it stops earlier when two consecutive classifications are the same. */
    static final int MAX_ITERATIONS = 12;
    /**
     * The fraction of particles a restart's start moves to a random class. Random partitions (every particle moved)
     * collapsed at SNR 0.03: the K averages of random halves are alike, and the class that happens to gain members
     * gains the rest (measured: restarts agreeing 34–40 % with run 1, one class with 141 of 160 particles).
     */
    static final double PERTURBED = 0.5;
    /**
     * The restarts' least-squares score weights each Fourier coefficient by |k|² (refinemulti.md §16.5.1). Measured with
     * split references on three held-out 4-class sets (docs/heterogeneity.md): unweighted, the restarts settled on
     * classifications that put 12–24 % of the particles elsewhere than run 1 did, mostly wrongly; with |k|² the
     * stability AUC rose from 0.85, 0.70 and 0.94 to 0.86, 0.83 and 0.99. On the set it was chosen on, |k|⁻² and |k|⁻¹
     * (the tree aligner's emphasis on the coarse detail) made the consensus worse (45 % and 66 % against 82 %), |k|¹ and
     * |k|² better (85 %, 92.5 %), |k|⁴ worse again (73 %).
     */
    static final double FREQUENCY_POWER = 2;

    private final RefineConfig cfg;
    private final ParticleSource particles;
    private final ParticleExecutor executor;
    private final PairAligner pairs;
    private final PrintWriter log;

    public RestartClassifier(RefineConfig cfg, ParticleSource particles, ParticleExecutor executor, PairAligner pairs, PrintWriter log) {
        this.cfg = cfg;
        this.particles = particles;
        this.executor = executor;
        this.pairs = pairs;
        this.log = log;
    }

    /**
     * The consensus of run 1 and {@code cfg.restarts().restarts() − 1} restarts.
     * @param refs the references run 1's last alignment was made against, by class (null or inactive: not used)
     * @param active the classes aligned to in that alignment
     * @param results that alignment: results[p][c], particle p against class c
     * @param first run 1's classes
     * @return the consensus, in run 1's class indices
     */
    public ClassConsensus classify(List<Volume> refs, boolean[] active, AlignResult[][] results, int[] first) {
        int n = results.length, k = active.length, runs = cfg.restarts().restarts();
        int[] act = indices(active);
        AlignResult[][] shared = sharedPoses(refs, act, results, first, k);
        ClassAverager averager = new ClassAverager(particles, particles.hasWeights()
                ? cfg.averaging().withAverager(CtfWeightedAverager.FACTORY).forRestarts(true) : cfg.averaging().forRestarts(false), executor);
        FocusedScorer scorer = new FocusedScorer(cfg.alignment().focusMask() != null ? cfg.alignment().focusMask() : ones(particles.box()),
                FREQUENCY_POWER);

        int restarts = runs - 1;
        List<int[]> classOf = new ArrayList<>();
        List<List<Volume[]>> restartRefs = new ArrayList<>(); // [restart][class] = {even half, odd half}
        for (int r = 0; r < restarts; r++) {
            int[] start = perturbed(first, act, PERTURBED, ParticleAligner.mix(cfg.seed(), -2 - r, k)); // keyed by (--seed, restart)
            classOf.add(start);
            restartRefs.add(halfAverages(averager, shared, start, k, null));
        }
        boolean[] done = new boolean[restarts];
        int[] iterationsRun = new int[restarts];
        for (int it = 0; it < MAX_ITERATIONS && !allTrue(done); it++) {
            List<Integer> running = new ArrayList<>();
            for (int r = 0; r < restarts; r++) if (!done[r]) running.add(r);
            List<List<Volume[]>> sets = running.stream().map(restartRefs::get).toList();
            List<int[][]> counts = running.stream().map(r -> halfCounts(classOf.get(r), k)).toList();
            List<int[]> current = running.stream().map(classOf::get).toList();
            List<AlignResult[][]> rows = executor.map(n, p -> {
                int[] own = new int[current.size()];
                for (int i = 0; i < own.length; i++) own[i] = current.get(i)[p];
                return scorer.leaveOneOutScores(particles.read(p), particles.weight(p), own, sets, counts, shared[p]);
            });
            for (int i = 0; i < running.size(); i++) {
                int r = running.get(i);
                AlignResult[][] scored = new AlignResult[n][];
                for (int p = 0; p < n; p++) scored[p] = rows.get(p)[i];
                Assignment asg = Assignment.classify(scored, active);
                iterationsRun[r] = it + 1;
                if (Arrays.equals(asg.classOf(), classOf.get(r))) {
                    done[r] = true;
                    continue;
                }
                classOf.set(r, asg.classOf());
                restartRefs.set(r, halfAverages(averager, scored, asg.classOf(), k, restartRefs.get(r)));
            }
        }
        List<int[]> compact = new ArrayList<>();
        compact.add(compact(first, k, act));
        for (int r = 0; r < restarts; r++) {
            compact.add(compact(classOf.get(r), k, act));
            log.printf("restart %d: %s after %d iterations; %.1f%% of the particles in the class of run 1 (after matching)%n", r + 2,
                    done[r] ? "converged" : "stopped", iterationsRun[r], 100 * agreement(compact.get(0), compact.get(r + 1), act.length));
        }
        return expand(ClassConsensus.of(compact, act.length), act, k);
    }

    /**
     * Every particle's pose in one frame, the first active reference's: each reference c gets a transform T_c onto that
     * frame, and the pose of particle p is T_c · xform(p, c) for its run-1 class c. The scores are not used.
     * @return rows by class (the same pose for every active class), null for inactive classes
     */
    private AlignResult[][] sharedPoses(List<Volume> refs, int[] act, AlignResult[][] results, int[] first, int k) {
        Transform[] toShared = frames(refs, act, k);
        AlignResult[][] shared = new AlignResult[results.length][k];
        for (int p = 0; p < results.length; p++) {
            int c = first[p];
            AlignResult pose = new AlignResult(toShared[c].compose(results[p][c].xform()), 0, results[p][c].coverage());
            for (int a : act) shared[p][a] = pose;
        }
        return shared;
    }

    /**
     * T_c for every active reference: every pair is aligned once (K(K−1)/2 pair alignments), and the references are
     * joined into a tree from the first one, each next reference by its best-scoring link to one already placed (Prim's
     * algorithm), composing the transforms along it. A complex with and without a subunit is thus brought onto its
     * sibling directly; aligning every reference onto the first alone would place two siblings each by its own
     * alignment to an unrelated structure, in frames that need not agree.
     */
    private Transform[] frames(List<Volume> refs, int[] act, int k) {
        int m = act.length;
        Transform[][] onto = new Transform[m][m]; // onto[i][j]: reference act[i] onto act[j]
        double[][] score = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                AlignResult r = pairs.align(refs.get(act[i]), refs.get(act[j]));
                onto[i][j] = r.xform();
                onto[j][i] = r.xform().inverse();
                score[i][j] = score[j][i] = r.score();
            }
        }
        Transform[] t = new Transform[k];
        boolean[] placed = new boolean[m];
        placed[0] = true;
        t[act[0]] = Transform.identity();
        for (int added = 1; added < m; added++) {
            int bi = -1, bj = -1;
            for (int i = 0; i < m; i++) {
                if (placed[i]) continue;
                for (int j = 0; j < m; j++) if (placed[j] && (bi < 0 || score[i][j] < score[bi][bj])) { bi = i; bj = j; }
            }
            t[act[bi]] = t[act[bj]].compose(onto[bi][bj]);
            placed[bi] = true;
            log.printf("restarts: reference %d placed through reference %d (score %.4f)%n", act[bi], act[bj], score[bi][bj]);
        }
        return t;
    }

    /**
     * The two half averages (even, odd particle index) of every class of a classification at the shared poses. A
     * half with no particle takes the other half; a class left empty keeps {@code previous}'s halves (zeros at the start).
     * @return per class {even, odd}
     */
    private List<Volume[]> halfAverages(ClassAverager averager, AlignResult[][] rows, int[] classOf, int k, List<Volume[]> previous) {
        List<Volume[]> halves = averager.halves(new Assignment(rows, classOf), k);
        List<Volume[]> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            Volume[] h = halves.get(c);
            if (h[0] == null && h[1] == null) {
                Volume zero = Volume.cube(particles.box()).setApix(particles.apix());
                out.add(previous != null ? previous.get(c) : new Volume[] {zero, zero});
            } else {
                out.add(new Volume[] {h[0] != null ? h[0] : h[1], h[1] != null ? h[1] : h[0]});
            }
        }
        return out;
    }

    /** Members of every class in the even and odd half: [class] = {n_e, n_o}. */
    private static int[][] halfCounts(int[] classOf, int k) {
        int[][] c = new int[k][2];
        for (int p = 0; p < classOf.length; p++) c[classOf[p]][p % 2]++;
        return c;
    }

    /**
     * A restart's start: run 1's classes with each particle, with probability {@code fraction}, moved to an active class
     * drawn uniformly (possibly its own), from a generator seeded by {@code seed}.
     */
    static int[] perturbed(int[] first, int[] act, double fraction, long seed) {
        Random rnd = new Random(seed);
        int[] cls = first.clone();
        for (int p = 0; p < cls.length; p++) {
            boolean move = rnd.nextDouble() < fraction;
            int to = act[rnd.nextInt(act.length)]; // drawn for every particle, so particle p's draw does not depend on the others' outcome
            if (move) cls[p] = to;
        }
        return cls;
    }

    private static double agreement(int[] a, int[] b, int k) {
        int[] map = ClassConsensus.match(a, b, k);
        int same = 0;
        for (int p = 0; p < a.length; p++) if (map[b[p]] == a[p]) same++;
        return (double) same / a.length;
    }

    /** Class indices → positions among the active classes (so that matching never pairs a class with an inactive one). */
    private static int[] compact(int[] classOf, int k, int[] act) {
        int[] pos = new int[k];
        Arrays.fill(pos, -1);
        for (int i = 0; i < act.length; i++) pos[act[i]] = i;
        int[] out = new int[classOf.length];
        for (int p = 0; p < out.length; p++) out[p] = pos[classOf[p]];
        return out;
    }

    /** The consensus in class indices again (reproducibility rows of inactive classes: empty). */
    private static ClassConsensus expand(ClassConsensus c, int[] act, int k) {
        int[] classOf = c.classOf().clone();
        for (int p = 0; p < classOf.length; p++) classOf[p] = act[classOf[p]];
        List<int[]> matched = new ArrayList<>();
        for (int[] m : c.matched()) {
            int[] e = m.clone();
            for (int p = 0; p < e.length; p++) e[p] = act[e[p]];
            matched.add(e);
        }
        List<ClassConsensus.ClassReproducibility> rows = new ArrayList<>();
        for (int cl = 0; cl < k; cl++) {
            double[] nan = new double[c.matched().size()];
            Arrays.fill(nan, Double.NaN);
            rows.add(new ClassConsensus.ClassReproducibility(cl, 0, Double.NaN, 0, nan));
        }
        for (int i = 0; i < act.length; i++) {
            ClassConsensus.ClassReproducibility r = c.classes().get(i);
            rows.set(act[i], new ClassConsensus.ClassReproducibility(act[i], r.members(), r.meanStability(), r.stableMembers(), r.jaccard()));
        }
        return new ClassConsensus(classOf, c.stability(), c.agreeing(), matched, rows);
    }

    private static int[] indices(boolean[] active) {
        return java.util.stream.IntStream.range(0, active.length).filter(c -> active[c]).toArray();
    }

    private static boolean allTrue(boolean[] b) {
        for (boolean x : b) if (!x) return false;
        return true;
    }

    private static Volume ones(int box) {
        Volume v = Volume.cube(box);
        Arrays.fill(v.data, 1f);
        return v;
    }
}
