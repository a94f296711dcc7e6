package org.jspt.average;

import org.jspt.ctf.FourierWeight;
import org.jspt.ctf.WeightConvention;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Header;
import org.jspt.image.Volume;

/**
 * The CTF-corrected Fourier average of aligned particles that each carry a {@link FourierWeight} M
 * (rotated with the particle, docs/weights.md). Per coefficient k, with s the particle's score weight
 * (--weighbyscore, 1 otherwise) and D = FFT(aligned particle), avg(k) = Σ s·a / (Σ s·b + ε) where each particle
 * adds, by its weight's convention:
 * <ul>
 * <li>{@link WeightConvention#CTF}: a = M·D, b = M² (so avg = Σ s·M·D / (Σ s·M² + ε), the least-squares estimate
 *     of the signal under d = M·s + white noise, as RELION 3's reconstruction with a 3-D CTF: data × CTF,
 *     weight × CTF²);</li>
 * <li>{@link WeightConvention#PREMULTIPLIED}: a = D, b = M (so avg = Σ s·D / (Σ s·M + ε): d = Σ CTF²·s already
 *     carries the CTF factor and its noise variance is ∝ M = Σ CTF², RELION 4's normal equations).</li>
 * </ul>
 * Both are the same normal equations, so particles of either convention may share one average.
 * ε = {@link #EPSILON_FRACTION} × the mean of the denominator over the coefficients inside the Nyquist sphere
 * where it is positive: a fixed small fraction, so that the result does not depend on the scale of M or on
 * how many particles were added, and a coefficient measured only near a CTF zero is damped instead of
 * blown up. Where nothing was measured (denominator 0) the average is 0. A volume added without a weight
 * counts with M = 1.
 *
 * <p>Sums are double; merging adds them, so averages of halves merged in a fixed order are deterministic.
 * Header: the first added volume's, plus {@code ptcl_repr} = count. Cubic volumes only. Not thread-safe.
 * Memory: three double arrays of the half-complex size.
 */
public final class CtfWeightedAverager implements Averager {
    private static final long serialVersionUID = 1L;
    /** ε as a fraction of the mean positive denominator (class comment). */
    public static final double EPSILON_FRACTION = 0.02;

    private double[] sumRe, sumIm, den;
    private int n, size, nkx;
    private Header header;
    private transient FourierVolume work;

    /** Makes CTF-corrected averagers (what class averaging uses when the particles carry weights). */
    public static final AveragerFactory FACTORY = new Factory();

    private record Factory() implements AveragerFactory {
        @Override public String name() { return "ctf.weighted"; }
        @Override public Averager newAverager() { return new CtfWeightedAverager(); }
    }

    @Override
    public String name() { return "ctf.weighted"; }

    private void init(int size, Header h) {
        this.size = size;
        this.nkx = size / 2 + 1;
        int m = nkx * size * size;
        sumRe = new double[m];
        sumIm = new double[m];
        den = new double[m];
        header = h.copy();
    }

    /** Adds an unweighted volume (M = 1). */
    @Override
    public void add(Volume v, double weight) { add(v, null, weight); }

    /**
     * Adds an aligned particle with its weight in the same frame (null: M = 1).
     * @param scoreWeight s; 0 adds nothing but counts the particle
     */
    public void add(Volume v, FourierWeight m, double scoreWeight) {
        if (!v.isCube()) throw new IllegalArgumentException(name() + ": needs a cubic volume, got " + v.shape());
        if (sumRe == null) init(v.nx, v.header());
        if (v.nx != size) throw new IllegalArgumentException(name() + ": volume is " + v.shape() + ", average is " + size + "^3");
        if (m != null && m.n != size) throw new IllegalArgumentException(name() + ": weight is for " + m.n + "^3, average is " + size + "^3");
        if (work == null) work = new FourierVolume(size, size, size);
        FourierVolume f = Fft.forward(v, work);
        float[] d = f.data;
        float[] w = m == null ? null : m.values;
        boolean ctf = m == null || m.convention == WeightConvention.CTF;
        for (int j = 0; j < den.length; j++) {
            double mj = w == null ? 1 : w[j];
            if (mj == 0) continue;
            double a = ctf ? scoreWeight * mj : scoreWeight;
            sumRe[j] += a * d[2 * j];
            sumIm[j] += a * d[2 * j + 1];
            den[j] += ctf ? scoreWeight * mj * mj : scoreWeight * mj;
        }
        n++;
    }

    @Override
    public void merge(Averager other) {
        if (!(other instanceof CtfWeightedAverager o)) throw new IllegalArgumentException("cannot merge " + other.name() + " into " + name());
        if (o.n == 0) return;
        if (sumRe == null) init(o.size, o.header);
        if (o.size != size) throw new IllegalArgumentException(name() + ": cannot merge " + o.size + "^3 into " + size + "^3");
        for (int j = 0; j < den.length; j++) {
            sumRe[j] += o.sumRe[j];
            sumIm[j] += o.sumIm[j];
            den[j] += o.den[j];
        }
        n += o.n;
    }

    @Override
    public int count() { return n; }

    /** ε of the sums so far (class comment). */
    public double epsilon() {
        double s = 0;
        long c = 0;
        int h = size / 2;
        for (int z = 0; z < size; z++) {
            int kz = FourierVolume.signedIndex(z, size);
            for (int y = 0; y < size; y++) {
                int ky = FourierVolume.signedIndex(y, size);
                int row = nkx * (y + size * z);
                for (int kx = 0; kx < nkx; kx++) {
                    if (kx * kx + ky * ky + kz * kz > h * h) continue;
                    double v = den[row + kx];
                    if (v > 0) {
                        s += v;
                        c++;
                    }
                }
            }
        }
        return c == 0 ? 0 : EPSILON_FRACTION * s / c;
    }

    @Override
    public Volume finish() {
        if (n == 0) throw new IllegalStateException(name() + ": no volume was added");
        double eps = epsilon();
        FourierVolume f = new FourierVolume(size, size, size);
        for (int j = 0; j < den.length; j++) {
            double q = den[j];
            if (!(q > 0)) continue;
            f.data[2 * j] = (float) (sumRe[j] / (q + eps));
            f.data[2 * j + 1] = (float) (sumIm[j] / (q + eps));
        }
        Volume out = Fft.inverse(f, new Volume(size, size, size, new float[size * size * size], header.copy()));
        out.header().put("ptcl_repr", n);
        return out;
    }
}
