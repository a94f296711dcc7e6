package org.jspt.align;

import org.jspt.image.RadialProfile;
import java.util.List;
import org.jspt.image.FourierVolume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;

/**
 * {@code fsc.tomo.auto} (docs/reference/alignment.md §5.4), the tree aligner's internal score: a 1/r²-weighted Fourier
 * correlation over shells pmin ≤ r ≤ pmax that skips coefficients below per-shell power thresholds.
 *
 * <p>Over every stored half-complex coefficient with |ky| ≤ pmax and |kz| ≤ pmax (|k| = min(k, n − k)) and
 * shell r = int(float32 sqrt(r²)) in [pmin, pmax]: skip if |F₁|² &lt; sigmaimg[r] or |F₂|² &lt; sigmawith[r];
 * otherwise, with w = 1/r² (exact integer r²), S += w·Re(F₁ conj F₂), A += w|F₁|², B += w|F₂|².
 * score = −S/(√A·√B), always negated. Thresholds default to each image's radial amplitude σ-profile
 * ({@link RadialProfile}, n/2 + 1 shells) squared × {@code sigmaimgval} / {@code sigmawithval} (0.5).
 * {@code minres}/{@code maxres} (Å) override pmin = floor(apix·n/minres), pmax = ceil(apix·n/maxres), apix
 * taken from image 1. NB: {@code apix} and {@code negative} are not parameters (EMAN2 rejects them although
 * its code reads them). Vectors {@code sigmaimg}/{@code sigmawith} are given as comma-separated numbers, one
 * per shell from 0, or programmatically through the constructor.
 *
 * <p>Weighted form ({@link #evaluateWeighted}, docs/weights.md): with the particle's weight M, its threshold
 * test becomes M ≠ 0 and F₂ is replaced by M·F₂ after F₂'s own threshold test (on its unweighted power); the
 * sums, shells and 1/r² weights are as above.
 *
 * <p>Immutable and thread-safe; allocates only the default threshold vectors (and the curve if asked).
 */
public final class FscTomoAuto implements WeightedComparator {
    public static final String NAME = "fsc.tomo.auto";
    public static final Descriptor<Comparator> DESCRIPTOR = new Descriptor<>(NAME,
            "1/r²-weighted Fourier shell correlation over shells pmin..pmax, per-shell power thresholds, negated",
            List.of(ParamSpec.of("sigmaimg", ParamType.STRING, "per-shell |F|² thresholds of image 1 (comma-separated, shell 0 first)"),
                    ParamSpec.of("sigmawith", ParamType.STRING, "per-shell |F|² thresholds of image 2"),
                    ParamSpec.of("sigmaimgval", ParamType.FLOAT, 0.5, "default image 1 thresholds = σ-profile² × this"),
                    ParamSpec.of("sigmawithval", ParamType.FLOAT, 0.5, "default image 2 thresholds = σ-profile² × this"),
                    ParamSpec.of("minres", ParamType.FLOAT, "lowest resolution used, Å (sets pmin)"),
                    ParamSpec.of("maxres", ParamType.FLOAT, "highest resolution used, Å (sets pmax)"),
                    ParamSpec.of("pmin", ParamType.INT, 3, "first shell used, Fourier pixels"),
                    ParamSpec.of("pmax", ParamType.INT, "last shell used, Fourier pixels (default n/2)"),
                    ParamSpec.of("retcurve", ParamType.BOOL, false, "also compute the per-shell curve (evaluate())")),
            FscTomoAuto::create);

    /**
     * A score, the fraction of Fourier space used ({@code fft_overlap}: 2·count/floats; NB: EMAN2 keeps it only
     * when image 1 was passed already complex, we always report it) and, if
     * {@code retcurve}, the weighted correlation of each shell 0..pmax (NaN where nothing was used), else null.
     */
    public record Result(double score, double overlap, double[] curve) {}

    private final double[] sigmaImg, sigmaWith;
    private final double sigmaImgVal, sigmaWithVal, minres, maxres;
    private final int pmin, pmax;
    private final boolean retcurve;

    /**
     * @param sigmaImg  per-shell thresholds of image 1 (shell 0 first), or null for the σ-profile default
     * @param sigmaWith the same for image 2
     * @param minres    Å, or ≤ 0 for none; @param maxres Å, or ≤ 0 for none
     * @param pmax      last shell, or ≤ 0 for n/2
     */
    public FscTomoAuto(double[] sigmaImg, double[] sigmaWith, double sigmaImgVal, double sigmaWithVal,
                       double minres, double maxres, int pmin, int pmax, boolean retcurve) {
        this.sigmaImg = sigmaImg == null ? null : sigmaImg.clone();
        this.sigmaWith = sigmaWith == null ? null : sigmaWith.clone();
        this.sigmaImgVal = sigmaImgVal;
        this.sigmaWithVal = sigmaWithVal;
        this.minres = minres;
        this.maxres = maxres;
        this.pmin = pmin;
        this.pmax = pmax;
        this.retcurve = retcurve;
    }

    /** The defaults. */
    public FscTomoAuto() { this(null, null, 0.5, 0.5, 0, 0, 3, 0, false); }

