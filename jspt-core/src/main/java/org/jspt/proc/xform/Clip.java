package org.jspt.proc.xform;

import java.util.List;
import org.jspt.image.Volume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;

/**
 * {@code xform.clip3d} (jspt's name for EMAN2's {@code EMAN2_utils.clip3d}, used by {@code --clip};
 * {@code docs/reference/processing.md} §7.3): cuts a box of {@code size} voxels per axis whose origin on each axis is
 * floor((2·floor(N/2) − C)/2); voxels outside the source are 0. Centre N/2 lands on C/2 for even N, C.
 */
public final class Clip implements Processor {
    public static final Descriptor<Processor> DESCRIPTOR = new Descriptor<>("xform.clip3d",
            "jspt: cuts (or pads with 0) a centred cube of side 'size', as EMAN2_utils.clip3d",
            List.of(ParamSpec.of("size", ParamType.INT, "new box side in voxels (> 0)")), Clip::create);

    private final int size;

    private Clip(int size) { this.size = size; }

    private static Processor create(Params p) {
        p.require(p.getInt("size") > 0, "size must be > 0");
        return new Clip(p.getInt("size"));
    }

    @Override
    public String name() { return "xform.clip3d"; }

    @Override
    public int[] outputShape(Volume in) { return new int[] {size, size, in.nz == 1 ? 1 : size}; }

    static int origin(int n, int c) { return Math.floorDiv(2 * (n / 2) - c, 2); }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.checkOutput(this, in, out);
        Processors.copyHeader(in, out);
        int ox = origin(in.nx, out.nx), oy = origin(in.ny, out.ny), oz = in.nz == 1 ? 0 : origin(in.nz, out.nz);
        java.util.Arrays.fill(out.data, 0f);
        int x0 = Math.max(0, -ox), x1 = Math.min(out.nx, in.nx - ox);
        if (x1 <= x0) return;
        for (int z = 0; z < out.nz; z++) {
            int sz = z + oz;
            if (sz < 0 || sz >= in.nz) continue;
            for (int y = 0; y < out.ny; y++) {
                int sy = y + oy;
                if (sy < 0 || sy >= in.ny) continue;
                System.arraycopy(in.data, in.index(x0 + ox, sy, sz), out.data, out.index(x0, y, z), x1 - x0);
            }
        }
    }
}
