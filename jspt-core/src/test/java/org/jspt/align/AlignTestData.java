package org.jspt.align;

import java.util.Random;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.proc.xform.ApplySym;
import org.jspt.geom.Symmetry;

/** Seeded phantoms and helpers for the alignment tests. */
final class AlignTestData {
    private AlignTestData() {}

    /** An asymmetric phantom: 7 Gaussian blobs of different sizes and heights within radius n/4 of the centre. */
    static Volume phantom(int n, long seed) {
        Random r = new Random(seed);
        Volume v = Volume.cube(n);
        double c = n / 2;
        for (int b = 0; b < 7; b++) {
            double bx = c + (r.nextDouble() * 2 - 1) * n / 4, by = c + (r.nextDouble() * 2 - 1) * n / 4,
                    bz = c + (r.nextDouble() * 2 - 1) * n / 4;
            double s = 1.2 + r.nextDouble() * 1.3, a = 0.5 + r.nextDouble();
            addBlob(v, bx, by, bz, s, a);
        }
        return v;
    }

    static void addBlob(Volume v, double cx, double cy, double cz, double s, double a) {
        int n = v.nx;
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++) {
                    double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz);
                    v.data[v.index(x, y, z)] += (float) (a * Math.exp(-r2 / (2 * s * s)));
                }
    }

    /** The phantom symmetrised with {@code xform.applysym}. */
    static Volume symmetric(int n, long seed, String sym) {
        return new ApplySym(Symmetry.parse(sym)).apply(phantom(n, seed));
    }

    static Volume moved(Volume v, Transform t) { return VolumeTransforms.apply(v, t); }

    static Volume random(int n, long seed) {
        Random r = new Random(seed);
        Volume v = Volume.cube(n);
        for (int i = 0; i < v.data.length; i++) v.data[i] = (float) r.nextGaussian();
        return v;
    }
}
