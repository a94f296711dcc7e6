package org.jspt.proc.filter;

import java.util.ArrayList;
import java.util.List;
import org.jspt.image.Volume;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;

/**
 * A filter cutoff in one of EMAN2's units ({@code docs/reference/processing.md} §2), resolved against a volume at apply time:
 * {@code sigma} and {@code cutoff_abs} in cycles/px (0.5 = Nyquist), {@code cutoff_freq} in 1/Å
 * (× apix), {@code cutoff_pixels} in Fourier pixels (/ nx). First present in that order wins. Immutable.
 */
final class Cutoff {
    enum Kind { SIGMA, ABS, FREQ, PIXELS }

    final Kind kind;
    final double value;
    /** The {@code apix} parameter, or NaN (use the header). */
    final double apix;

    private Cutoff(Kind kind, double value, double apix) {
        this.kind = kind;
        this.value = value;
        this.apix = apix;
    }

    /** The cutoff parameters (+ {@code apix} if {@code withApix}). */
    static List<ParamSpec> params(boolean withSigma, String sigmaText, boolean withApix) {
        List<ParamSpec> l = new ArrayList<>();
        l.add(ParamSpec.of("cutoff_abs", ParamType.FLOAT, "cutoff in cycles/px (0.5 = Nyquist)"));
        l.add(ParamSpec.of("cutoff_freq", ParamType.FLOAT, "cutoff in 1/Å (uses apix)"));
        l.add(ParamSpec.of("cutoff_pixels", ParamType.FLOAT, "cutoff in Fourier pixels (cutoff_pixels/nx cycles/px)"));
        if (withSigma) l.add(ParamSpec.of("sigma", ParamType.FLOAT, sigmaText));
        l.add(ParamSpec.of("apix", ParamType.FLOAT, withApix ? "Å/px; overrides the header's apix_x/y/z"
                : "accepted but ignored, as in EMAN2 (the header's apix_x is used)"));
        return l;
    }

    /** The cutoff given in {@code p}, or null if none. */
    static Cutoff from(Params p, boolean honourApix) {
        double apix = honourApix && p.has("apix") ? p.getDouble("apix") : Double.NaN;
        if (p.has("apix")) p.require(p.getDouble("apix") > 0, "apix must be > 0");
        Cutoff c = null;
        if (p.has("sigma")) c = new Cutoff(Kind.SIGMA, p.getDouble("sigma"), apix);
        else if (p.has("cutoff_abs")) c = new Cutoff(Kind.ABS, p.getDouble("cutoff_abs"), apix);
        else if (p.has("cutoff_freq")) c = new Cutoff(Kind.FREQ, p.getDouble("cutoff_freq"), apix);
        else if (p.has("cutoff_pixels")) c = new Cutoff(Kind.PIXELS, p.getDouble("cutoff_pixels"), apix);
        if (c != null) p.require(c.value > 0 && Double.isFinite(c.value), "the cutoff must be a positive number, got " + c.value);
        return c;
    }

    /** A holder for an {@code apix} override with no cutoff (used with cutoff_resolv). */
    static Cutoff fromApixOnly(double apix) { return new Cutoff(Kind.ABS, Double.NaN, apix); }

    /** Like {@link #from} but a cutoff is required. */
    static Cutoff required(Params p, boolean honourApix) {
        Cutoff c = from(p, honourApix);
        p.require(c != null, "a cutoff_abs, cutoff_freq, cutoff_pixels or sigma parameter is required");
        return c;
    }

    /** The pixel size to use for {@code in}. */
    double apix(Volume in) { return Double.isNaN(apix) ? in.apix() : apix; }

    /** The cutoff in cycles/px for {@code in} (for SIGMA: the sigma value itself). */
    double cyclesPerPixel(Volume in) {
        switch (kind) {
            case FREQ: return value * apix(in);
            case PIXELS: return value / in.nx;
            default: return value;
        }
    }

    /** Sets the output's apix to the {@code apix} parameter if one was given (EMAN2 does). */
    void stampApix(Volume out) {
        if (!Double.isNaN(apix)) out.setApix(apix);
    }
}
