package org.jspt.proc.mask;

import java.util.List;
import org.jspt.image.Volume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;

/**
 * {@code mask.fromfile} ({@code docs/reference/processing.md} §5.3): v ← v·m. The caller loads the file: {@code filename}
 * is resolved to a Volume by the resolver given to the parser (or {@code image} is passed as a Volume). With
 * maskset ≥ 0 the mask is first made binary: 1 where maskset − 0.5 ≤ m ≤ maskset + 0.5, else 0.
 * NB: a size mismatch is an IllegalArgumentException here (EMAN2 prints a message and leaves the volume unchanged).
 */
public final class FileMask implements Processor {
    public static final Descriptor<Processor> DESCRIPTOR = new Descriptor<>("mask.fromfile",
            "multiplies by a mask read from a file (or given as a volume)",
            List.of(ParamSpec.of("filename", ParamType.VOLUME, "mask file, loaded by the caller into a volume"),
                    ParamSpec.of("image", ParamType.VOLUME, "the mask as a volume (alternative to filename)"),
                    ParamSpec.of("maskset", ParamType.INT, -1, "if ≥ 0: use the binary mask |m − maskset| ≤ 0.5")),
            FileMask::create);

    private final Volume mask;

    private FileMask(Volume mask) { this.mask = mask; }

    private static Processor create(Params p) {
        p.require(p.has("filename") || p.has("image"), "give filename or image");
        Volume m = (p.has("image") ? p.getVolume("image") : p.getVolume("filename")).copy();
        int set = p.getInt("maskset");
        if (set >= 0) {
            for (int i = 0; i < m.data.length; i++) m.data[i] = m.data[i] >= set - 0.5f && m.data[i] <= set + 0.5f ? 1f : 0f;
        }
        return new FileMask(m);
    }

    @Override
    public String name() { return "mask.fromfile"; }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.checkOutput(this, in, out);
        if (!mask.sameShape(in)) throw new IllegalArgumentException("mask.fromfile: mask size " + mask.shape() + " differs from image " + in.shape());
        Processors.copyHeader(in, out);
        float[] v = in.data, m = mask.data, d = out.data;
        for (int i = 0; i < v.length; i++) d[i] = v[i] * m[i];
    }
}
