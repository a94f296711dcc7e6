package org.jspt.util;

import java.util.Arrays;

/** Order statistics of plain arrays, shared by the refinement and the benchmarks. */
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
}
