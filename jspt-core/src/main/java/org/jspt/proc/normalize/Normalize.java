package org.jspt.proc.normalize;

import java.util.List;
import org.jspt.image.Volume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;

/**
 * {@code normalize}: v ← (v − mean)/σ and {@code normalize.edgemean}: v ← (v − edge mean)/σ
 * ({@code docs/reference/processing.md} §4.1–4.2). σ is the sample (n − 1) standard deviation of the whole volume; if it is
 * 0 or not finite the volume is copied unchanged. The edge mean is over the voxels on the box surface, each
 * counted once.
 */
public final class Normalize implements Processor {
    public static final Descriptor<Processor> PLAIN = new Descriptor<>("normalize",
            "v ← (v − mean)/sigma (sample sigma, n − 1)", List.of(), p -> new Normalize(false));
    public static final Descriptor<Processor> EDGEMEAN = new Descriptor<>("normalize.edgemean",
            "v ← (v − mean of the box surface voxels)/sigma (whole-volume sample sigma)", List.of(), p -> new Normalize(true));

    private final boolean edge;

    private Normalize(boolean edge) { this.edge = edge; }

    @Override
    public String name() { return edge ? "normalize.edgemean" : "normalize"; }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.copyInto(this, in, out);
        double sigma = in.sigma();
        if (!(sigma > 0) || !Double.isFinite(sigma)) return;
        double center = edge ? edgeMean(in) : in.mean();
        float[] d = out.data;
        for (int i = 0; i < d.length; i++) d[i] = (float) ((d[i] - center) / sigma);
    }

    /** Mean over the voxels with x, y or z on the box faces. */
    static double edgeMean(Volume v) {
        double s = 0;
        long n = 0;
        for (int z = 0; z < v.nz; z++) {
            boolean zFace = z == 0 || z == v.nz - 1;
            for (int y = 0; y < v.ny; y++) {
                boolean face = zFace || y == 0 || y == v.ny - 1;
                int row = v.nx * (y + v.ny * z);
                if (face) {
                    for (int x = 0; x < v.nx; x++) s += v.data[row + x];
                    n += v.nx;
                } else {
                    s += v.data[row];
                    n++;
                    if (v.nx > 1) {
                        s += v.data[row + v.nx - 1];
                        n++;
                    }
                }
            }
        }
        return s / n;
    }
}
