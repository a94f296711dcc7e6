package org.jspt.align;

import java.util.List;
import org.jspt.image.Volume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;

/**
 * {@code ccc}: the real-space Pearson correlation (docs/reference/alignment.md §5.1),
 * ccc = (Σab/n − ā·b̄)/sqrt((Σa²/n − ā²)(Σb²/n − b̄²)) over the n voxels used (all, or those where
 * {@code mask} &gt; 0.5); the score is −ccc unless {@code negative=0}.
 * NB: a non-finite ccc (e.g. a constant image) becomes −2 before the sign flip, so +2 (worst) by default.
 * Immutable and thread-safe; sums in double; allocates nothing.
 */
public final class Ccc implements Comparator {
    public static final Descriptor<Comparator> DESCRIPTOR = new Descriptor<>("ccc",
            "real-space normalised cross-correlation coefficient, negated (lower is better)",
            List.of(ParamSpec.of("mask", ParamType.VOLUME, "only voxels where the mask is > 0.5 are used"),
                    ParamSpec.of("negative", ParamType.BOOL, true, "negate the result (default), so lower is better")),
            Ccc::create);

    private final Volume mask;
    private final boolean negative;

    /** @param mask null for every voxel; not copied, must not be modified afterwards */
    public Ccc(Volume mask, boolean negative) {
        this.mask = mask;
        this.negative = negative;
    }

    private static Comparator create(Params p) {
        return new Ccc(p.has("mask") ? p.getVolume("mask") : null, p.getBool("negative"));
    }

    @Override
    public String name() { return "ccc"; }

    @Override
    public double compare(Volume image, Volume with) {
        if (!image.sameShape(with)) throw new IllegalArgumentException("ccc: shapes differ, " + image.shape() + " vs " + with.shape());
        if (mask != null && !mask.sameShape(image)) throw new IllegalArgumentException("ccc: mask is " + mask.shape() + ", images " + image.shape());
        float[] a = image.data, b = with.data, m = mask == null ? null : mask.data;
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        long n = 0;
        for (int i = 0; i < a.length; i++) {
            if (m != null && !(m[i] > 0.5f)) continue;
            double x = a[i], y = b[i];
            sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y;
            n++;
        }
        double ma = sa / n, mb = sb / n;
        double ccc = (sab / n - ma * mb) / Math.sqrt((saa / n - ma * ma) * (sbb / n - mb * mb));
        if (!Double.isFinite(ccc)) ccc = -2.0;
        return negative ? -ccc : ccc;
    }
}
