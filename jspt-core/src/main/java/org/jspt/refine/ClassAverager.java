package org.jspt.refine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspt.average.Averager;
import org.jspt.exec.ParticleExecutor;
import org.jspt.geom.Symmetry;
import org.jspt.geom.Transform;
import org.jspt.image.FourierShellCorrelation;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;
import org.jspt.proc.xform.ApplySym;
import org.jspt.run.Assignment;

/**
 * Averages every class of an iteration from the raw particles ({@code docs/reference/refinemulti.md} §7.6): inclusion
 * threshold, transform → preavgproc1 → preavgproc2 → weight → averager; the two gold-standard halves (even
 * and odd particle index) are accumulated separately and merged for the full average, whose FSC they give.
 * Then symmetrisation (unless breaksym), autocentring and the header keys. Particles are streamed through
 * the executor; sums are formed per fixed chunk and merged in order, so results do not depend on threads.
 */
public final class ClassAverager {
    /**
     * One class's outcome.
     * @param average null when no particle was included
     * @param fsc FSC between the half averages per shell (null if a half is empty)
     * @param res0143 resolution (Å) where the half-map FSC first falls below 0.143 (NaN without FSC)
     * @param halves with {@link #withHalfReferences()}: the half averages {even, odd particle index} as --goldstandard
     *               references (§7.9): weighted by the halves' FSC, symmetrised and centred as the average; null
     *               otherwise or when a half is empty
     */
    public record ClassResult(int k, Volume average, List<Integer> included, double[] weights, double[] fsc, double res0143, Transform centring,
                              Volume[] halves) {}

    private final ParticleSource particles;
    private final AveragingConfig s;
    private final ParticleExecutor executor;
    private final boolean halfReferences;

    public ClassAverager(ParticleSource particles, AveragingConfig settings, ParticleExecutor executor) {
        this(particles, settings, executor, false);
    }

    private ClassAverager(ParticleSource particles, AveragingConfig settings, ParticleExecutor executor, boolean halfReferences) {
        this.particles = particles;
        this.s = settings;
        this.executor = executor;
        this.halfReferences = halfReferences;
    }

    /** The same averager, also making each class's half references ({@link ClassResult#halves()}, --goldstandard §7.9). */
    public ClassAverager withHalfReferences() { return new ClassAverager(particles, s, executor, true); }

    /** Averages of the classes of {@code asg} (classes with {@code active[k]} false are skipped: result null). */
    public List<ClassResult> average(Assignment asg, int k, String input) { return average(asg, k, input, null); }

    /**
     * As {@link #average(Assignment, int, String)}, with annealed membership ({@link SoftAssignment}):
     * soft[p][c] &gt; 0 adds particle p to class c ≠ its own too (null: hard). The headers, the included
     * lists and the weights stay those of the hard classes.
     */
    public List<ClassResult> average(Assignment asg, int k, String input, double[][] soft) {
        return average(asg, k, input, soft, null);
    }

    /**
     * As {@link #average(Assignment, int, String, double[][])}, each particle's weight multiplied after the --keep/--keepsig
     * selection by {@code multiplicity[p]} (null: 1 for all): 0 leaves it out (--minstability), a count weighs a
     * bootstrap resample (--restarts, §16.5).
     */
    public List<ClassResult> average(Assignment asg, int k, String input, double[][] soft, double[] multiplicity) {
        int n = asg.particles();
        double[] weight = new double[n]; // 0 = not included
        List<List<Integer>> included = new ArrayList<>();
        for (int c = 0; c < k; c++) included.add(selectMembers(asg, c, weight));
        if (multiplicity != null) {
            for (int p = 0; p < n; p++) weight[p] *= multiplicity[p];
            for (List<Integer> in : included) in.removeIf(p -> multiplicity[p] == 0);
        }
        Transform[] xforms = includedXforms(asg, weight);
        Transform[][] softXforms = null;
        if (soft != null) {
            softXforms = new Transform[n][k];
            for (int p = 0; p < n; p++)
                for (int c = 0; c < k; c++) if (weight[p] != 0 && soft[p][c] > 0 && c != asg.classOf()[p]) softXforms[p][c] = asg.results()[p][c].xform();
        }
        AveragePass pass = new AveragePass(particles.spec(), s, k, asg.classOf(), xforms, weight, soft, softXforms).useLocally(particles);
        AveragePass.Sums sums = executor.reduceParticles(n, pass);
        List<ClassResult> out = new ArrayList<>();
        for (int c = 0; c < k; c++) out.add(finish(c, sums, included.get(c), weight, input));
        return out;
    }

