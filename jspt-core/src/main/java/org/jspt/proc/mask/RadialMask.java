package org.jspt.proc.mask;

import java.util.ArrayList;
import java.util.List;
import org.jspt.image.Volume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;

/**
 * {@code mask.sharp} and {@code mask.soft} ({@code docs/reference/processing.md} §5.1–5.2). Centre (nx/2 + dx, ny/2 + dy,
 * nz/2 + dz), d = distance of the integer voxel from it, radii in px. A negative outer radius means
 * nx/2 + outer_radius + 1. Absent outer radius: no outer mask; absent or ≤ 0 inner radius: no inner mask.
 * Sharp: v ← value where d² ≥ r_out² or d² &lt; r_in². Soft: beyond r_out
 * v ← value + (v − value)·exp(−((d − r_out)/width)²), inside r_in likewise with (r_in − d).
 */
public final class RadialMask implements Processor {
    public static final Descriptor<Processor> SHARP = descriptor(false);
    public static final Descriptor<Processor> SOFT = descriptor(true);

    private final boolean soft;
    private final double inner, outer, value, width, dx, dy, dz;

    private RadialMask(boolean soft, double inner, double outer, double value, double width, double dx, double dy, double dz) {
        this.soft = soft;
        this.inner = inner;
        this.outer = outer;
        this.value = value;
        this.width = width;
        this.dx = dx;
        this.dy = dy;
        this.dz = dz;
    }

    private static Descriptor<Processor> descriptor(boolean soft) {
        List<ParamSpec> ps = new ArrayList<>(List.of(
                ParamSpec.of("inner_radius", ParamType.FLOAT, "inner radius in px (absent or ≤ 0: none)"),
                ParamSpec.of("outer_radius", ParamType.FLOAT, "outer radius in px; negative: nx/2 + outer_radius + 1"),
                ParamSpec.of("value", ParamType.FLOAT, 0.0, "the value outside the mask"),
                ParamSpec.of("dx", ParamType.FLOAT, 0.0, "x offset of the centre from nx/2 (px)"),
                ParamSpec.of("dy", ParamType.FLOAT, 0.0, "y offset of the centre from ny/2 (px)"),
                ParamSpec.of("dz", ParamType.FLOAT, 0.0, "z offset of the centre from nz/2 (px)")));
        if (soft) ps.add(ParamSpec.of("width", ParamType.FLOAT, 4.0, "1/e width of the Gaussian fall-off (px)"));
        String what = soft ? "spherical mask with a Gaussian fall-off beyond the radii" : "sharp spherical (shell) mask";
        return new Descriptor<>(soft ? "mask.soft" : "mask.sharp", what, ps, p -> create(soft, p));
    }

    private static Processor create(boolean soft, Params p) {
        double w = soft ? p.getDouble("width") : 0;
        p.require(!soft || w > 0, "width must be > 0");
        return new RadialMask(soft, p.getDouble("inner_radius", Double.NaN), p.getDouble("outer_radius", Double.NaN),
                p.getDouble("value"), w, p.getDouble("dx"), p.getDouble("dy"), p.getDouble("dz"));
    }

    @Override
    public String name() { return soft ? "mask.soft" : "mask.sharp"; }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.copyInto(this, in, out);
        boolean hasOuter = !Double.isNaN(outer), hasInner = !Double.isNaN(inner) && inner > 0;
        double rOut = hasOuter ? (outer < 0 ? in.nx / 2 + outer + 1 : outer) : 0;
        double rOut2 = rOut * rOut, rIn2 = hasInner ? inner * inner : 0;
        double cx = in.nx / 2 + dx, cy = in.ny / 2 + dy, cz = in.nz / 2 + dz;
        float[] d = out.data;
        for (int z = 0; z < in.nz; z++) {
            double z2 = (z - cz) * (z - cz);
            for (int y = 0; y < in.ny; y++) {
                double yz2 = z2 + (y - cy) * (y - cy);
                int row = in.nx * (y + in.ny * z);
                for (int x = 0; x < in.nx; x++) {
                    double r2 = yz2 + (x - cx) * (x - cx);
                    int i = row + x;
                    if (!soft) {
                        if ((hasOuter && r2 >= rOut2) || (hasInner && r2 < rIn2)) d[i] = (float) value;
                    } else if (hasOuter && r2 > rOut2) {
                        double t = (Math.sqrt(r2) - rOut) / width;
                        d[i] = (float) (value + (d[i] - value) * Math.exp(-t * t));
                    } else if (hasInner && r2 < rIn2) {
                        double t = (inner - Math.sqrt(r2)) / width;
                        d[i] = (float) (value + (d[i] - value) * Math.exp(-t * t));
                    }
                }
            }
        }
    }
}
