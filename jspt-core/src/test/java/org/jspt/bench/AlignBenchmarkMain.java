package org.jspt.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspt.Fixtures;
import org.jspt.align.TreeAligner;

/**
 * Runs {@link AlignBenchmark} several times and prints the median of each figure, until the CLI's
 * {@code jspt bench align} wraps it. Not a test. Arguments: boxes (e.g. 32,64), particles, threads, runs.
 */
public final class AlignBenchmarkMain {
    public static void main(String[] args) throws Exception {
        int[] boxes = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        int particles = Integer.parseInt(args[1]), threads = Integer.parseInt(args[2]), runs = Integer.parseInt(args[3]);
        AlignBenchmark.Config c = new AlignBenchmark.Config(boxes, Fixtures.shared().resolve("data/pdb/1LCD.pdb").toString(),
                particles, threads, new int[] {1, 4}, List.of(TreeAligner.NAME), 1234, 8);
        List<List<AlignBenchmark.Row>> all = new ArrayList<>();
        for (int r = 0; r < runs; r++) all.add(new AlignBenchmark().run(c));
        System.out.printf("%-38s %4s %2s %4s %9s %9s %7s %6s %7s %6s %6s %6s %5s%n", "aligner", "box", "K", "n",
                "s/pair@1", "pairs/s@" + threads, "speedup", "prep s", "prep MB", "med°", "p90°", "shift", "class");
        for (int i = 0; i < all.get(0).size(); i++) {
            AlignBenchmark.Row r0 = all.get(0).get(i);
            double[] p1 = new double[runs], pn = new double[runs], prep = new double[runs], med = new double[runs], p90 = new double[runs], sh = new double[runs], cl = new double[runs];
            for (int r = 0; r < runs; r++) {
                AlignBenchmark.Row x = all.get(r).get(i);
                p1[r] = x.pairsPerSecond1();
                pn[r] = x.pairsPerSecondAll();
                prep[r] = x.prepSeconds();
                med[r] = x.medianAngle();
                p90[r] = x.p90Angle();
                sh[r] = x.medianShift();
                cl[r] = x.classAccuracy();
            }
            double a = m(p1), b = m(pn);
            System.out.printf("%-38s %4d %2d %4d %9.3f %9.2f %7.2f %6.2f %7.0f %6.2f %6.2f %6.3f %5.2f%n", r0.aligner(), r0.box(),
                    r0.references(), r0.particles(), 1 / a, b, b / a, m(prep), r0.prepBytes() / 1e6, m(med), m(p90), m(sh), m(cl));
        }
    }

    private static double m(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
