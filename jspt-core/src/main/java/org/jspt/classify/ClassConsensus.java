package org.jspt.classify;

import java.util.ArrayList;
import java.util.List;
import org.jspt.util.Hungarian;

/**
 * The consensus of several classifications of the same particles, jspt {@code --restarts}
 * ({@code docs/reference/refinemulti.md} §16.5). Class labels are arbitrary in each run, so every run's classes are
 * first matched one-to-one to the reference labelling by the Hungarian algorithm on the class-overlap matrix (the
 * matching that keeps the most particles in corresponding classes); each particle's consensus class is then the
 * label most runs give it, and its stability the fraction of runs that give it that label. Pure and deterministic.
 *
 * @param classOf the consensus class of every particle, in the first run's labels
 * @param stability per particle: the fraction of runs whose matched class is the consensus class, in [1/runs, 1]
 * @param agreeing per particle: the number of runs that agree with the consensus
 * @param matched per run: each particle's class after the run's labels were matched to the consensus
 * @param classes per consensus class: how reproducible it is
 */
public record ClassConsensus(int[] classOf, double[] stability, int[] agreeing, List<int[]> matched, List<ClassReproducibility> classes) {
    /**
     * How one consensus class was reproduced.
     * @param members particles in the consensus class
     * @param meanStability mean stability of its members (NaN for an empty class)
     * @param stableMembers members that every run put in this class
     * @param jaccard per run: |consensus class ∩ the run's matched class| / |union| (1 for identical classes; NaN when both are empty)
     */
    public record ClassReproducibility(int k, int members, double meanStability, int stableMembers, double[] jaccard) {
        /** The lowest Jaccard index over the runs (NaN when there is none). */
        public double minJaccard() {
            double m = Double.NaN;
            for (double j : jaccard) if (!Double.isNaN(j)) m = Double.isNaN(m) ? j : Math.min(m, j);
            return m;
        }

        /** The mean Jaccard index over the runs (NaN when there is none). */
        public double meanJaccard() {
            double s = 0;
            int c = 0;
            for (double j : jaccard) if (!Double.isNaN(j)) { s += j; c++; }
            return c == 0 ? Double.NaN : s / c;
        }
    }

    /**
     * The consensus of {@code runs} (each: a class in [0, k) for every particle). The runs are matched to the first
     * run, a majority vote gives a first consensus; then every run is matched again to that consensus and voted again,
     * so the labelling no longer depends on the first run alone. Ties of the vote go to the first run's label when it
     * is among the most voted, else to the lowest label.
     */
    public static ClassConsensus of(List<int[]> runs, int k) {
        if (runs.isEmpty()) throw new IllegalArgumentException("no classifications");
        int n = runs.get(0).length;
        for (int[] r : runs) {
            if (r.length != n) throw new IllegalArgumentException("classifications of " + n + " and " + r.length + " particles");
            for (int c : r) if (c < 0 || c >= k) throw new IllegalArgumentException("class " + c + " is outside [0, " + k + ")");
        }
        int[] consensus = vote(matchAll(runs, runs.get(0), k), runs.get(0), k);
        List<int[]> matched = matchAll(runs, consensus, k);
        consensus = vote(matched, runs.get(0), k);
        int[] agree = new int[n];
        double[] stability = new double[n];
        for (int p = 0; p < n; p++) {
            for (int[] m : matched) if (m[p] == consensus[p]) agree[p]++;
            stability[p] = (double) agree[p] / runs.size();
        }
        List<ClassReproducibility> classes = new ArrayList<>();
        for (int c = 0; c < k; c++) classes.add(reproducibility(c, consensus, matched, stability, agree, runs.size()));
        return new ClassConsensus(consensus, stability, agree, matched, classes);
    }

    /**
     * The relabelling of {@code other}'s classes that best agrees with {@code reference}: Hungarian assignment on the
     * overlap matrix, maximising the particles in corresponding classes. @return map[otherClass] = reference class
     */
    public static int[] match(int[] reference, int[] other, int k) {
        double[][] cost = new double[k][k];
        for (int p = 0; p < reference.length; p++) cost[other[p]][reference[p]] -= 1;
        int[] map = Hungarian.minimise(cost);
        for (int c = 0; c < k; c++) if (map[c] < 0) throw new IllegalStateException("class " + c + " was not matched");
        return map;
    }

    private static List<int[]> matchAll(List<int[]> runs, int[] reference, int k) {
        List<int[]> out = new ArrayList<>();
        for (int[] r : runs) {
            int[] map = match(reference, r, k), m = new int[r.length];
            for (int p = 0; p < r.length; p++) m[p] = map[r[p]];
            out.add(m);
        }
        return out;
    }

    private static int[] vote(List<int[]> matched, int[] first, int k) {
        int n = first.length;
        int[] out = new int[n], count = new int[k];
        for (int p = 0; p < n; p++) {
            java.util.Arrays.fill(count, 0);
            for (int[] m : matched) count[m[p]]++;
            int best = matched.get(0)[p];
            for (int c = 0; c < k; c++) if (count[c] > count[best]) best = c;
            out[p] = best;
        }
        return out;
    }

    private static ClassReproducibility reproducibility(int c, int[] consensus, List<int[]> matched, double[] stability, int[] agree, int runs) {
        int members = 0, stable = 0;
        double sum = 0;
        for (int p = 0; p < consensus.length; p++) {
            if (consensus[p] != c) continue;
            members++;
            sum += stability[p];
            if (agree[p] == runs) stable++;
        }
        double[] jaccard = new double[matched.size()];
        for (int r = 0; r < matched.size(); r++) {
            int inter = 0, union = 0;
            for (int p = 0; p < consensus.length; p++) {
                boolean a = consensus[p] == c, b = matched.get(r)[p] == c;
                if (a && b) inter++;
                if (a || b) union++;
            }
            jaccard[r] = union == 0 ? Double.NaN : (double) inter / union;
        }
        return new ClassReproducibility(c, members, members == 0 ? Double.NaN : sum / members, stable, jaccard);
    }
}
