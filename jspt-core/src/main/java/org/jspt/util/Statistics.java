package org.jspt.util;

import java.util.Arrays;

/** Order statistics of plain arrays, shared by the refinement, the evaluation and the benchmarks. */
public final class Statistics {
    private Statistics() {}

    /** The median of a copy of {@code v} (mean of the two middle values for an even count); NaN for no values. */
    public static double median(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /**
     * The area under the ROC curve of {@code score} for telling {@code positive} cases from the others: the
     * probability that a random positive scores higher than a random negative, ties counting one half
     * (Mann–Whitney U / (positives · negatives)). 1: the score separates perfectly; 0.5: no better than chance.
     * @return NaN when there are no positives or no negatives
     */
    public static double auc(double[] score, boolean[] positive) {
        if (score.length != positive.length) throw new IllegalArgumentException(score.length + " scores for " + positive.length + " labels");
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        long pos = 0;
        double rankSum = 0; // sum of the positives' mid-ranks (1-based)
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && score[order[j]] == score[order[i]]) j++;
            double midRank = (i + 1 + j) / 2.0; // ranks i+1 … j share their mean
            for (int t = i; t < j; t++) if (positive[order[t]]) { pos++; rankSum += midRank; }
            i = j;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
