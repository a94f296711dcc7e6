package org.jspt.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The number of particles of each simulated class, from {@code jspt simulate --per-class} (and {@code --particles}):
 * one count for every class, one count per class, or one fraction per class of a total (e.g. 0.7,0.2,0.1 of 200),
 * rounded by largest remainder so the counts add up to the total exactly.
 */
public final class ClassCounts {
    /** Fractions must add up to 1 within this. */
    static final double SUM_TOLERANCE = 1e-3;

    private ClassCounts() {}

    /**
     * @param values the --per-class values as given
     * @param total --particles, or null
     * @param classes the number of classes
     * @return one count per class, or a single count for every class
     * @throws IllegalArgumentException with one line saying what is wrong
     */
    public static List<Integer> parse(List<String> values, Integer total, int classes) {
        boolean fractions = values.stream().anyMatch(v -> v.contains(".") || v.toLowerCase(java.util.Locale.ROOT).contains("e"));
        if (!fractions) {
            if (total != null) throw new IllegalArgumentException("--particles goes with fractions (--per-class 0.7,0.2,0.1); with counts leave it out");
            List<Integer> counts = new ArrayList<>();
            for (String v : values) counts.add(integer(v));
            if (counts.size() != 1 && counts.size() != classes) {
                throw new IllegalArgumentException("--per-class gives " + counts.size() + " counts for " + classes + " classes: give one N or one per class");
            }
            return counts;
        }
        if (total == null) throw new IllegalArgumentException("--per-class " + String.join(",", values) + ": fractions need --particles N, the total");
        if (total < 1) throw new IllegalArgumentException("--particles must be >= 1, got " + total);
        if (values.size() != classes) throw new IllegalArgumentException("--per-class gives " + values.size() + " fractions for " + classes + " classes: give one per class");
        double[] f = new double[classes];
        double sum = 0;
        for (int i = 0; i < classes; i++) {
            try {
                f[i] = Double.parseDouble(values.get(i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--per-class: '" + values.get(i) + "' is not a number");
            }
            if (!(f[i] > 0 && f[i] <= 1)) throw new IllegalArgumentException("--per-class: the fraction " + values.get(i) + " is not in (0, 1]");
            sum += f[i];
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) throw new IllegalArgumentException("--per-class: the fractions add up to " + sum + ", not 1");
        return largestRemainder(f, total);
    }

    /** Counts proportional to {@code f} (summing to 1) that add up to {@code total}: floors, then +1 by largest remainder (ties: the lower class). */
    static List<Integer> largestRemainder(double[] f, int total) {
        int[] c = new int[f.length];
        double[] rem = new double[f.length];
        int given = 0;
        for (int i = 0; i < f.length; i++) {
            double exact = f[i] * total;
            c[i] = (int) Math.floor(exact + 1e-9);
            rem[i] = exact - c[i];
            given += c[i];
        }
        for (int left = total - given; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < f.length; i++) if (rem[i] > rem[best]) best = i;
            c[best]++;
            rem[best] = -1;
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < c.length; i++) {
            if (c[i] < 1) throw new IllegalArgumentException("--per-class: class " + i + " gets no particle of " + total + "; raise --particles");
            out.add(c[i]);
        }
        return out;
    }

    private static int integer(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--per-class: '" + v + "' is neither a count nor a fraction");
        }
    }
}
