package org.jspt.refine;

import java.util.ArrayList;
import java.util.List;
import org.jspt.ctf.FourierWeight;
import org.jspt.ctf.WeightConvention;
import org.jspt.exec.ParticleTask;
import org.jspt.geom.Transform;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;

/**
 * One particle's residual against its class average, at low resolution, in the class's frame: the feature
 * {@link ClassSplitter} splits a class on ({@code docs/reference/refinemulti.md} §16.4).
 *
 * <p>With D the particle moved into the class frame, M its weight rotated alike and A the class average
 * (all Fourier), the feature is a − b·A over the coefficients 1 ≤ |k| ≤ radius, where (a, b) are what the
 * particle adds to the class average's numerator and denominator: (M·D, M²) for CTF weights, (D, M) for
 * premultiplied ones (docs/weights.md). Since d ≈ M·s, the feature is ≈ M²·(s − A) + M·noise: the difference
 * between the particle's content and the class average, seen only where the particle measured anything and
 * never with a CTF sign flip, so particles of different defocus and tilt range agree on the sign of the
 * difference. Without weights, M is the particle's measured region (its missing wedge cut out) detected
 * from its own power: coefficients below {@link #MEASURED_FRACTION} of their shell's mean power count as
 * missing. Half the Hermitian-symmetric coefficients are kept (kx &gt; 0, or kx = 0 on one side), re and im
 * as two entries.
 */
public final class SplitFeatures implements ParticleTask<float[]> {
    private static final long serialVersionUID = 1L;
    /** Without weights: a coefficient with less than this fraction of its shell's mean power was not measured. */
    static final double MEASURED_FRACTION = 0.01;

    private final ParticleSpec spec;
    private final int[] particles;
    private final Transform[] xforms;
    private final int[] average;
    private final float[][] averages;
    private final int[] coefficients;
    private final int box;

    private transient ParticleSource localParticles;
    private transient volatile ParticleSource source;

    /**
     * @param particles the particle index of each feature row
     * @param xforms each particle's transform into its class frame
     * @param average which of {@code classAverages} each particle is compared with
     * @param radius the largest |k| used, in Fourier pixels of the particle box
     */
    public SplitFeatures(ParticleSpec spec, int[] particles, Transform[] xforms, int[] average, List<Volume> classAverages, int radius) {
        this.spec = spec;
        this.particles = particles.clone();
        this.xforms = xforms.clone();
        this.average = average.clone();
        this.box = classAverages.get(0).nx;
        this.coefficients = coefficientIndices(box, radius);
        this.averages = new float[classAverages.size()][];
        for (int c = 0; c < averages.length; c++) {
            Volume a = classAverages.get(c);
            averages[c] = a == null ? null : gather(Fft.forward(a), coefficients);
        }
    }

    /** Reads through an already open stack in this JVM (the driver's). @return this */
    public SplitFeatures useLocally(ParticleSource particles) {
        this.localParticles = particles;
        return this;
    }

    /** Length of every feature vector. */
    public int length() { return coefficients.length; }

    @Override
    public float[] apply(int row) {
        ParticleSource src = source();
        int p = particles[row];
        Transform xf = xforms[row];
        Volume raw = src.read(p);
        FourierWeight w = src.weight(p);
        FourierWeight m = w != null ? w.rotated(xf) : measuredRegion(raw).rotated(xf);
        boolean premultiplied = w != null && w.convention == WeightConvention.PREMULTIPLIED;
        return residual(Fft.forward(VolumeTransforms.apply(raw, xf)), m, premultiplied, averages[average[row]], coefficients);
    }

    /** a − b·A over the coefficients (class comment), with (a, b) = (D, M) if premultiplied, else (M·D, M²). */
    static float[] residual(FourierVolume d, FourierWeight m, boolean premultiplied, float[] avg, int[] coefficients) {
        float[] f = new float[coefficients.length];
        for (int i = 0; i < coefficients.length; i += 2) {
            int at = coefficients[i];
            float mk = m.values[at / 2];
            double a = premultiplied ? 1 : mk, b = premultiplied ? mk : (double) mk * mk;
            f[i] = (float) (a * d.data[at] - b * avg[i]);
            f[i + 1] = (float) (a * d.data[at + 1] - b * avg[i + 1]);
        }
        return f;
    }

    private ParticleSource source() {
        ParticleSource s = source;
        if (s != null) return s;
        synchronized (this) {
            if (source == null) source = localParticles != null ? localParticles : ParticleSpec.shared(spec);
            return source;
        }
    }

    /** A binary weight: 1 where the particle's power is at least MEASURED_FRACTION of its shell's mean. */
    static FourierWeight measuredRegion(Volume raw) {
        FourierVolume f = Fft.forward(raw);
        int n = raw.nx, nkx = n / 2 + 1, shells = n;
        double[] sum = new double[shells];
        int[] count = new int[shells];
        forEach(n, nkx, (kx, ky, kz, r, i) -> {
            if (r < shells) {
                sum[r] += power(f, i);
                count[r]++;
            }
        });
        FourierWeight m = new FourierWeight(n, WeightConvention.CTF);
        forEach(n, nkx, (kx, ky, kz, r, i) -> {
            double mean = r < shells && count[r] > 0 ? sum[r] / count[r] : 0;
            m.values[i / 2] = mean > 0 && power(f, i) >= MEASURED_FRACTION * mean ? 1f : 0f;
        });
        return m;
    }

    private static double power(FourierVolume f, int i) {
        return (double) f.data[i] * f.data[i] + (double) f.data[i + 1] * f.data[i + 1];
    }

    private interface Coefficient {
        void at(int kx, int ky, int kz, int shell, int floatIndex);
    }

    private static void forEach(int n, int nkx, Coefficient c) {
        for (int z = 0; z < n; z++) {
            int kz = FourierVolume.signedIndex(z, n);
            for (int y = 0; y < n; y++) {
                int ky = FourierVolume.signedIndex(y, n);
                for (int kx = 0; kx < nkx; kx++) {
                    int shell = FourierVolume.shell(kx, ky, kz);
                    c.at(kx, ky, kz, shell, 2 * (kx + nkx * (y + n * z)));
                }
            }
        }
    }

    /** Float indices (re; im follows) of the half-space coefficients with 1 ≤ |k| ≤ radius, each pair twice (re, im). */
    static int[] coefficientIndices(int n, int radius) {
        List<Integer> idx = new ArrayList<>();
        forEach(n, n / 2 + 1, (kx, ky, kz, shell, i) -> {
            double r = FourierVolume.radius(kx, ky, kz);
            if (r < 1 || r > radius) return;
            if (kx == 0 && (ky < 0 || ky == 0 && kz < 0)) return; // its Friedel mate is kept
            idx.add(i);
            idx.add(i + 1);
        });
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    static float[] gather(FourierVolume f, int[] coefficients) {
        float[] out = new float[coefficients.length];
        for (int i = 0; i < coefficients.length; i++) out[i] = f.data[coefficients[i]];
        return out;
    }
}
