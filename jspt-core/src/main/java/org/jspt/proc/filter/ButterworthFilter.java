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
 * {@code filter.lowpass.butterworth} / {@code filter.highpass.butterworth} ({@code docs/reference/processing.md} §3.5–3.6):
 * H(s) = sqrt(1/(1 + (s/ω₀)^order)), order = 2·log10(ε/√(a² − 1))/log10(ωL/ωH), ω₀ = ωL/ε^(2/order),
 * ε = 0.882, a = 10.624; so H(ωL) = 1/√(1 + ε²) and H(ωH) = 1/a. From a single cutoff c: ωL = c,
 * ωH = c + 0.15·log10(1/c). High-pass: 1 − H. NB: {@code apix} is ignored, as in EMAN2.
 */
public final class ButterworthFilter extends RadialFourierFilter {
    public static final Descriptor<Processor> LOWPASS = descriptor(false);
    public static final Descriptor<Processor> HIGHPASS = descriptor(true);
    static final double EPS = 0.882, A = 10.624;

    private final boolean high;
    private final Cutoff cutoff;
    private final double low, hi;

    private ButterworthFilter(boolean high, Cutoff cutoff, double low, double hi) {
        this.high = high;
        this.cutoff = cutoff;
        this.low = low;
        this.hi = hi;
    }

    private static Descriptor<Processor> descriptor(boolean high) {
        List<ParamSpec> ps = new ArrayList<>(Cutoff.params(true, "alias of cutoff_abs", false));
        ps.add(ParamSpec.of("low_cutoff_frequency", ParamType.FLOAT, "ωL in cycles/px (with high_cutoff_frequency)"));
        ps.add(ParamSpec.of("high_cutoff_frequency", ParamType.FLOAT, "ωH in cycles/px (with low_cutoff_frequency)"));
        String what = high ? "Butterworth high-pass: 1 − the Butterworth low-pass"
                : "Butterworth low-pass: H(s) = sqrt(1/(1 + (s/ω0)^order)), H(ωL) = 0.75, H(ωH) = 1/10.624";
        return new Descriptor<>(high ? "filter.highpass.butterworth" : "filter.lowpass.butterworth", what, ps, p -> create(high, p));
    }

    private static Processor create(boolean high, Params p) {
        if (p.has("low_cutoff_frequency") || p.has("high_cutoff_frequency")) {
            p.require(p.has("low_cutoff_frequency") && p.has("high_cutoff_frequency"),
                    "give both low_cutoff_frequency and high_cutoff_frequency");
            double l = p.getDouble("low_cutoff_frequency"), h = p.getDouble("high_cutoff_frequency");
            p.require(l > 0 && h > l, "need 0 < low_cutoff_frequency < high_cutoff_frequency");
            return new ButterworthFilter(high, null, l, h);
        }
        return new ButterworthFilter(high, Cutoff.required(p, false), Double.NaN, Double.NaN);
    }

    @Override
    public String name() { return high ? "filter.highpass.butterworth" : "filter.lowpass.butterworth"; }

    @Override
    Gain gain(Volume in) {
        double wl = low, wh = hi;
        if (cutoff != null) {
            wl = cutoff.cyclesPerPixel(in);
            wh = wl + 0.15 * Math.log10(1 / wl);
        }
        double order = 2 * Math.log10(EPS / Math.sqrt(A * A - 1)) / Math.log10(wl / wh);
        double w0 = wl / Math.pow(EPS, 2 / order);
        Gain lp = s -> Math.sqrt(1 / (1 + Math.pow(s / w0, order)));
        return high ? s -> 1 - lp.at(s) : lp;
    }
}
