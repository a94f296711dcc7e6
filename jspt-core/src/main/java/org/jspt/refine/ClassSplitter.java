package org.jspt.refine;

import java.util.Arrays;

/**
 * Splits one class in two along the first principal component of its members' residual features
 * ({@link SplitFeatures}; {@code docs/reference/refinemulti.md} §16.4). Members that share the class average
 * but differ in content (a subunit present or absent) leave residuals of opposite sign where they differ;
 * that difference is the direction of largest variance once it is bigger than the noise's share along any
 * one direction. The split is the cut along that direction that leaves the smallest within-group sum of
 * squares (1-D two-means, exact by trying every cut of the sorted projections), with each side at least
 * {@code minSize} members, so that one outlier cannot be a class but a rare state can.
 *
 * <p>Work: the n × n Gram matrix of the features (n·(n+1)/2 dot products) and a power iteration on it; the
 * caller bounds n.
 */
public final class ClassSplitter {
    private ClassSplitter() {}

    /**
     * The split of a class.
     * @param side side[i] is 0 or 1 for member i (side 1 is the smaller group)
     * @param gain the drop of the within-class sum of squares of the features (between-group sum of squares along the component)
     * @param explained the component's share of the total variance (its eigenvalue / trace)
     */
    public record Split(int[] side, double gain, double explained) {
        public int count(int s) {
            int c = 0;
            for (int x : side) if (x == s) c++;
            return c;
        }
    }

    private static final int MAX_POWER_ITERATIONS = 300;

    /** @return the best split, or null if fewer than 2·minSize members */
    public static Split split(float[][] features, int minSize) {
        int n = features.length;
        minSize = Math.max(1, minSize);
        if (n < 2 * minSize) return null;
        double[][] g = centredGram(features);
        double trace = 0;
        for (int i = 0; i < n; i++) trace += g[i][i];
        double[] v = firstEigenvector(g);
        double lambda = rayleigh(g, v);
        if (!(lambda > 0)) return null;
        // Coordinate along the component in feature units: x_i = (G v)_i / sqrt(λ) = sqrt(λ)·v_i.
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Math.sqrt(lambda) * v[i];
        return twoMeans(x, minSize, trace > 0 ? lambda / trace : 0);
    }

    /** Gram matrix of the features about their mean. */
    static double[][] centredGram(float[][] f) {
        int n = f.length;
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = dot(f[i], f[j]);
                g[i][j] = s;
                g[j][i] = s;
            }
        }
        double[] rowMean = new double[n];
        double all = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) s += g[i][j];
            rowMean[i] = s / n;
            all += s;
        }
        all /= (double) n * n;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) g[i][j] += all - rowMean[i] - rowMean[j];
        return g;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) s += (double) a[k] * b[k];
        return s;
    }

    /**
     * The unit eigenvector of the largest eigenvalue of a symmetric positive semi-definite matrix, by power
     * iteration from the row of largest norm (deterministic); its sign is fixed so that its largest entry is positive.
     */
    static double[] firstEigenvector(double[][] g) {
        int n = g.length;
        int start = 0;
        for (int i = 1; i < n; i++) if (g[i][i] > g[start][start]) start = i;
        double[] v = g[start].clone();
        if (norm(v) == 0) v[start] = 1;
        normalise(v);
        double[] w = new double[n];
        for (int it = 0; it < MAX_POWER_ITERATIONS; it++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) s += g[i][j] * v[j];
                w[i] = s;
            }
            if (norm(w) == 0) break;
            normalise(w);
            double change = 0;
            for (int i = 0; i < n; i++) change = Math.max(change, Math.abs(w[i] - v[i]));
            System.arraycopy(w, 0, v, 0, n);
            if (change < 1e-10) break;
        }
        int big = 0;
        for (int i = 1; i < n; i++) if (Math.abs(v[i]) > Math.abs(v[big])) big = i;
        if (v[big] < 0) for (int i = 0; i < n; i++) v[i] = -v[i];
        return v;
    }

    private static double rayleigh(double[][] g, double[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            double r = 0;
            for (int j = 0; j < v.length; j++) r += g[i][j] * v[j];
            s += v[i] * r;
        }
        return s;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }

    private static void normalise(double[] v) {
        double s = norm(v);
        for (int i = 0; i < v.length; i++) v[i] /= s;
    }

    /** The cut of the sorted coordinates that maximises the between-group sum of squares, both sides ≥ minSize. */
    static Split twoMeans(double[] x, int minSize, double explained) {
        int n = x.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> x[a] != x[b] ? Double.compare(x[a], x[b]) : Integer.compare(a, b));
        double total = 0;
        for (double xi : x) total += xi;
        double left = 0, bestGain = -1;
        int bestCut = -1;
        for (int c = 1; c < n; c++) { // left = order[0 .. c-1]
            left += x[order[c - 1]];
            if (c < minSize || n - c < minSize) continue;
            double ml = left / c, mr = (total - left) / (n - c);
            double gain = (double) c * (n - c) / n * (ml - mr) * (ml - mr);
            if (gain > bestGain) {
                bestGain = gain;
                bestCut = c;
            }
        }
        int[] side = new int[n];
        boolean leftSmaller = bestCut <= n - bestCut;
        for (int c = 0; c < n; c++) side[order[c]] = (c < bestCut) == leftSmaller ? 1 : 0;
        return new Split(side, bestGain, explained);
    }
}
