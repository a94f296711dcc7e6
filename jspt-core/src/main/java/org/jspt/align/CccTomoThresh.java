package org.jspt.align;

import java.util.List;
import org.jspt.image.FourierVolume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;

/**
 * {@code ccc.tomo.thresh} (docs/reference/alignment.md §5.3), the default alignment comparator: a Fourier-space
 * correlation that skips weak coefficients, taken to be missing-wedge voxels.
 * σ₁, σ₂ = the sample σ (n − 1) of each transform's float array (real and imaginary parts of every stored
 * coefficient); thresholds t = (σ·factor)². Over every stored half-complex coefficient (no Friedel weighting,
 * DC included) with |F₁|² ≥ t₁ and |F₂|² ≥ t₂: S += Re(F₁ conj F₂), A += |F₁|², B += |F₂|², c += 1.
 * score = −S/(√A·√B) (sign kept with {@code negative=0}); coverage ({@code fft_overlap}) = 2c/(number of
 * floats). NB: summing the half-complex array without Friedel weights is EMAN2's choice, kept on purpose.
 *
 * <p>Weighted form ({@link #evaluateWeighted}, docs/weights.md): with the particle's weight M the particle's
 * threshold is replaced by what it measured, M ≠ 0, and the reference is multiplied by M: over coefficients
 * with M ≠ 0 and |F₂|² ≥ t₂ (the reference's own threshold, on its unweighted power), S += Re(D conj(M·F₂)),
 * A += |D|², B += |M·F₂|²; score = −S/(√A·√B); coverage = 2c/(number of floats) as above.
 *
 * <p>Immutable and thread-safe; the Fourier forms allocate nothing.
 */
public final class CccTomoThresh implements WeightedComparator {
    public static final String NAME = "ccc.tomo.thresh";
    public static final Descriptor<Comparator> DESCRIPTOR = new Descriptor<>(NAME,
            "Fourier correlation over the coefficients both volumes have above a σ threshold (missing-wedge aware), negated",
            List.of(ParamSpec.of("sigmaimg", ParamType.FLOAT, 0.5, "image 1 threshold: |F|² ≥ (σ·sigmaimg)², σ of its Fourier floats"),
                    ParamSpec.of("sigmawith", ParamType.FLOAT, 0.5, "image 2 threshold: |F|² ≥ (σ·sigmawith)²"),
                    ParamSpec.of("negative", ParamType.BOOL, true, "negate the result (default), so lower is better")),
            CccTomoThresh::create);

    /** A score and the fraction of Fourier space both volumes cover (EMAN2's {@code fft_overlap}, 0..1). */
    public record Result(double score, double overlap) {}

    private final double sigmaImg, sigmaWith;
    private final boolean negative;

    public CccTomoThresh(double sigmaImg, double sigmaWith, boolean negative) {
        this.sigmaImg = sigmaImg;
        this.sigmaWith = sigmaWith;
        this.negative = negative;
    }

    /** The defaults (0.5, 0.5, negative). */
    public CccTomoThresh() { this(0.5, 0.5, true); }

    private static Comparator create(Params p) {
        return new CccTomoThresh(p.getDouble("sigmaimg"), p.getDouble("sigmawith"), p.getBool("negative"));
    }

    @Override
    public String name() { return NAME; }

    @Override
    public double compare(FourierVolume image, FourierVolume with, double apix) { return evaluate(image, with).score(); }

    /** Score and coverage of the two transforms (same shape). */
    public Result evaluate(FourierVolume image, FourierVolume with) {
        return evaluate(image, floatSigma(image.data), with, floatSigma(with.data));
    }

    /** The transform with its float σ ({@link #floatSigma}), the only thing this comparator measures of one volume. */
    @Override
    public Prepared prepare(FourierVolume f) { return new Prepared(f, floatSigma(f.data)); }

    @Override
    public double compare(Prepared image, Prepared with, double apix) {
        return evaluate(image.transform(), image.statistic(), with.transform(), with.statistic()).score();
    }

    /** {@link #evaluate(FourierVolume, FourierVolume)} with each transform's σ already measured. */
    private Result evaluate(FourierVolume image, double sigmaA, FourierVolume with, double sigmaB) {
        if (!image.sameShape(with)) throw new IllegalArgumentException(NAME + ": shapes differ");
        float[] a = image.data, b = with.data;
        double t1 = sq(sigmaA * sigmaImg), t2 = sq(sigmaB * sigmaWith);
        double s = 0, aa = 0, bb = 0;
        long c = 0;
        for (int i = 0; i < a.length; i += 2) {
            double ar = a[i], ai = a[i + 1], br = b[i], bi = b[i + 1];
            double p1 = ar * ar + ai * ai, p2 = br * br + bi * bi;
            if (p1 < t1 || p2 < t2) continue;
            s += ar * br + ai * bi;
            aa += p1;
            bb += p2;
            c++;
        }
        double ccc = s / (Math.sqrt(aa) * Math.sqrt(bb));
        return new Result(negative ? -ccc : ccc, 2.0 * c / a.length);
    }

    @Override
    public double compareWeighted(FourierVolume particle, org.jspt.ctf.FourierWeight weight, FourierVolume reference, double apix) {
        return evaluateWeighted(particle, weight, reference).score();
    }

    /** Score and coverage of a particle (image 1) with weight M against M·reference (see the class comment). */
    public Result evaluateWeighted(FourierVolume particle, org.jspt.ctf.FourierWeight weight, FourierVolume reference) {
        if (!particle.sameShape(reference)) throw new IllegalArgumentException(NAME + ": shapes differ");
        weight.check(particle);
        float[] a = particle.data, b = reference.data, m = weight.values;
        double t2 = sq(floatSigma(b) * sigmaWith);
        double s = 0, aa = 0, bb = 0;
        long c = 0;
        for (int j = 0, i = 0; j < m.length; j++, i += 2) {
            double mj = m[j];
            if (mj == 0) continue;
            double br = b[i], bi = b[i + 1];
            if (br * br + bi * bi < t2) continue;
            double ar = a[i], ai = a[i + 1];
            br *= mj;
            bi *= mj;
            s += ar * br + ai * bi;
            aa += ar * ar + ai * ai;
            bb += br * br + bi * bi;
            c++;
        }
        double ccc = s / (Math.sqrt(aa) * Math.sqrt(bb));
        return new Result(negative ? -ccc : ccc, 2.0 * c / a.length);
    }

    /** Score and coverage of two real volumes (transforms them; allocates). */
    public Result evaluate(org.jspt.image.Volume image, org.jspt.image.Volume with) {
        return evaluate(org.jspt.image.Fft.forward(image), org.jspt.image.Fft.forward(with));
    }

    /** Sample standard deviation (n − 1) of the floats of a transform, padding included (EMAN2's "sigma"). */
    static double floatSigma(float[] d) {
        double s = 0;
        for (float v : d) s += v;
        double m = s / d.length, q = 0;
        for (float v : d) q += (v - m) * (v - m);
        return Math.sqrt(q / (d.length - 1));
    }

    private static double sq(double x) { return x * x; }
}
