package org.jspt.proc.xform;

import java.util.List;
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
 * {@code xform.centerofmass} ({@code docs/reference/processing.md} §8.1): moves the centre of mass COM = Σ x·v/Σ v (over
 * voxels with v ≥ threshold; with powercenter on v², sums in float32 as EMAN2) to the centre n/2.
 * Integer mode: d = −(floor(COM + 0.5) − n/2), exact shift with zero fill; no change if |dx| ≥ nx − 1,
 * |dy| ≥ ny − 1 or |dz| ≥ nz. Sub-pixel mode (int_shift_only = 0): d = −(COM − n/2) applied with the
 * {@code xform} processor ({@link VolumeTransforms}), no change if |dx| ≥ nx − 1, |dy| ≥ ny − 2 or |dz| ≥ nz.
 * Header {@code xform.align3d} = Translate(d). If sigma = 0 the volume is copied;
 * if threshold &gt; max it becomes mean + sigma (EMAN2 warns).
 */
public final class CenterOfMass implements Processor {
    public static final Descriptor<Processor> DESCRIPTOR = new Descriptor<>("xform.centerofmass",
            "moves the centre of mass to the box centre",
            List.of(ParamSpec.of("int_shift_only", ParamType.BOOL, true, "integer shift only (0: sub-pixel, with the xform processor)"),
                    ParamSpec.of("threshold", ParamType.FLOAT, 0.0, "only voxels ≥ threshold count"),
                    ParamSpec.of("powercenter", ParamType.BOOL, false, "use v² instead of v")),
            CenterOfMass::create);

    private final boolean intOnly, power;
    private final double threshold;

    private CenterOfMass(boolean intOnly, double threshold, boolean power) {
        this.intOnly = intOnly;
        this.threshold = threshold;
        this.power = power;
    }

    private static Processor create(Params p) {
        return new CenterOfMass(p.getBool("int_shift_only"), p.getDouble("threshold"), p.getBool("powercenter"));
    }

    @Override
    public String name() { return "xform.centerofmass"; }

    /** The centre of mass {x, y, z} in voxel indices, or null if the weights sum to 0. */
    double[] centreOfMass(Volume in) {
        float[] d = in.data;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : d) max = Math.max(max, v);
        double thr = threshold > max ? in.mean() + in.sigma() : threshold;
        float sx = 0, sy = 0, sz = 0, sw = 0;
        for (int z = 0; z < in.nz; z++)
            for (int y = 0; y < in.ny; y++) {
                int row = in.nx * (y + in.ny * z);
                for (int x = 0; x < in.nx; x++) {
                    float v = d[row + x];
                    if (power) v = v * v;
                    if (v < thr) continue;
                    sx += x * v;
                    sy += y * v;
                    sz += z * v;
                    sw += v;
                }
            }
        if (sw == 0) return null;
        return new double[] {sx / sw, sy / sw, sz / sw};
    }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.copyInto(this, in, out);
        if (!(in.sigma() > 0)) return;
        double[] c = centreOfMass(in);
        if (c == null) return;
        if (!intOnly) {
            double fx = -(c[0] - in.nx / 2), fy = -(c[1] - in.ny / 2), fz = -(c[2] - in.nz / 2);
            // NB: EMAN2's sub-pixel branch tests y against ny − 2 (not ny − 1)
            if (Math.abs(fx) >= in.nx - 1 || Math.abs(fy) >= in.ny - 2 || Math.abs(fz) >= in.nz) return;
            Transform t = Transform.translation(fx, fy, fz);
            VolumeTransforms.apply(in, t, out);
            out.header().put("xform.align3d", t);
            return;
        }
        int dx = -((int) Math.floor(c[0] + 0.5) - in.nx / 2);
        int dy = -((int) Math.floor(c[1] + 0.5) - in.ny / 2);
        int dz = -((int) Math.floor(c[2] + 0.5) - in.nz / 2);
        if (Math.abs(dx) >= in.nx - 1 || Math.abs(dy) >= in.ny - 1 || Math.abs(dz) >= in.nz) return; // "center of mass outside image"
        VolumeTransforms.translateInt(in, dx, dy, dz, out);
        out.header().put("xform.align3d", Transform.translation(dx, dy, dz));
    }
}
