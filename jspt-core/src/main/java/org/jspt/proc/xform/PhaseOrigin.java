package org.jspt.proc.xform;

import java.util.List;
import org.jspt.image.Volume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;

/**
 * {@code xform.phaseorigin.tocorner} (circular shift by −(n/2) per axis: the centre voxel moves to 0) and
 * {@code xform.phaseorigin.tocenter} (by +(n/2)), {@code docs/reference/processing.md} §8.5. The two are inverse for any
 * size; for even sizes both are a swap of halves. Real volumes only (for a half-complex transform use
 * {@link org.jspt.image.FourierVolume#shift}).
 */
public final class PhaseOrigin implements Processor {
    public static final Descriptor<Processor> TO_CORNER = new Descriptor<>("xform.phaseorigin.tocorner",
            "circular shift by -n/2 per axis (centre to the corner)", List.of(), p -> new PhaseOrigin(true));
    public static final Descriptor<Processor> TO_CENTER = new Descriptor<>("xform.phaseorigin.tocenter",
            "circular shift by +n/2 per axis (corner to the centre)", List.of(), p -> new PhaseOrigin(false));

    private final boolean toCorner;

    private PhaseOrigin(boolean toCorner) { this.toCorner = toCorner; }

    @Override
    public String name() { return toCorner ? "xform.phaseorigin.tocorner" : "xform.phaseorigin.tocenter"; }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.checkOutput(this, in, out);
        Processors.copyHeader(in, out);
        int sign = toCorner ? -1 : 1;
        circularShift(in, sign * (in.nx / 2), sign * (in.ny / 2), sign * (in.nz / 2), out);
    }

    /** out(p + d mod n) = in(p). out must not be in. */
    static void circularShift(Volume in, int dx, int dy, int dz, Volume out) {
        int nx = in.nx, ny = in.ny, nz = in.nz;
        for (int z = 0; z < nz; z++) {
            int zo = Math.floorMod(z + dz, nz);
            for (int y = 0; y < ny; y++) {
                int yo = Math.floorMod(y + dy, ny);
                int src = nx * (y + ny * z), dst = nx * (yo + ny * zo);
                int sx = Math.floorMod(dx, nx);
                // x: [0, nx − sx) → [sx, nx), [nx − sx, nx) → [0, sx)
                System.arraycopy(in.data, src, out.data, dst + sx, nx - sx);
                System.arraycopy(in.data, src + nx - sx, out.data, dst, sx);
            }
        }
    }
}
