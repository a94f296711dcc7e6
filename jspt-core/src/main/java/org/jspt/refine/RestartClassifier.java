package org.jspt.refine;

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
import org.jspt.run.Assignment;

/**
 * jspt {@code --restarts N} ({@code docs/reference/refinemulti.md} §16.4): classifies the stack N−1 more times from
 * different starts, at the poses run 1 found, and returns the consensus of all N classifications.
 *
 * <p>What is shared and what is not. Run 1 is the whole refinement. Its last alignment gives every particle a pose
 * against every class's reference; the references are brought into one frame (each aligned onto the first active
 * one, K−1 pair alignments), and each particle keeps one pose in that frame: the one of its run-1 class. Restarts
 * 2…N do no alignment search: each starts from a seeded random partition of the particles into the K classes (the
 * different start), averages the classes at those poses in two halves (even and odd particle index), and
 * reclassifies every particle by its focused score ({@link FocusedScorer}, §16.2; the whole box when there is no
 * {@code --focusmask}) against the half averages it is not part of, iterating until its classes no longer change or
 * {@link #MAX_ITERATIONS}. (Against averages that include it, a particle's own noise holds it in its class: measured,
 * every restart then kept its random start partition.) The restarts run in step: each particle is read, transformed and its
 * measured region found once per iteration and scored against every restart's references.
 */
final class RestartClassifier {
    /** Iterations of one restart at most; it stops earlier when two consecutive classifications are the same. */
    static final int MAX_ITERATIONS = 12;

    private final RefineConfig cfg;
    private final ParticleSource particles;
    private final ParticleExecutor executor;
    private final PairAligner pairs;
    private final PrintWriter log;

    RestartClassifier(RefineConfig cfg, ParticleSource particles, ParticleExecutor executor, PairAligner pairs, PrintWriter log) {
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
    ClassConsensus classify(List<Volume> refs, boolean[] active, AlignResult[][] results, int[] first) {
        int n = results.length, k = active.length, runs = cfg.restarts().restarts();
        int[] act = indices(active);
        AlignResult[][] shared = sharedPoses(refs, act, results, first, k);
        ClassAverager averager = new ClassAverager(particles, particles.hasWeights()
                ? cfg.averaging().inSharedFrame().withAverager(CtfWeightedAverager.FACTORY) : cfg.averaging().inSharedFrame(), executor);
        FocusedScorer scorer = new FocusedScorer(cfg.alignment().focusMask() != null ? cfg.alignment().focusMask() : ones(particles.box()));

        int restarts = runs - 1;
        List<int[]> classOf = new ArrayList<>();
        List<List<List<Volume>>> restartRefs = new ArrayList<>(); // [restart][half][class]
        for (int r = 0; r < restarts; r++) {
            int[] start = randomPartition(n, act, ParticleAligner.mix(cfg.seed(), -2 - r, k));
            classOf.add(start);
            restartRefs.add(halfAverages(averager, shared, start, k, null));
        }
        boolean[] done = new boolean[restarts];
        int[] iterationsRun = new int[restarts];
        for (int it = 0; it < MAX_ITERATIONS && !allTrue(done); it++) {
            List<Integer> running = new ArrayList<>();
            for (int r = 0; r < restarts; r++) if (!done[r]) running.add(r);
            // A particle is compared with the half averages it is not part of (its own noise would pull it to its class).
            List<List<Volume>> againstEven = running.stream().map(r -> restartRefs.get(r).get(0)).toList();
            List<List<Volume>> againstOdd = running.stream().map(r -> restartRefs.get(r).get(1)).toList();
            List<AlignResult[][]> rows = executor.map(n, p -> scorer.rescoreSets(particles.read(p), particles.weight(p),
                    p % 2 == 0 ? againstOdd : againstEven, shared[p]));
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
     * Every particle's pose in the frame of the first active reference: the reference of its run-1 class c is aligned
     * onto that one (T_c), and the pose is T_c · xform(p, c). The scores are not used. @return rows by class, null for
     * inactive classes
     */
    private AlignResult[][] sharedPoses(List<Volume> refs, int[] act, AlignResult[][] results, int[] first, int k) {
        Transform[] toShared = new Transform[k];
        toShared[act[0]] = Transform.identity();
        for (int i = 1; i < act.length; i++) toShared[act[i]] = pairs.align(refs.get(act[i]), refs.get(act[0])).xform();
        AlignResult[][] shared = new AlignResult[results.length][k];
        for (int p = 0; p < results.length; p++) {
            int c = first[p];
            AlignResult pose = new AlignResult(toShared[c].compose(results[p][c].xform()), 0, results[p][c].coverage());
            for (int a : act) shared[p][a] = pose;
        }
        return shared;
    }

    /**
     * The two half averages (even, odd particle index) of every class of a classification at the shared poses. A
     * half with no particle takes the other half; a class left empty keeps {@code previous}'s references.
     * @return [half][class]
     */
    private List<List<Volume>> halfAverages(ClassAverager averager, AlignResult[][] rows, int[] classOf, int k, List<List<Volume>> previous) {
        List<Volume[]> halves = averager.halves(new Assignment(rows, classOf), k);
        List<List<Volume>> out = List.of(new ArrayList<>(), new ArrayList<>());
        for (int c = 0; c < k; c++) {
            Volume[] h = halves.get(c);
            for (int half = 0; half < 2; half++) {
                Volume v = h[half] != null ? h[half] : h[1 - half];
                if (v == null && previous != null) v = previous.get(half).get(c);
                if (v == null) v = Volume.cube(particles.box()).setApix(particles.apix()); // an empty start class (fewer particles than classes)
                out.get(half).add(v);
            }
        }
        return out;
    }

    /** A seeded random partition: the particles shuffled and dealt to the active classes in turn, so the classes are equal in size. */
    static int[] randomPartition(int n, int[] act, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Random rnd = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] cls = new int[n];
        for (int i = 0; i < n; i++) cls[order[i]] = act[i % act.length];
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
