package org.jspt.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspt.geom.Rotations;
import org.jspt.geom.Transform;
import org.jspt.image.CrossCorrelation;
import org.jspt.image.FourierResample;
import org.jspt.image.FourierShellCorrelation;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.util.Hungarian;

/**
 * Scores a refinement against the truth of a simulation.
 * <ul>
 * <li>Classification: predicted classes are matched one-to-one to true classes maximising the number of
 * agreeing particles (Hungarian); accuracy = agreeing / evaluated particles.</li>
 * <li>Poses, per matched class, on its correctly classified particles: M_i = xform_i · pose_i should be one
 * constant G for all i. G's rotation is the chordal L2 mean of the M_i (after replacing each M_i by its
 * nearest symmetry mate M_i·S, S in the class's symmetry group), its translation the per-axis median; the
 * angular error of i is the angle between M_i and G, the shift error |t(M_i) − t(G)|.</li>
 * <li>Maps: the true map moved into the average's frame by G (rotated on a 2× finer grid to keep the
 * interpolation blur small), re-centred on the average by cross-correlation, then the FSC.</li>
 * </ul>
 */
public final class Evaluator {
    /** One particle's result from a run. */
    public record Assignment(int index, int classIndex, double score, Transform xform) {}

    /** Scores of one predicted class (matchedTrue = −1 when it matched no true class). */
    public record ClassScore(int predicted, int matchedTrue, String label, int members, int correct,
                             double medianAngle, double p90Angle, double medianShift, Transform consensus,
                             double[] fsc, double res05, double res0143) {}

    public record Evaluation(int particles, double accuracy, int[][] confusion, List<ClassScore> classes) {}

    private Evaluator() {}

    /**
     * @param truth the simulation's truth (particles are looked up by index)
     * @param assignments one per evaluated particle
     * @param averages class averages by predicted class, or null to skip the FSC
     * @param truthMaps noise-free maps by true class (needed with averages)
     * @param symmetry the symmetry operators of the structures (identity alone for none)
     */
    public static Evaluation evaluate(TruthFile truth, List<Assignment> assignments, List<Volume> averages,
                                      List<Volume> truthMaps, List<Transform> symmetry) {
        if (assignments.isEmpty()) throw new IllegalArgumentException("no particles to evaluate");
        int nTrue = truth.labels().size();
        int nPred = assignments.stream().mapToInt(Assignment::classIndex).max().orElse(0) + 1;
        if (averages != null) nPred = Math.max(nPred, averages.size());
        int[][] confusion = new int[nTrue][nPred];
        for (Assignment a : assignments) {
            if (a.index() < 0 || a.index() >= truth.particles().size()) {
                throw new IllegalArgumentException("particle " + a.index() + " is not in the truth file (" + truth.particles().size() + " particles)");
            }
            if (a.classIndex() < 0) throw new IllegalArgumentException("particle " + a.index() + " has class " + a.classIndex());
            confusion[truth.particles().get(a.index()).classIndex()][a.classIndex()]++;
        }
        double[][] cost = new double[nPred][nTrue];
        for (int p = 0; p < nPred; p++) for (int t = 0; t < nTrue; t++) cost[p][t] = -confusion[t][p];
        int[] predToTrue = Hungarian.minimise(cost);
        int correct = 0;
        for (int p = 0; p < nPred; p++) if (predToTrue[p] >= 0) correct += confusion[predToTrue[p]][p];

        List<ClassScore> scores = new ArrayList<>();
        for (int p = 0; p < nPred; p++) {
            int t = predToTrue[p];
            int members = 0;
            for (int[] row : confusion) members += row[p];
            if (t < 0) {
                scores.add(new ClassScore(p, -1, "", members, 0, Double.NaN, Double.NaN, Double.NaN, null, null, Double.NaN, Double.NaN));
                continue;
            }
            List<Transform> m = new ArrayList<>();
            for (Assignment a : assignments) {
                ParticleTruth pt = truth.particles().get(a.index());
                if (a.classIndex() == p && pt.classIndex() == t) m.add(a.xform().compose(pt.pose()));
            }
            if (m.isEmpty()) {
                scores.add(new ClassScore(p, t, truth.labels().get(t), members, 0, Double.NaN, Double.NaN, Double.NaN, null, null, Double.NaN, Double.NaN));
                continue;
            }
            Transform g = consensus(m, symmetry);
            double[] ang = new double[m.size()], sh = new double[m.size()];
            for (int i = 0; i < m.size(); i++) {
                Transform mi = nearestMate(m.get(i), g, symmetry);
                ang[i] = Transform.angleBetween(mi, g);
                double dx = mi.tx() - g.tx(), dy = mi.ty() - g.ty(), dz = mi.tz() - g.tz();
                sh[i] = Math.sqrt(dx * dx + dy * dy + dz * dz);
            }
            double[] fsc = null;
            double r05 = Double.NaN, r0143 = Double.NaN;
            if (averages != null && p < averages.size() && averages.get(p) != null) {
                Volume avg = averages.get(p);
                Volume moved = moveMap(truthMaps.get(t), g);
                double[] d = CrossCorrelation.bestShift(avg, moved, avg.nx / 4.0);
                moved = CrossCorrelation.shifted(moved, d[0], d[1], d[2]);
                fsc = FourierShellCorrelation.compute(avg, moved);
                double apix = truth.params().apix();
                r05 = FourierShellCorrelation.resolution(fsc, 0.5, avg.nx, apix);
                r0143 = FourierShellCorrelation.resolution(fsc, 0.143, avg.nx, apix);
            }
            scores.add(new ClassScore(p, t, truth.labels().get(t), members, m.size(), percentile(ang, 50), percentile(ang, 90),
                    percentile(sh, 50), g, fsc, r05, r0143));
        }
        return new Evaluation(assignments.size(), (double) correct / assignments.size(), confusion, scores);
    }

