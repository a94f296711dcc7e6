package org.jspt.align;

import java.util.function.ToDoubleFunction;

/**
 * A small Nelder–Mead simplex minimiser, in the manner of GSL's {@code nmsimplex} used by EMAN2's
 * {@code symalignquat}: initial simplex x0 and x0 + step_i·e_i; reflection 1, expansion 2, contraction ½,
 * shrink ½ toward the best vertex; stops when the simplex size (mean distance of the vertices from their
 * centroid) falls below {@code precision} or after {@code maxIter} iterations.
 *
 * <p>Deterministic; not thread-safe (one per minimisation); allocates its simplex once.
 */
final class NelderMead {
    /** The best point found, its value and the iterations used. */
    record Result(double[] x, double value, int iterations) {}

    private NelderMead() {}

    static Result minimise(ToDoubleFunction<double[]> f, double[] x0, double[] step, double precision, int maxIter) {
        int n = x0.length;
        double[][] v = new double[n + 1][];
        double[] fv = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            v[i] = x0.clone();
            if (i > 0) v[i][i - 1] += step[i - 1];
            fv[i] = f.applyAsDouble(v[i]);
        }
        double[] centroid = new double[n], xr = new double[n], xe = new double[n], xc = new double[n];
        int iter = 0;
        while (iter < maxIter && size(v, centroid) >= precision) {
            iter++;
            int hi = 0, lo = 0;
            for (int i = 1; i <= n; i++) {
                if (fv[i] > fv[hi]) hi = i;
                if (fv[i] < fv[lo]) lo = i;
            }
            int nh = lo;
            for (int i = 0; i <= n; i++) if (i != hi && fv[i] >= fv[nh]) nh = i;
            java.util.Arrays.fill(centroid, 0);
            for (int i = 0; i <= n; i++) if (i != hi) for (int j = 0; j < n; j++) centroid[j] += v[i][j] / n;
            for (int j = 0; j < n; j++) xr[j] = centroid[j] + (centroid[j] - v[hi][j]);
            double fr = f.applyAsDouble(xr);
            if (fr < fv[lo]) {
                for (int j = 0; j < n; j++) xe[j] = centroid[j] + 2 * (centroid[j] - v[hi][j]);
                double fe = f.applyAsDouble(xe);
                if (fe < fr) replace(v, fv, hi, xe, fe);
                else replace(v, fv, hi, xr, fr);
            } else if (fr < fv[nh]) {
                replace(v, fv, hi, xr, fr);
            } else {
                boolean outside = fr < fv[hi];
                double[] base = outside ? xr : v[hi];
                for (int j = 0; j < n; j++) xc[j] = centroid[j] + 0.5 * (base[j] - centroid[j]);
                double fc = f.applyAsDouble(xc);
                if (fc < Math.min(fr, fv[hi])) {
                    replace(v, fv, hi, xc, fc);
                } else {
                    for (int i = 0; i <= n; i++) {
                        if (i == lo) continue;
                        for (int j = 0; j < n; j++) v[i][j] = v[lo][j] + 0.5 * (v[i][j] - v[lo][j]);
                        fv[i] = f.applyAsDouble(v[i]);
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= n; i++) if (fv[i] < fv[best]) best = i;
        return new Result(v[best].clone(), fv[best], iter);
    }

    private static void replace(double[][] v, double[] fv, int i, double[] x, double fx) {
        System.arraycopy(x, 0, v[i], 0, x.length);
        fv[i] = fx;
    }

    /** Mean Euclidean distance of the vertices from their centroid (written into {@code c}). */
    static double size(double[][] v, double[] c) {
        int n = c.length;
        java.util.Arrays.fill(c, 0);
        for (double[] p : v) for (int j = 0; j < n; j++) c[j] += p[j] / v.length;
        double s = 0;
        for (double[] p : v) {
            double d = 0;
            for (int j = 0; j < n; j++) d += (p[j] - c[j]) * (p[j] - c[j]);
            s += Math.sqrt(d);
        }
        return s / v.length;
    }
}
