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
 * {@code xform} ({@code docs/reference/processing.md} §8.3, {@code docs/reference/alignment.md} §2.6): applies a Transform in real space
 * with trilinear interpolation about the centre voxel (content at p moves to T·p, zero outside), through
 * {@link VolumeTransforms}. The Transform is {@code transform} (given programmatically) or EMAN Euler
 * angles {@code az, alt, phi} (degrees; {@code alpha} = az for 2-D) and translation {@code tx, ty, tz} (px).
 * {@code zerocorners} is accepted for EMAN2 compatibility; it only matters for Fourier-space application,
 * which this processor does not do (the real-space result is already 0 outside the source).
 */
public final class TransformProcessor implements Processor {
    public static final Descriptor<Processor> DESCRIPTOR = new Descriptor<>("xform",
            "rotates and translates the volume by a Transform (real space, trilinear, about the centre voxel)",
            List.of(ParamSpec.of("transform", ParamType.TRANSFORM, "the Transform (programmatic only)"),
                    ParamSpec.of("az", ParamType.FLOAT, "EMAN az (degrees)"),
                    ParamSpec.of("alt", ParamType.FLOAT, "EMAN alt (degrees)"),
                    ParamSpec.of("phi", ParamType.FLOAT, "EMAN phi (degrees)"),
                    ParamSpec.of("alpha", ParamType.FLOAT, "2-D in-plane angle (degrees), same as az"),
                    ParamSpec.of("tx", ParamType.FLOAT, "x translation (px)"),
                    ParamSpec.of("ty", ParamType.FLOAT, "y translation (px)"),
                    ParamSpec.of("tz", ParamType.FLOAT, "z translation (px)"),
                    ParamSpec.of("zerocorners", ParamType.INT, 0, "Fourier-space option of EMAN2; no effect in real space")),
            TransformProcessor::create);

    private final Transform transform;

    public TransformProcessor(Transform transform) { this.transform = transform; }

    private static Processor create(Params p) {
        boolean angles = false;
        for (String k : new String[] {"az", "alt", "phi", "alpha", "tx", "ty", "tz"}) angles |= p.given(k);
        if (p.has("transform")) {
            p.require(!angles, "give either transform or az/alt/phi/tx/ty/tz, not both");
            return new TransformProcessor(p.getTransform("transform"));
        }
        p.require(!(p.given("alpha") && p.given("az")), "alpha and az are the same angle; give one");
        double az = p.given("alpha") ? p.getDouble("alpha") : p.getDouble("az", 0);
        return new TransformProcessor(Transform.eman(az, p.getDouble("alt", 0), p.getDouble("phi", 0),
                p.getDouble("tx", 0), p.getDouble("ty", 0), p.getDouble("tz", 0)));
    }

    @Override
    public String name() { return "xform"; }

    public Transform transform() { return transform; }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.checkOutput(this, in, out);
        VolumeTransforms.apply(in, transform, out);
    }
}