    /**
     * How well a per-particle certainty separates the right assignments from the wrong ones (--restarts stability,
     * refinemulti.md §16.5).
     * @param auc area under the ROC curve: the probability that a right assignment has a higher certainty than a
     *            wrong one, ties counting one half (NaN when every evaluated particle is right, or every one wrong)
     * @param right evaluated particles in the true class their predicted class matched
     * @param wrong the others
     */
    public record CertaintyAuc(double auc, int right, int wrong) {}

    /**
     * The AUC of {@code certainty} (by particle index) for telling right from wrong assignments, right meaning the
     * particle's predicted class was matched to its true class in {@code ev}. Particles without a certainty are left out.
     */
    public static CertaintyAuc certaintyAuc(TruthFile truth, List<Assignment> assignments, Evaluation ev, java.util.Map<Integer, Double> certainty) {
        java.util.Map<Integer, Integer> predToTrue = new java.util.HashMap<>();
        for (ClassScore c : ev.classes()) predToTrue.put(c.predicted(), c.matchedTrue());
        List<Double> score = new ArrayList<>();
        List<Boolean> right = new ArrayList<>();
        for (Assignment a : assignments) {
            Double c = certainty.get(a.index());
            if (c == null) continue;
            score.add(c);
            right.add(predToTrue.getOrDefault(a.classIndex(), -1) == truth.particles().get(a.index()).classIndex());
        }
        double[] s = score.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] r = new boolean[s.length];
        int nRight = 0;
        for (int i = 0; i < r.length; i++) if (r[i] = right.get(i)) nRight++;
        return new CertaintyAuc(org.jspt.util.Statistics.auc(s, r), nRight, r.length - nRight);
    }

    /** Chordal mean of the rotations (symmetry mates chosen iteratively) with per-axis median translation. */
    static Transform consensus(List<Transform> m, List<Transform> symmetry) {
        Transform g = medoid(m);
        for (int iter = 0; iter < 4; iter++) {
            List<double[][]> rots = new ArrayList<>();
            for (Transform t : m) rots.add(nearestMate(t, g, symmetry).rotation());
            g = Transform.of(Rotations.chordalMean(rots), new double[3]);
        }
        double[] tx = new double[m.size()], ty = new double[m.size()], tz = new double[m.size()];
        for (int i = 0; i < m.size(); i++) {
            tx[i] = m.get(i).tx();
            ty[i] = m.get(i).ty();
            tz[i] = m.get(i).tz();
        }
        return g.withTranslation(percentile(tx, 50), percentile(ty, 50), percentile(tz, 50));
    }

    /** The rotation with the smallest summed angle to the others: a robust start for the mean. */
    private static Transform medoid(List<Transform> m) {
        int step = Math.max(1, m.size() / 50);
        Transform best = m.get(0);
        double bestSum = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m.size(); i += step) {
            double s = 0;
            for (int j = 0; j < m.size(); j += step) s += Transform.angleBetween(m.get(i), m.get(j));
            if (s < bestSum) { bestSum = s; best = m.get(i); }
        }
        return best;
    }

    /** M·S over the symmetry operators S, nearest in angle to g (S acts first: on the symmetric truth map). */
    static Transform nearestMate(Transform mi, Transform g, List<Transform> symmetry) {
        Transform best = mi;
        double bestAngle = Transform.angleBetween(mi, g);
        for (Transform s : symmetry) {
            Transform c = mi.compose(s);
            double a = Transform.angleBetween(c, g);
            if (a < bestAngle) { bestAngle = a; best = c; }
        }
        return best;
    }

    /** The map moved by g, rotated on a 2× grid (band-limited up- and down-sampling around a trilinear rotation). */
    static Volume moveMap(Volume map, Transform g) {
        if (map.nx % 2 != 0 || !map.isCube()) return VolumeTransforms.apply(map, g);
        Volume fine = FourierResample.upsample2(map);
        Volume moved = VolumeTransforms.apply(fine, g.withTranslation(2 * g.tx(), 2 * g.ty(), 2 * g.tz()));
        Volume out = FourierResample.downsample2(moved);
        return new Volume(out.nx, out.ny, out.nz, out.data, map.header().copy());
    }

    /** Percentile (0–100) by linear interpolation between order statistics; NaN for no values. */
    static double percentile(double[] x, double q) {
        if (x.length == 0) return Double.NaN;
        double[] s = x.clone();
        Arrays.sort(s);
        double pos = q / 100 * (s.length - 1);
        int lo = (int) Math.floor(pos), hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
