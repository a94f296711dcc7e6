package org.jspt.proc.xform;

import java.util.List;
import org.jspt.geom.Symmetry;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;

/**
 * {@code xform.applysym} ({@code docs/reference/processing.md} §11.3): the mean of the volume transformed by each symmetry
 * operator g_i (real-space {@code xform}, trilinear; g_i itself, not its inverse, as EMAN2). c1 → copy.
 * Only {@code averager=mean} is supported: the mean is computed here so that proc does not depend on the
 * averagers. 2-D images: c n only. Allocates one scratch volume per call.
 */
public final class ApplySym implements Processor {
    public static final Descriptor<Processor> DESCRIPTOR = new Descriptor<>("xform.applysym",
            "symmetrises: mean of the volume transformed by every operator of 'sym'",
            List.of(ParamSpec.of("sym", ParamType.STRING, "c1", "symmetry: c<n>, d<n>, tet, oct, icos, h…"),
                    ParamSpec.of("averager", ParamType.STRING, "mean", "only 'mean' is supported")),
            ApplySym::create);

    private final Symmetry sym;

    public ApplySym(Symmetry sym) { this.sym = sym; }

    private static Processor create(Params p) {
        p.require(p.getString("averager").equals("mean"), "averager '" + p.getString("averager") + "' is not supported; known: mean");
        Symmetry s;
        try {
            s = Symmetry.parse(p.getString("sym"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + p.spec() + "': " + e.getMessage(), e);
        }
        return new ApplySym(s);
    }

    @Override
    public String name() { return "xform.applysym"; }

    public Symmetry symmetry() { return sym; }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.checkOutput(this, in, out);
        if (in.nz == 1 && sym.kind() != Symmetry.Kind.C) throw new IllegalArgumentException("xform.applysym: only c<n> symmetry for 2-D images, got " + sym);
        if (sym.order() == 1) { // c1 (or h1): the identity
            Processors.copyInto(this, in, out);
            return;
        }
        double[] sum = new double[in.data.length];
        Volume tmp = new Volume(in.nx, in.ny, in.nz);
        for (Transform g : sym.operators()) {
            VolumeTransforms.apply(in, g, tmp);
            float[] t = tmp.data;
            for (int i = 0; i < sum.length; i++) sum[i] += t[i];
        }
        Processors.copyHeader(in, out);
        double inv = 1.0 / sym.order();
        for (int i = 0; i < sum.length; i++) out.data[i] = (float) (sum[i] * inv);
    }
}
