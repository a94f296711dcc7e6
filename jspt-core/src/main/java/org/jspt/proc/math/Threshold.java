package org.jspt.proc.math;

import java.util.List;
import org.jspt.image.Volume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;

/**
 * The thresholds of {@code docs/reference/processing.md} §6: {@code threshold.belowtozero} (v &lt; minval → 0),
 * {@code threshold.clampminmax} (clamp to [minval, maxval], or with tomean/tozero set clamped voxels to the
 * mean / 0), {@code threshold.clampminmax.nsigma} (the same with mean ∓ nsigma·sigma, sample sigma) and
 * {@code threshold.binaryrange} (1 if low ≤ v ≤ high else 0).
 */
public final class Threshold implements Processor {
    private enum Mode { BELOW_TO_ZERO, CLAMP, CLAMP_NSIGMA, BINARY_RANGE }

    private static final ParamSpec TOMEAN = ParamSpec.of("tomean", ParamType.BOOL, false, "clamped voxels become the mean");
    private static final ParamSpec TOZERO = ParamSpec.of("tozero", ParamType.BOOL, false, "clamped voxels become 0");

    public static final Descriptor<Processor> BELOW_TO_ZERO = new Descriptor<>("threshold.belowtozero",
            "v < minval → 0", List.of(ParamSpec.of("minval", ParamType.FLOAT, 0.0, "threshold")),
            p -> new Threshold(Mode.BELOW_TO_ZERO, p.getDouble("minval"), 0, false, false));
    public static final Descriptor<Processor> CLAMP = new Descriptor<>("threshold.clampminmax",
            "clamps values to [minval, maxval]",
            List.of(ParamSpec.of("minval", ParamType.FLOAT, 0.0, "lower bound"),
                    ParamSpec.of("maxval", ParamType.FLOAT, 1.0, "upper bound"), TOMEAN, TOZERO),
            Threshold::clamp);
    public static final Descriptor<Processor> CLAMP_NSIGMA = new Descriptor<>("threshold.clampminmax.nsigma",
            "clamps values to mean ± nsigma·sigma",
            List.of(ParamSpec.of("nsigma", ParamType.FLOAT, 2.0, "number of (sample) sigmas"), TOMEAN, TOZERO),
            p -> new Threshold(Mode.CLAMP_NSIGMA, p.getDouble("nsigma"), 0, p.getBool("tomean"), p.getBool("tozero")));
    public static final Descriptor<Processor> BINARY_RANGE = new Descriptor<>("threshold.binaryrange",
            "v ← 1 if low ≤ v ≤ high, else 0",
            List.of(ParamSpec.of("low", ParamType.FLOAT, 0.0, "lower bound"), ParamSpec.of("high", ParamType.FLOAT, 0.0, "upper bound")),
            p -> new Threshold(Mode.BINARY_RANGE, p.getDouble("low"), p.getDouble("high"), false, false));

    private final Mode mode;
    private final double a, b;
    private final boolean tomean, tozero;

    private Threshold(Mode mode, double a, double b, boolean tomean, boolean tozero) {
        this.mode = mode;
        this.a = a;
        this.b = b;
        this.tomean = tomean;
        this.tozero = tozero;
    }

    private static Processor clamp(Params p) {
        p.require(p.getDouble("maxval") >= p.getDouble("minval"), "minval was greater than maxval");
        return new Threshold(Mode.CLAMP, p.getDouble("minval"), p.getDouble("maxval"), p.getBool("tomean"), p.getBool("tozero"));
    }

    @Override
    public String name() {
        switch (mode) {
            case BELOW_TO_ZERO: return "threshold.belowtozero";
            case CLAMP: return "threshold.clampminmax";
            case CLAMP_NSIGMA: return "threshold.clampminmax.nsigma";
            default: return "threshold.binaryrange";
        }
    }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.copyInto(this, in, out);
        float[] d = out.data;
        if (mode == Mode.BELOW_TO_ZERO) {
            for (int i = 0; i < d.length; i++) if (d[i] < a) d[i] = 0;
            return;
        }
        if (mode == Mode.BINARY_RANGE) {
            for (int i = 0; i < d.length; i++) d[i] = d[i] >= a && d[i] <= b ? 1f : 0f;
            return;
        }
        double mean = in.mean(), lo = a, hi = b;
        if (mode == Mode.CLAMP_NSIGMA) {
            double s = in.sigma();
            lo = mean - a * s;
            hi = mean + a * s;
        }
        float fLo = (float) lo, fHi = (float) hi;
        float low = tozero ? 0f : tomean ? (float) mean : fLo, high = tozero ? 0f : tomean ? (float) mean : fHi;
        for (int i = 0; i < d.length; i++) {
            if (d[i] < fLo) d[i] = low;
            else if (d[i] > fHi) d[i] = high;
        }
    }
}
