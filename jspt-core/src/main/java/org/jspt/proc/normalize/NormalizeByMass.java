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
 * {@code normalize.bymass} ({@code docs/reference/processing.md} §4.4): finds the threshold T at which the volume above T
 * (count(v ≥ T)·apix³·0.81/1000 kDa) matches {@code mass}, by EMAN2's float32 step search, then scales the
 * volume by thr/T so the mass-enclosing contour has density {@code thr} (default mean + sigma).
 */
public final class NormalizeByMass implements Processor {
    public static final Descriptor<Processor> DESCRIPTOR = new Descriptor<>("normalize.bymass",
            "scales the volume so the contour enclosing 'mass' kDa has density 'thr'",
            List.of(ParamSpec.of("mass", ParamType.FLOAT, "mass in kDa (required, > 0)"),
                    ParamSpec.of("thr", ParamType.FLOAT, "density at the mass contour (default mean + sigma)"),
                    ParamSpec.of("apix", ParamType.FLOAT, "Å/px (default: header apix_x)"),
                    ParamSpec.of("verbose", ParamType.INT, 0, "accepted for EMAN2 compatibility; prints nothing")),
            NormalizeByMass::create);

    private final double mass, thr, apix;

    private NormalizeByMass(double mass, double thr, double apix) {
        this.mass = mass;
        this.thr = thr;
        this.apix = apix;
    }

    private static Processor create(Params p) {
        p.require(p.has("mass") && p.getDouble("mass") > 0, "mass (kDa) must be given and > 0");
        double apix = p.getDouble("apix", Double.NaN);
        p.require(Double.isNaN(apix) || apix > 0, "apix must be > 0");
        return new NormalizeByMass(p.getDouble("mass"), p.getDouble("thr", Double.NaN), apix);
    }

    @Override
    public String name() { return "normalize.bymass"; }

    private static float massAbove(float[] d, float t, float perVoxel) {
        int n = 0;
        for (float v : d) if (v >= t) n++;
        return n * perVoxel;
    }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.copyInto(this, in, out);
        float[] d = in.data;
        float mean = (float) in.mean(), sigma = (float) in.sigma(), min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float v : d) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double a = Double.isNaN(apix) ? in.apix() : apix;
        float perVoxel = (float) (a * a * a * 0.81 / 1000);
        float target = (float) mass;
        double threshold = Double.isNaN(thr) ? mean + sigma : thr;
        // NB: EMAN2's search in float32: T and step are floats.
        float t = mean + sigma / 2, step = sigma / 5;
        float vol = massAbove(d, t, perVoxel);
        int steps = 0;
        for (int pass = 0; pass < 4; pass++) {
            while (t < max && vol > target) {
                t += step;
                vol = massAbove(d, t, perVoxel);
                if (++steps > 1000) throw new IllegalStateException("normalize.bymass: no threshold found in 1000 steps");
            }
            step /= 4;
            while (t > min && vol < target) {
                t -= step;
                vol = massAbove(d, t, perVoxel);
                if (++steps > 1000) throw new IllegalStateException("normalize.bymass: no threshold found in 1000 steps");
            }
            step /= 4;
        }
        double ratio = threshold / t;
        if (!(ratio > 0)) return; // NB: EMAN2 warns and leaves the volume unchanged
        float[] o = out.data;
        for (int i = 0; i < o.length; i++) o[i] = (float) (o[i] * ratio);
    }
}
