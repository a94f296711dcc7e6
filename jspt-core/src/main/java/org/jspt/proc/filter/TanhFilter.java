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
 * {@code filter.lowpass.tanh}: H(s) = ½·[tanh(K(s + c)) − tanh(K(s − c))], K = π/(2·fall_off·c), so H(c) ≈ ½;
 * {@code filter.highpass.tanh}: 1 − that ({@code docs/reference/processing.md} §3.3–3.4). {@code sigma} is an alias of
 * cutoff_abs here.
 *
 * <p>NB: EMAN2's high-pass uses s² in place of s (a bug: the effective cutoff is √c). This implementation
 * uses the intended formula with s, as docs/reference/processing.md decides, so results differ from EMAN2's.
 */
public final class TanhFilter extends RadialFourierFilter {
    public static final Descriptor<Processor> LOWPASS = descriptor(false);
    public static final Descriptor<Processor> HIGHPASS = descriptor(true);

    private final boolean high;
    private final Cutoff cutoff;
    private final double fallOff;

    private TanhFilter(boolean high, Cutoff cutoff, double fallOff) {
        this.high = high;
        this.cutoff = cutoff;
        this.fallOff = fallOff;
    }

    private static Descriptor<Processor> descriptor(boolean high) {
        List<ParamSpec> ps = new ArrayList<>(Cutoff.params(true, "alias of cutoff_abs", true));
        ps.add(ParamSpec.of("fall_off", ParamType.FLOAT, 0.5, "width of the tanh fall-off, relative to the cutoff"));
        String what = high ? "tanh high-pass: 1 − the tanh low-pass (intended formula; EMAN2 uses s² by mistake)"
                : "tanh low-pass: H(s) = ½[tanh(K(s+c)) − tanh(K(s−c))], K = π/(2·fall_off·c); H(c) ≈ ½";
        return new Descriptor<>(high ? "filter.highpass.tanh" : "filter.lowpass.tanh", what, ps, p -> create(high, p));
    }

    private static Processor create(boolean high, Params p) {
        Cutoff c = Cutoff.required(p, true);
        double f = p.getDouble("fall_off");
        p.require(f > 0, "fall_off must be > 0");
        return new TanhFilter(high, c, f);
    }

    @Override
    public String name() { return high ? "filter.highpass.tanh" : "filter.lowpass.tanh"; }

    @Override
    Gain gain(Volume in) {
        double c = cutoff.cyclesPerPixel(in); // SIGMA acts as cutoff_abs
        double k = Math.PI / (2 * fallOff * c);
        Gain low = s -> 0.5 * (Math.tanh(k * (s + c)) - Math.tanh(k * (s - c)));
        return high ? s -> 1 - low.at(s) : low;
    }

    @Override
    void stamp(Volume out) { cutoff.stampApix(out); }
}
