package org.jspt.proc.filter;

import org.jspt.image.Volume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.Params;
import org.jspt.proc.Processor;

/**
 * {@code filter.lowpass.tophat} (H = 1 if s² ≤ c², else 0) and {@code filter.highpass.tophat}
 * (H = 0 if s² ≤ c², else 1), {@code docs/reference/processing.md} §3.8. {@code sigma} is an alias of cutoff_abs.
 */
public final class TophatFilter extends RadialFourierFilter {
    public static final Descriptor<Processor> LOWPASS = descriptor(false);
    public static final Descriptor<Processor> HIGHPASS = descriptor(true);

    private final boolean high;
    private final Cutoff cutoff;

    private TophatFilter(boolean high, Cutoff cutoff) {
        this.high = high;
        this.cutoff = cutoff;
    }

    private static Descriptor<Processor> descriptor(boolean high) {
        String what = high ? "sharp high-pass: H = 0 for s ≤ c, else 1" : "sharp low-pass: H = 1 for s ≤ c, else 0";
        return new Descriptor<>(high ? "filter.highpass.tophat" : "filter.lowpass.tophat", what,
                Cutoff.params(true, "alias of cutoff_abs", true), p -> create(high, p));
    }

    private static Processor create(boolean high, Params p) { return new TophatFilter(high, Cutoff.required(p, true)); }

    @Override
    public String name() { return high ? "filter.highpass.tophat" : "filter.lowpass.tophat"; }

    @Override
    Gain gain(Volume in) {
        double c = cutoff.cyclesPerPixel(in), c2 = c * c;
        return high ? s -> s * s <= c2 ? 0 : 1 : s -> s * s <= c2 ? 1 : 0;
    }

    @Override
    void stamp(Volume out) { cutoff.stampApix(out); }
}