    private static Comparator create(Params p) {
        return new FscTomoAuto(vector(p, "sigmaimg"), vector(p, "sigmawith"), p.getDouble("sigmaimgval"),
                p.getDouble("sigmawithval"), p.getDouble("minres", 0), p.getDouble("maxres", 0), p.getInt("pmin"),
                p.getInt("pmax", 0), p.getBool("retcurve"));
    }

    private static double[] vector(Params p, String key) {
        if (!p.has(key)) return null;
        String[] parts = p.getString(key).replace("[", "").replace("]", "").split(",");
        double[] v = new double[parts.length];
        try {
            for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(parts[i].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + p.spec() + "': parameter '" + key + "' expects comma-separated numbers");
        }
        return v;
    }

    @Override
    public String name() { return NAME; }

    @Override
    public double compare(FourierVolume image, FourierVolume with, double apix) { return evaluate(image, with, apix).score(); }

    /** Score, coverage and (if retcurve) curve of two transforms of the same cubic shape; apix of image 1. */
    public Result evaluate(FourierVolume image, FourierVolume with, double apix) { return evaluate(image, null, with, apix); }

    @Override
    public double compareWeighted(FourierVolume particle, org.jspt.ctf.FourierWeight weight, FourierVolume reference, double apix) {
        return evaluateWeighted(particle, weight, reference, apix).score();
    }

    /** The weighted form (class comment): particle (image 1) with weight M against M·reference. */
    public Result evaluateWeighted(FourierVolume particle, org.jspt.ctf.FourierWeight weight, FourierVolume reference, double apix) {
        weight.check(particle);
        return evaluate(particle, weight.values, reference, apix);
    }

    /** m: the particle's weight values (null: unweighted, EMAN2's form). */
    private Result evaluate(FourierVolume image, float[] m, FourierVolume with, double apix) {
        if (!image.sameShape(with)) throw new IllegalArgumentException(NAME + ": shapes differ");
        int n = image.nx;
        int lo = minres > 0 ? (int) Math.floor(apix * n / minres) : pmin;
        int hi = maxres > 0 ? (int) Math.ceil(apix * n / maxres) : (pmax > 0 ? pmax : n / 2);
        double[] t1 = m != null ? new double[n / 2 + 2] : sigmaImg != null ? sigmaImg : RadialProfile.squaredTimes(RadialProfile.amplitudeSigma(image, n / 2 + 1), sigmaImgVal);
        double[] t2 = sigmaWith != null ? sigmaWith : RadialProfile.squaredTimes(RadialProfile.amplitudeSigma(with, n / 2 + 1), sigmaWithVal);
        if (t1.length <= Math.min(hi, n) || t2.length <= Math.min(hi, n)) {
            hi = Math.min(hi, Math.min(t1.length, t2.length) - 1); // NB: shells without a threshold are not used
        }
        double[] cs = retcurve ? new double[hi + 1] : null, ca = retcurve ? new double[hi + 1] : null, cb = retcurve ? new double[hi + 1] : null;
        float[] a = image.data, b = with.data;
        double s = 0, aa = 0, bb = 0;
        long count = 0;
        int ny = image.ny, nz = image.nz;
        for (int z = 0; z < nz; z++) {
            int az = Math.min(z, nz - z);
            if (az > hi) continue;
            for (int y = 0; y < ny; y++) {
                int ay = Math.min(y, ny - y);
                if (ay > hi) continue;
                int row = image.rowLength * (y + ny * z);
                for (int kx = 0; kx < image.nkx; kx++) {
                    int r2 = kx * kx + ay * ay + az * az;
                    int r = (int) (float) Math.sqrt(r2); // NB: EMAN2 takes the shell from a float32 sqrt
                    if (r < lo || r > hi || r2 == 0) continue;
                    int i = row + 2 * kx;
                    double ar = a[i], ai = a[i + 1], br = b[i], bi = b[i + 1];
                    double p1 = ar * ar + ai * ai, p2 = br * br + bi * bi;
                    if (m != null) {
                        double mj = m[i >> 1];
                        if (mj == 0 || p2 < t2[r]) continue;
                        br *= mj;
                        bi *= mj;
                        p2 = br * br + bi * bi;
                    } else if (p1 < t1[r] || p2 < t2[r]) continue;
                    double w = 1.0 / r2, x = ar * br + ai * bi;
                    s += w * x;
                    aa += w * p1;
                    bb += w * p2;
                    count++;
                    if (cs != null) { cs[r] += w * x; ca[r] += w * p1; cb[r] += w * p2; }
                }
            }
        }
        double[] curve = null;
        if (cs != null) {
            curve = new double[hi + 1];
            for (int r = 0; r <= hi; r++) curve[r] = ca[r] > 0 && cb[r] > 0 ? cs[r] / (Math.sqrt(ca[r]) * Math.sqrt(cb[r])) : Double.NaN;
        }
        return new Result(-s / (Math.sqrt(aa) * Math.sqrt(bb)), 2.0 * count / a.length, curve);
    }
}
