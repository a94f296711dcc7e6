package org.jspt.proc.normalize;

import java.util.List;
import org.jspt.image.Volume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;

/**
 * {@code normalize.mask} ({@code docs/reference/processing.md} §4.3). Over the k voxels with mask m ≠ 0, u = v·m if
 * apply_mask else v; mean = Σu/k; σ = population σ of u (1 with no_sigma). apply_mask = 0: every voxel
 * becomes (v − mean)/σ; apply_mask ≠ 0: voxels with m = 0 become 0, the others (v·m − mean)/σ.
 * The mask volume is copied when the processor is built.
 */
public final class NormalizeMask implements Processor {
    public static final Descriptor<Processor> DESCRIPTOR = new Descriptor<>("normalize.mask",
            "normalises by mean and population sigma over the voxels where the mask is non-zero",
            List.of(ParamSpec.of("mask", ParamType.VOLUME, "the mask volume (same size; non-zero = inside)"),
                    ParamSpec.of("no_sigma", ParamType.BOOL, false, "only subtract the mean"),
                    ParamSpec.of("apply_mask", ParamType.BOOL, false, "multiply by the mask and zero the outside")),
            NormalizeMask::create);

    private final Volume mask;
    private final boolean noSigma, applyMask;

    private NormalizeMask(Volume mask, boolean noSigma, boolean applyMask) {
        this.mask = mask.copy();
        this.noSigma = noSigma;
        this.applyMask = applyMask;
    }

    private static Processor create(Params p) {
        return new NormalizeMask(p.getVolume("mask"), p.getBool("no_sigma"), p.getBool("apply_mask"));
    }

    @Override
    public String name() { return "normalize.mask"; }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.copyInto(this, in, out);
        if (!mask.sameShape(in)) throw new IllegalArgumentException("normalize.mask: mask is " + mask.shape() + ", image is " + in.shape());
        float[] v = in.data, m = mask.data, d = out.data;
        double s = 0, s2 = 0;
        long k = 0;
        for (int i = 0; i < v.length; i++) {
            if (m[i] == 0) continue;
            double u = applyMask ? v[i] * m[i] : v[i];
            s += u;
            s2 += u * u;
            k++;
        }
        if (k == 0) return;
        double mean = s / k;
        double sigma = noSigma ? 1 : Math.sqrt(Math.max(0, (s2 - s * s / k) / k));
        if (!(sigma > 0)) sigma = 1; // NB: EMAN2 would divide by 0 here; a constant masked region only gets its mean removed
        for (int i = 0; i < v.length; i++) {
            if (applyMask) d[i] = m[i] == 0 ? 0f : (float) ((v[i] * m[i] - mean) / sigma);
            else d[i] = (float) ((v[i] - mean) / sigma);
        }
    }
}
