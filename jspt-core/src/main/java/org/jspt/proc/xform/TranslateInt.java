package org.jspt.proc.xform;

import java.util.List;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;

/**
 * {@code xform.translate.int} ({@code docs/reference/processing.md} §8.4): exact integer shift with zero fill; the content at
 * voxel p moves to p + trans. {@code trans} is 2 or 3 ints ({@code trans=2,-1,3} in a modifier string).
 */
public final class TranslateInt implements Processor {
    public static final Descriptor<Processor> DESCRIPTOR = new Descriptor<>("xform.translate.int",
            "exact integer translation with zero fill (content at p moves to p + trans)",
            List.of(ParamSpec.of("trans", ParamType.INTLIST, "the shift dx,dy[,dz] in voxels")), TranslateInt::create);

    private final int dx, dy, dz;

    private TranslateInt(int dx, int dy, int dz) {
        this.dx = dx;
        this.dy = dy;
        this.dz = dz;
    }

    private static Processor create(Params p) {
        int[] t = p.getInts("trans");
        p.require(t.length == 2 || t.length == 3, "trans needs 2 or 3 integers, got " + t.length);
        return new TranslateInt(t[0], t[1], t.length == 3 ? t[2] : 0);
    }

    @Override
    public String name() { return "xform.translate.int"; }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.checkOutput(this, in, out);
        VolumeTransforms.translateInt(in, dx, dy, dz, out);
    }
}
