package org.jspt.proc.xform;

import java.util.Arrays;
import org.jspt.image.Volume;

/** Exact integer translation with zero fill: the content at voxel p moves to p + d. */
final class IntegerShift {
    private IntegerShift() {}

    static void shift(Volume in, int dx, int dy, int dz, Volume out) {
        Arrays.fill(out.data, 0f);
        int nx = in.nx, ny = in.ny, nz = in.nz;
        int x0 = Math.max(0, -dx), x1 = Math.min(nx, nx - dx);
        if (x1 <= x0) return;
        for (int z = Math.max(0, -dz); z < Math.min(nz, nz - dz); z++)
            for (int y = Math.max(0, -dy); y < Math.min(ny, ny - dy); y++) {
                System.arraycopy(in.data, x0 + nx * (y + ny * z), out.data, x0 + dx + nx * (y + dy + ny * (z + dz)), x1 - x0);
            }
    }
}
