package org.jspt.refine;

import java.io.Serializable;
import org.jspt.average.Averager;
import org.jspt.average.CtfWeightedAverager;
import org.jspt.ctf.FourierWeight;
import org.jspt.exec.ParticleReduction;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.proc.Processor;

/**
 * One iteration's class sums as a reduction any executor can run (§7.6.2–3): for each included particle,
 * raw → transform → preavgproc1 → preavgproc2 → weight (score weight × tilt-axis weight) → the averager
 * of its class and gold-standard half (even/odd index). A particle with a Fourier weight (docs/weights.md)
 * goes to a {@link CtfWeightedAverager} with its weight rotated by the same transform. Carries the
 * per-particle class, transform and weight; the stack and processors are rebuilt lazily once per JVM.
 */
public final class AveragePass implements ParticleReduction<AveragePass.Sums> {
    private static final long serialVersionUID = 1L;

    private final ParticleSpec spec;
    private final AveragingConfig s;
    private final int k;
    private final int[] classOf;
    private final Transform[] xforms;
    private final double[] weight;
    /** --anneal: soft[p][c], the weight of particle p in class c ≠ its own (null: hard classes), and its transform there. */
    private final double[][] soft;
    private final Transform[][] softXforms;

    private transient ParticleSource localParticles;
    private transient volatile Worker worker;

    private record Worker(ParticleSource particles, Processor pre1, Processor pre2) {}

    /**
     * @param xforms each particle's transform (null where not included)
     * @param weight each particle's score weight, 0 = not included
     */
    public AveragePass(ParticleSpec spec, AveragingConfig s, int k, int[] classOf, Transform[] xforms, double[] weight) {
        this(spec, s, k, classOf, xforms, weight, null, null);
    }

    /**
     * With annealed membership (§16.3): particle p also goes to each class c ≠ classOf[p] with
     * {@code soft[p][c]} &gt; 0, transformed by {@code softXforms[p][c]}, at weight weight[p]·soft[p][c].
     */
    public AveragePass(ParticleSpec spec, AveragingConfig s, int k, int[] classOf, Transform[] xforms, double[] weight,
                       double[][] soft, Transform[][] softXforms) {
        this.soft = soft;
        this.softXforms = softXforms;
        this.spec = spec;
        this.s = s;
        this.k = k;
        this.classOf = classOf.clone();
        this.xforms = xforms.clone();
        this.weight = weight.clone();
    }

    /** Reads through an already open stack in this JVM (the driver's). @return this */
    public AveragePass useLocally(ParticleSource particles) {
        this.localParticles = particles;
        return this;
    }

    /** Per class and half: the averagers of a range of particles (null until a particle arrives). */
    public static final class Sums implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Averager[][] a;

        Sums(int k) { a = new Averager[k][2]; }

        /** The averager of class c, half h (0 even, 1 odd), or null when nothing was added. */
        public Averager get(int c, int h) { return a[c][h]; }

        private Averager getOrCreate(int c, int h, AveragingConfig s) {
            if (a[c][h] == null) a[c][h] = s.averager().newAverager();
            return a[c][h];
        }
    }

    @Override
    public Sums identity() { return new Sums(k); }

    @Override
    public Sums add(Sums acc, int p) {
        if (weight[p] == 0) return acc;
        Worker w = worker();
        Volume raw = w.particles().read(p);
        double wt = weight[p] * tiltWeight(raw, p);
        if (wt == 0) return acc;
        FourierWeight m = w.particles().weight(p);
        addTo(acc, w, raw, m, p, classOf[p], xforms[p], wt);
        if (soft != null) {
            for (int c = 0; c < k; c++) {
                if (c != classOf[p] && soft[p][c] > 0) addTo(acc, w, raw, m, p, c, softXforms[p][c], wt * soft[p][c]);
            }
        }
        return acc;
    }

    /** raw → transform → preavgproc1 → preavgproc2 → the averager of class c, half p % 2, at weight wt. */
    private void addTo(Sums acc, Worker w, Volume raw, FourierWeight m, int p, int c, Transform xf, double wt) {
        Volume v = VolumeTransforms.apply(raw, xf);
        if (w.pre1() != null) v = w.pre1().apply(v);
        if (w.pre2() != null) v = w.pre2().apply(v);
        Averager a = acc.getOrCreate(c, p % 2, s);
        if (m != null && a instanceof CtfWeightedAverager cw) cw.add(v, m.rotated(xf), wt);
        else a.add(v, wt);
    }

    @Override
    public Sums merge(Sums left, Sums right) {
        for (int c = 0; c < k; c++)
            for (int h = 0; h < 2; h++) {
                if (right.a[c][h] == null) continue;
                if (left.a[c][h] == null) left.a[c][h] = right.a[c][h];
                else left.a[c][h].merge(right.a[c][h]);
            }
        return left;
    }

    /** --weighbytiltaxis A,B: w = B + x(1 − B)/A with x mirrored to the left of the axis (§7.6.3). */
    private double tiltWeight(Volume raw, int p) {
        if (s.tiltAxisX() <= 0) return 1;
        double[] c = raw.header().getDoubles("ptcl_source_coord");
        if (c == null || c.length == 0) {
            throw new IllegalArgumentException("--weighbytiltaxis: particle " + p + " has no ptcl_source_coord header");
        }
        int a = s.tiltAxisX(), x = (int) c[0];
        if (x > a) x = 2 * a - x;
        return s.tiltEdgeWeight() + x * (1 - s.tiltEdgeWeight()) / a;
    }

    private Worker worker() {
        Worker w = worker;
        if (w != null) return w;
        synchronized (this) {
            if (worker == null) {
                ParticleSource particles = localParticles != null ? localParticles : ParticleSpec.shared(spec);
                worker = new Worker(particles,
                        s.preavgproc1() == null ? null : s.preavgproc1().build(),
                        s.preavgproc2() == null ? null : s.preavgproc2().build());
            }
            return worker;
        }
    }
}
