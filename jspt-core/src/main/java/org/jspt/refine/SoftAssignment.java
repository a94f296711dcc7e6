package org.jspt.refine;

import java.util.Arrays;
import org.jspt.align.AlignResult;
import org.jspt.run.Assignment;
import org.jspt.util.Statistics;

/**
 * Annealed (soft) class membership for the averages of early iterations, jspt {@code --anneal}
 * ({@code docs/reference/refinemulti.md} §16.3). With hard classes a reference that starts with a few
 * members is averaged from a few noisy particles, correlates worse with everyone, and loses the rest: small
 * classes starve. Here every particle also contributes to the other classes it nearly fits, with weight
 * exp(−(s_c − s_best) / (T·g)): s are the aligner's scores (lower is better), g is the iteration's median
 * gap between each particle's best and second-best score (so T is unit-free), and T falls linearly from
 * T₀ at the first iteration over the first half of the iterations; the second half is hard, as today. Classification itself (the written classes, convergence) stays hard throughout.
 */
public final class SoftAssignment {
    /** Contributions below this weight are left out: they would cost a rotation and change nothing visible. */
    static final double MIN_WEIGHT = 0.02;

    private SoftAssignment() { }

    /**
     * T for iteration {@code it} of {@code iterations} (0-based): T₀·(1 − it/h) for the first h = ⌊iterations/2⌋
     * iterations, then 0: the second half is hard, so the classes settle under today's rule before the run ends.
     */
    public static double temperature(double t0, int it, int iterations) {
        int soft = iterations / 2;
        if (t0 <= 0 || it >= soft) return 0;
        return t0 * (1 - (double) it / soft);
    }

    /**
     * Each particle's weight in each class (k classes), or null when {@code temperature} is 0 (hard). The
     * particle's own class has weight 1; inactive classes and classes without a result 0.
     */
    public static double[][] weights(Assignment asg, boolean[] active, int k, double temperature) {
        if (!(temperature > 0)) return null;
        int n = asg.particles();
        double g = medianGap(asg, active);
        if (!(g > 0)) return null; // one active class, or every particle tied: nothing to soften
        double[][] w = new double[n][k];
        for (int p = 0; p < n; p++) {
            AlignResult[] row = asg.results()[p];
            double best = row[asg.classOf()[p]].score();
            for (int c = 0; c < k; c++) {
                if (c >= row.length || !active[c] || row[c] == null) continue;
                double x = c == asg.classOf()[p] ? 1 : Math.exp(-(row[c].score() - best) / (temperature * g));
                w[p][c] = x >= MIN_WEIGHT ? x : 0;
            }
        }
        return w;
    }

    /** Median over particles of (second-best − best) score among the active classes. */
    static double medianGap(Assignment asg, boolean[] active) {
        int n = asg.particles();
        double[] gaps = new double[n];
        int m = 0;
        for (int p = 0; p < n; p++) {
            AlignResult[] row = asg.results()[p];
            double best = row[asg.classOf()[p]].score(), second = Double.POSITIVE_INFINITY;
            for (int c = 0; c < row.length; c++) {
                if (c == asg.classOf()[p] || !active[c] || row[c] == null) continue;
                second = Math.min(second, row[c].score());
            }
            if (second < Double.POSITIVE_INFINITY) gaps[m++] = second - best;
        }
        return m == 0 ? 0 : Statistics.median(Arrays.copyOf(gaps, m));
    }
}