    /**
     * Plain averages of the particles with classOf[p] ≥ 0 (weight 1, no --keep, symmetrisation or centring),
     * each moved by xforms[p]; null for a class without members. References of --grouping split (§16.4).
     */
    public List<Volume> plainAverages(int[] classOf, Transform[] xforms, int k) {
        int n = classOf.length;
        double[] weight = new double[n];
        int[] cls = new int[n];
        for (int p = 0; p < n; p++) {
            weight[p] = classOf[p] >= 0 ? 1 : 0;
            cls[p] = Math.max(0, classOf[p]);
        }
        AveragePass.Sums sums = executor.reduceParticles(n, new AveragePass(particles.spec(), s, k, cls, xforms, weight).useLocally(particles));
        List<Volume> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            Averager full = null;
            for (int h = 0; h < 2; h++) {
                Averager a = sums.get(c, h);
                if (a == null) continue;
                if (full == null) {
                    full = s.averager().newAverager();
                }
                full.merge(a);
            }
            out.add(full == null ? null : full.finish());
        }
        return out;
    }

    /**
     * The weight of every particle in its class's average: 0 for a particle left out by --keep/--keepsig
     * or weighted to 0 by --weighbyscore (the --weighbytiltaxis factor is applied when the particle is read).
     */
    public double[] inclusionWeights(Assignment asg, int k) {
        double[] weight = new double[asg.particles()];
        for (int c = 0; c < k; c++) selectMembers(asg, c, weight);
        return weight;
    }

    /** Each included particle's (weight ≠ 0) transform in its class; null for the others. */
    private static Transform[] includedXforms(Assignment asg, double[] weight) {
        Transform[] xforms = new Transform[weight.length];
        for (int p = 0; p < weight.length; p++) if (weight[p] != 0) xforms[p] = asg.best(p).xform();
        return xforms;
    }

    /** Chooses the members that go into the average (§7.6.1, Spec) and sets their score weights. */
    private List<Integer> selectMembers(Assignment asg, int c, double[] weight) {
        List<Integer> members = asg.members(c);
        if (members.isEmpty()) return members;
        double[] scores = members.stream().mapToDouble(p -> asg.best(p).score()).toArray();
        double thresh;
        if (s.keepsig()) {
            double mean = Arrays.stream(scores).average().orElse(0), var = 0;
            for (double x : scores) var += (x - mean) * (x - mean);
            thresh = mean + s.keep() * Math.sqrt(var / scores.length);
        } else if (s.keep() < 1) {
            double[] sorted = scores.clone();
            Arrays.sort(sorted);
            int keepN = Math.max(1, (int) Math.floor(s.keep() * sorted.length));
            thresh = sorted[keepN - 1]; // ties with the last kept are kept too
        } else {
            thresh = Double.POSITIVE_INFINITY;
        }
        double best = Arrays.stream(scores).min().orElse(0);
        List<Integer> in = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (scores[i] > thresh) continue;
            double w = 1;
            if (s.weighByScore()) w = best < 0 && scores[i] < 0 ? scores[i] / best : 0; // §7.6.3 Spec
            int p = members.get(i);
            weight[p] = w;
            if (w != 0) in.add(p);
        }
        return in;
    }

    private ClassResult finish(int c, AveragePass.Sums sums, List<Integer> included, double[] weight, String input) {
        Averager even = sums.get(c, 0), odd = sums.get(c, 1);
        // A class without members of its own is emptied even if annealing gave it contributions (§7.5).
        if (even == null && odd == null || included.isEmpty()) return new ClassResult(c, null, included, weight, null, Double.NaN, null, null);
        Averager full = s.averager().newAverager();
        // Merge the half holding the lowest index first, so the header comes from the class's first particle.
        boolean evenFirst = !included.isEmpty() && included.get(0) % 2 == 0;
        for (Averager h : evenFirst ? new Averager[] {even, odd} : new Averager[] {odd, even}) if (h != null) full.merge(h);
        Symmetry sym = s.symmetry().get(c);
        Processor symmetrise = s.breaksym() || sym.order() == 1 ? null : new ApplySym(sym);
        Volume avg = full.finish();
        if (symmetrise != null) avg = symmetrise.apply(avg);
        double[] fsc = null;
        double res = Double.NaN;
        Volume[] halves = null;
        if (even != null && odd != null) {
            Volume e = even.finish(), o = odd.finish();
            if (symmetrise != null) {
                e = symmetrise.apply(e);
                o = symmetrise.apply(o);
            }
            fsc = FourierShellCorrelation.compute(e, o);
            res = FourierShellCorrelation.resolution(fsc, 0.143, avg.nx, avg.apix());
            // Weighted by max(0, FSC) per shell, a half map's Wiener weight. (A per-coefficient Wiener filter of the CTF-corrected
            // sums, Σa / (Σb + mean Σb·(1 − FSC)/FSC), was measured too: 0.2–0.8° worse on three of four classes of both 64³
            // tilt-series seeds.) e and o are already symmetrised.
            if (halfReferences) halves = new Volume[] {FourierShellCorrelation.weighted(e, fsc), FourierShellCorrelation.weighted(o, fsc)};
        }
        Transform centring = null;
        if (s.autocenter() != null) {
            centring = centringShift(avg);
            avg = VolumeTransforms.apply(avg, centring);
            if (halves != null) for (int h = 0; h < 2; h++) halves[h] = VolumeTransforms.apply(halves[h], centring);
        }
        int[] idx = included.stream().mapToInt(Integer::intValue).toArray();
        avg.header().put("class_ptcl_idxs", idx.length > 0 ? idx : null)
                .put("class_ptcl_src", input)
                .put("spt_multiplicity", idx.length)
                .put("spt_ptcl_indxs", idx.length > 0 ? idx.clone() : null)
                .put("origin_x", 0).put("origin_y", 0).put("origin_z", 0)
                .put("xform.align3d", null).put("spt_score", null).put("ptcl_source_coord", null);
        return new ClassResult(c, avg, included, weight, fsc, res, centring, halves);
    }

    /** §7.6.5: the autocentring processor's shift, measured on a (masked, filtered, shrunk) copy. */
    private Transform centringShift(Volume avg) {
        Volume copy = avg.copy();
        if (s.autocenterMask() != null) copy = s.autocenterMask().build().apply(copy);
        int scale = 1;
        if (s.autocenterPreprocess()) {
            copy = Processors.applyChain(List.of(
                    Processors.parse("filter.highpass.gauss:cutoff_pixels=4").orElseThrow(),
                    Processors.parse("filter.lowpass.tanh:cutoff_abs=0.25").orElseThrow(), // Spec: half Nyquist
                    Processors.parse("math.meanshrink:n=2").orElseThrow()), copy);
            scale = 2;
        }
        Volume centred = s.autocenter().build().apply(copy);
        Transform t = centred.header().getTransform("xform.align3d");
        if (t == null) throw new IllegalStateException(s.autocenter().name() + " did not report its shift");
        return Transform.translation(t.tx() * scale, t.ty() * scale, t.tz() * scale);
    }

}
