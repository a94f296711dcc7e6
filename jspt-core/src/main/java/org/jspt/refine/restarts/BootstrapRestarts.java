package org.jspt.refine.restarts;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.jspt.align.AlignResult;
import org.jspt.classify.ClassConsensus;
import org.jspt.image.Volume;
import org.jspt.refine.ClassAverager;
import org.jspt.refine.ParticleAligner;
import org.jspt.run.Assignment;

/**
 * jspt {@code --restarts N} ({@code docs/reference/refinemulti.md} §16.5): run 1's last classification repeated N − 1
 * times against references averaged from bootstrap resamples of its classes, and the consensus of the N.
 *
 * <p>Restart r draws for every particle a count from a Poisson distribution of mean 1 (a generator seeded by
 * {@code --seed} and r), averages run 1's classes at run 1's poses with those counts as weights (so about 37 % of the
 * particles are absent from their class's average and others count twice or more), and aligns and classifies every
 * particle against those averages as an iteration of run 1 does: the same aligner, search, masks and score. An
 * assignment that only the particular members of run 1's averages (the particle's own noise among them) support
 * changes in some restarts; one that any plausible average supports stays. Every restart's class c is averaged from
 * run 1's class c, so its labels are run 1's; the consensus still matches them (ClassConsensus) as it would any runs.
 *
 * <p>Beside the consensus, each particle's mean margin: over the N runs, the best score among the other classes
 * minus the score of its consensus class (lower scores are better, so positive when a run put it there, negative
 * when it did not), a continuous certainty that orders particles of equal stability.
 */
public final class BootstrapRestarts {
    /** One pass over the stack: every particle aligned and scored against the active references, results[p][c] (checkpointed by the caller). */
    public interface StackAlignment {
        AlignResult[][] align(List<Volume> refs, boolean[] active, int restart) throws IOException;
    }

    /**
     * @param consensus the consensus of the N runs, in run 1's class indices
     * @param meanMargin per particle, the mean over the runs of its consensus class's margin (see the class comment)
     */
    public record Outcome(ClassConsensus consensus, double[] meanMargin) {}

    private final ClassAverager averager;
    private final StackAlignment alignment;
    private final long seed;
    private final String input;
    private final PrintWriter log;

    public BootstrapRestarts(ClassAverager averager, StackAlignment alignment, long seed, String input, PrintWriter log) {
        this.averager = averager;
        this.alignment = alignment;
        this.seed = seed;
        this.input = input;
        this.log = log;
    }

    /**
     * @param last run 1's last alignment and classification (every particle scored against every active class)
     * @param active the classes of that alignment
     * @param runs N ≥ 2
     */
    public Outcome classify(Assignment last, boolean[] active, int runs) throws IOException {
        int n = last.particles(), k = active.length;
        int[] act = IntStream.range(0, k).filter(c -> active[c]).toArray();
        List<int[]> classes = new ArrayList<>();
        List<float[][]> scores = new ArrayList<>(); // per run: [particle][position among the active classes]
        classes.add(compact(last.classOf(), k, act));
        scores.add(scores(last.results(), act));
        for (int r = 2; r <= runs; r++) {
            List<ClassAverager.ClassResult> cls = averager.average(last, k, input, null, counts(n, ParticleAligner.mix(seed, -2 - r, k)));
            List<Volume> refs = new ArrayList<>();
            boolean[] aligned = active.clone();
            int kept = 0;
            for (int c = 0; c < k; c++) {
                refs.add(cls.get(c).average());
                // A class the resample emptied (a class of very few members) is left out of this restart.
                if (cls.get(c).average() == null) aligned[c] = false;
                else if (aligned[c]) kept++;
            }
            if (kept < 2) throw new IllegalStateException("restart " + r + ": fewer than two classes kept a member in the resample");
            AlignResult[][] results = alignment.align(refs, aligned, r);
            int[] classOf = Assignment.classify(results, aligned).classOf();
            int same = 0;
            for (int p = 0; p < n; p++) if (classOf[p] == last.classOf()[p]) same++;
            log.printf("restart %d: %.1f%% of the particles in their class of run 1%n", r, 100.0 * same / n);
            log.flush();
            classes.add(compact(classOf, k, act));
            scores.add(scores(results, act));
        }
        ClassConsensus c = ClassConsensus.of(classes, act.length);
        return new Outcome(expand(c, act, k), meanMargins(c.classOf(), classes, scores, act.length));
    }

    /** Each particle's count in a bootstrap resample: Poisson of mean 1, drawn in particle order from {@code seed}. */
    static double[] counts(int n, long seed) {
        Random rnd = new Random(seed);
        double[] m = new double[n];
        double limit = Math.exp(-1);
        for (int p = 0; p < n; p++) {
            int count = 0;
            for (double prod = rnd.nextDouble(); prod > limit; prod *= rnd.nextDouble()) count++; // Knuth's product of uniforms
            m[p] = count;
        }
        return m;
    }

    /**
     * Per particle, the mean over the runs of (the lowest score among the classes other than its consensus class − the
     * score of its consensus class), each run's classes taken through that run's matching to the consensus. A class a
     * run did not score (left out of that restart) does not count as another class; a consensus class it did not score
     * gives that run's margin as the negative of the particle's own margin there.
     */
    static double[] meanMargins(int[] consensus, List<int[]> classes, List<float[][]> scores, int m) {
        int n = consensus.length;
        double[] sum = new double[n];
        for (int r = 0; r < classes.size(); r++) {
            int[] map = ClassConsensus.match(consensus, classes.get(r), m); // run label → consensus label
            int[] back = new int[m];
            for (int c = 0; c < m; c++) back[map[c]] = c;
            float[][] s = scores.get(r);
            for (int p = 0; p < n; p++) {
                int own = back[consensus[p]];
                double ownScore = s[p][own], other = Double.POSITIVE_INFINITY;
                for (int c = 0; c < m; c++) if (c != own && !Float.isNaN(s[p][c])) other = Math.min(other, s[p][c]);
                if (Float.isNaN(s[p][own])) {
                    // Not scored there: the run's best class against its runner-up, negated.
                    double best = Double.POSITIVE_INFINITY, second = Double.POSITIVE_INFINITY;
                    for (float v : s[p]) {
                        if (Float.isNaN(v)) continue;
                        if (v < best) { second = best; best = v; } else if (v < second) second = v;
                    }
                    sum[p] += best - second;
                } else {
                    sum[p] += Double.isInfinite(other) ? 0 : other - ownScore;
                }
            }
        }
        for (int p = 0; p < n; p++) sum[p] /= classes.size();
        return sum;
    }

    /** The scores of the active classes, in their order (NaN where a class was not aligned to). */
    private static float[][] scores(AlignResult[][] results, int[] act) {
        float[][] s = new float[results.length][act.length];
        for (int p = 0; p < results.length; p++) {
            for (int i = 0; i < act.length; i++) {
                AlignResult r = results[p][act[i]];
                s[p][i] = r == null ? Float.NaN : (float) r.score();
            }
        }
        return s;
    }

    /** Class indices → positions among the active classes (so that matching never pairs a class with an inactive one). */
    static int[] compact(int[] classOf, int k, int[] act) {
        int[] pos = new int[k];
        Arrays.fill(pos, -1);
        for (int i = 0; i < act.length; i++) pos[act[i]] = i;
        int[] out = new int[classOf.length];
        for (int p = 0; p < out.length; p++) out[p] = pos[classOf[p]];
        return out;
    }

    /** The consensus in class indices again (reproducibility rows of inactive classes: empty). */
    static ClassConsensus expand(ClassConsensus c, int[] act, int k) {
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
}
