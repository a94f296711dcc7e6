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
     * @param bimodality gain / (sum of squares along the component): about 2/π ≈ 0.64 for one Gaussian blob,
     *                   towards 1 for two separated groups
     */
    public record Split(int[] side, double gain, double explained, double bimodality) {
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
        double[][] raw = gram(features);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        double[][] g = centred(raw, all, all);
        double trace = 0;
        for (int i = 0; i < n; i++) trace += g[i][i];
        double[] v = firstEigenvector(g);
        double lambda = rayleigh(g, v);
        if (!(lambda > 0)) return null;
        // Coordinate along the component in feature units: x_i = (G v)_i / sqrt(λ) = sqrt(λ)·v_i.
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Math.sqrt(lambda) * v[i];
        Split s = twoMeans(x, minSize, trace > 0 ? lambda / trace : 0);
        return new Split(s.side(), s.gain(), s.explained(), s.gain() / lambda);
    }

    /**
     * How well a class's members support splitting it: the {@link #halfAgreement} of its standardised features
     * ({@link #standardised}), near 1 when every halving of the members shows the same difference, small for
     * noise. A second Gram matrix as large as the split's, so callers compute it for the split they make only.
     */
    public static double support(float[][] features) {
        return halfAgreement(gram(standardised(features)));
    }

    /**
     * Each coefficient divided by its standard deviation over the members (0 where it does not vary). The
     * residuals' noise is far from white (most of it at the lowest frequencies and where many particles
     * measured), so the top components of two noise-only halves both point along the noisiest coefficients
     * and agree by chance; standardised, noise has no preferred direction while a difference the members share
     * still has one.
     */
    static float[][] standardised(float[][] f) {
        int n = f.length, d = f[0].length;
        float[][] out = new float[n][d];
        for (int k = 0; k < d; k++) {
            double sum = 0, sq = 0;
            for (float[] row : f) sum += row[k];
            double mean = sum / n;
            for (float[] row : f) sq += (row[k] - mean) * (row[k] - mean);
            double sd = Math.sqrt(sq / n);
            for (int i = 0; i < n; i++) out[i][k] = sd > 0 ? (float) (f[i][k] / sd) : 0f;
        }
        return out;
    }

    private static double[][] gram(float[][] f) {
        int n = f.length;
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = dot(f[i], f[j]);
                g[i][j] = s;
                g[j][i] = s;
            }
        }
        return g;
    }

    /** (f_a − μ_A)·(f_b − μ_B) for a in rows, b in cols, from the uncentred Gram matrix (μ: the mean of each index set). */
    private static double[][] centred(double[][] g, int[] rows, int[] cols) {
        double[] rowMean = new double[cols.length]; // μ_A · f_b
        double[] colMean = new double[rows.length]; // f_a · μ_B
        double both = 0;
        for (int j = 0; j < cols.length; j++) {
            double s = 0;
            for (int a : rows) s += g[a][cols[j]];
            rowMean[j] = s / rows.length;
        }
        for (int i = 0; i < rows.length; i++) {
            double s = 0;
            for (int b : cols) s += g[rows[i]][b];
            colMean[i] = s / cols.length;
            both += s;
        }
        both /= (double) rows.length * cols.length;
        double[][] c = new double[rows.length][cols.length];
        for (int i = 0; i < rows.length; i++)
            for (int j = 0; j < cols.length; j++) c[i][j] = g[rows[i]][cols[j]] - rowMean[j] - colMean[i] + both;
        return c;
    }

    /** Random halvings, besides even/odd, whose agreements are averaged (fewer members → a noisier single agreement). */
    static final int HALVINGS = 8;

    /**
     * The mean over {@link #HALVINGS} halvings of the members (even/odd, then seeded random ones) of the |cos|
     * between the first principal directions of the two halves, each found on its own half:
     * w_h = Σ u_h,i (f_i − μ_h) with u_h the top eigenvector of half h's centred Gram matrix, so
     * cos = u_a·C_ab·u_b / sqrt(λ_a·λ_b) with C_ab the halves' cross Gram matrix.
     */
    static double halfAgreement(double[][] raw) {
        int n = raw.length;
        if (n < 4) return 0;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Random random = new java.util.Random(n);
        double sum = 0;
        for (int h = 0; h < HALVINGS; h++) {
            if (h > 0) {
                for (int i = n - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1), t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            int[] a = new int[(n + 1) / 2], b = new int[n / 2];
            for (int i = 0; i < n; i++) {
                if (i % 2 == 0) a[i / 2] = order[i];
                else b[i / 2] = order[i];
            }
            sum += agreement(raw, a, b);
        }
        return sum / HALVINGS;
    }

    private static double agreement(double[][] raw, int[] a, int[] b) {
        double[][] ga = centred(raw, a, a), gb = centred(raw, b, b), gab = centred(raw, a, b);
        double[] ua = firstEigenvector(ga), ub = firstEigenvector(gb);
        double la = rayleigh(ga, ua), lb = rayleigh(gb, ub);
        if (!(la > 0) || !(lb > 0)) return 0;
        double s = 0;
        for (int i = 0; i < ua.length; i++) {
            double r = 0;
            for (int j = 0; j < ub.length; j++) r += gab[i][j] * ub[j];
            s += ua[i] * r;
        }
        return Math.abs(s) / Math.sqrt(la * lb);
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
        return new Split(side, bestGain, explained, Double.NaN);
    }
}
