package org.jspt.proc.filter;

import java.util.ArrayList;
import java.util.List;
import org.jspt.image.Volume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;
import org.jspt.proc.Processor;

/**
 * {@code filter.lowpass.gauss} H(s) = exp(−s²/c²) and {@code filter.highpass.gauss} H = 1 − that
 * ({@code docs/reference/processing.md} §3.1–3.2). With {@code sigma} the Gaussian σ is used directly:
 * exp(−s²/(2σ²)). Low-pass only: {@code cutoff_resolv} (1/Å) gives σ' = sqrt(−4 ln 0.36)/(π R),
 * R = 1/(cutoff_resolv·apix), H = exp(−s²/σ'²).
 */
public final class GaussFilter extends RadialFourierFilter {
    public static final Descriptor<Processor> LOWPASS = descriptor(false);
    public static final Descriptor<Processor> HIGHPASS = descriptor(true);

    private final boolean high;
    private final Cutoff cutoff;
    /** cutoff_resolv in 1/Å, or NaN. */
    private final double resolv;

    private GaussFilter(boolean high, Cutoff cutoff, double resolv) {
        this.high = high;
        this.cutoff = cutoff;
        this.resolv = resolv;
    }

    private static Descriptor<Processor> descriptor(boolean high) {
        List<ParamSpec> ps = new ArrayList<>(Cutoff.params(true, "the Gaussian σ in cycles/px: H = exp(−s²/(2σ²))", true));
        if (!high) ps.add(ParamSpec.of("cutoff_resolv", ParamType.FLOAT, "resolution-based cutoff in 1/Å (used if no other cutoff)"));
        String what = high ? "Gaussian high-pass: H(s) = 1 − exp(−s²/c²); H(c) = 1 − 1/e"
                : "Gaussian low-pass: H(s) = exp(−s²/c²); H(c) = 1/e";
        return new Descriptor<>(high ? "filter.highpass.gauss" : "filter.lowpass.gauss", what, ps, p -> create(high, p));
    }

    private static Processor create(boolean high, Params p) {
        Cutoff c = Cutoff.from(p, true);
        double resolv = Double.NaN;
        if (c == null) {
            p.require(!high && p.has("cutoff_resolv"), "a cutoff_abs, cutoff_freq, cutoff_pixels, sigma"
                    + (high ? "" : " or cutoff_resolv") + " parameter is required");
            resolv = p.getDouble("cutoff_resolv");
            p.require(resolv > 0, "cutoff_resolv must be > 0");
            if (p.has("apix")) c = Cutoff.fromApixOnly(p.getDouble("apix"));
        }
        return new GaussFilter(high, c, resolv);
    }

    @Override
    public String name() { return high ? "filter.highpass.gauss" : "filter.lowpass.gauss"; }

    @Override
    Gain gain(Volume in) {
        final double k; // H = exp(−k·s²)
        if (!Double.isNaN(resolv)) {
            double apix = cutoff == null ? in.apix() : cutoff.apix(in);
            double r = 1.0 / (resolv * apix);
            double sig = Math.sqrt(-4 * Math.log(0.36)) / (Math.PI * r);
            k = 1.0 / (sig * sig);
        } else if (cutoff.kind == Cutoff.Kind.SIGMA) {
            k = 1.0 / (2 * cutoff.value * cutoff.value);
        } else {
            double c = cutoff.cyclesPerPixel(in);
            k = 1.0 / (c * c);
        }
        return high ? s -> 1 - Math.exp(-k * s * s) : s -> Math.exp(-k * s * s);
    }

    @Override
    void stamp(Volume out) {
        if (cutoff != null) cutoff.stampApix(out);
    }
}
