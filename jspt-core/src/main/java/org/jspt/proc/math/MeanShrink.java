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
 * {@code math.meanshrink} ({@code docs/reference/processing.md} §7.1): output size floor(N/n) per axis (an axis of size 1
 * stays 1), each voxel the mean of its n×n×n input block; leftover edge voxels are dropped; apix × n.
 * NB: EMAN2's n = 1.5 (2-D only) is not implemented; n must be an integer ≥ 2.
 */
public final class MeanShrink implements Processor {
    public static final Descriptor<Processor> DESCRIPTOR = new Descriptor<>("math.meanshrink",
            "shrinks by an integer factor n, averaging n×n×n blocks",
            List.of(ParamSpec.of("n", ParamType.FLOAT, "integer shrink factor ≥ 2")), MeanShrink::create);

    private final int n;

    private MeanShrink(int n) { this.n = n; }

    private static Processor create(Params p) {
        double n = p.getDouble("n");
        p.require(n == Math.floor(n) && n >= 2 && n < 1e6, "n must be an integer ≥ 2 (EMAN2's 1.5 works for 2-D images only and is not implemented), got " + n);
        return new MeanShrink((int) n);
    }

    @Override
    public String name() { return "math.meanshrink"; }

    private int out(int size) { return size == 1 ? 1 : size / n; }

    @Override
    public int[] outputShape(Volume in) {
        int[] s = {out(in.nx), out(in.ny), out(in.nz)};
        if (s[0] < 1 || s[1] < 1 || s[2] < 1) throw new IllegalArgumentException("math.meanshrink: " + in.shape() + " is smaller than n = " + n);
        return s;
    }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.checkOutput(this, in, out);
        Processors.copyHeader(in, out);
        int bx = in.nx == 1 ? 1 : n, by = in.ny == 1 ? 1 : n, bz = in.nz == 1 ? 1 : n;
        float inv = 1f / (bx * by * bz);
        float[] s = in.data, d = out.data;
        for (int k = 0; k < out.nz; k++)
            for (int j = 0; j < out.ny; j++)
                for (int i = 0; i < out.nx; i++) {
                    double sum = 0;
                    for (int z = k * bz; z < k * bz + bz; z++)
                        for (int y = j * by; y < j * by + by; y++) {
                            int row = in.nx * (y + in.ny * z);
                            for (int x = i * bx; x < i * bx + bx; x++) sum += s[row + x];
                        }
                    d[out.index(i, j, k)] = (float) sum * inv;
                }
        double ax = in.header().getDouble("apix_x", 1), ay = in.header().getDouble("apix_y", ax), az = in.header().getDouble("apix_z", ax);
        out.header().put("apix_x", (float) (ax * bx)).put("apix_y", (float) (ay * by)).put("apix_z", (float) (az * bz));
    }
}
