package org.jspt.align;

import java.util.List;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;

/**
 * {@code ccc.tomo} (docs/reference/alignment.md §5.2): ccf = image.calc_ccf(with); if {@code norm}, ccf ← (ccf − mean)/σ
 * (σ with n − 1 over all CCF voxels); score = −ccf(0, 0, 0), the zero-shift value only.
 * NB: {@code negative} is not a parameter (EMAN2 rejects it though its code reads it), so the score is always
 * negated; {@code searchx/y/z} and {@code normalize} are accepted and unused, as in EMAN2.
 * Aligners recognise this exact name and search the CCF peak themselves (§8.7).
 * Immutable and thread-safe; allocates a CCF per call.
 */
public final class CccTomo implements FourierComparator {
    public static final String NAME = "ccc.tomo";
    public static final Descriptor<Comparator> DESCRIPTOR = new Descriptor<>(NAME,
            "normalised cross-correlation function at zero shift, negated; aligners search its peak themselves",
            List.of(ParamSpec.of("norm", ParamType.BOOL, true, "normalise the CCF to mean 0, σ 1 before reading it"),
                    ParamSpec.of("ccf", ParamType.VOLUME, "a precomputed CCF of the two images (used instead of computing one)"),
                    ParamSpec.of("searchx", ParamType.INT, "accepted for EMAN2 compatibility; not used"),
                    ParamSpec.of("searchy", ParamType.INT, "accepted for EMAN2 compatibility; not used"),
                    ParamSpec.of("searchz", ParamType.INT, "accepted for EMAN2 compatibility; not used"),
                    ParamSpec.of("normalize", ParamType.BOOL, "accepted for EMAN2 compatibility; not used")),
            CccTomo::create);

    private final boolean norm;
    private final Volume ccf;

    /** @param ccf a precomputed CCF or null; not modified */
    public CccTomo(boolean norm, Volume ccf) {
        this.norm = norm;
        this.ccf = ccf;
    }

    private static Comparator create(Params p) {
        return new CccTomo(p.getBool("norm"), p.has("ccf") ? p.getVolume("ccf") : null);
    }

    @Override
    public String name() { return NAME; }

    public boolean norm() { return norm; }

    @Override
    public double compare(Volume image, Volume with) {
        if (ccf != null) return score(ccf.copy());
        return score(Ccf.compute(image, with));
    }

    @Override
    public double compare(FourierVolume image, FourierVolume with, double apix) {
        if (ccf != null) return score(ccf.copy());
        Volume c = new Volume(image.nx, image.ny, image.nz);
        Ccf.compute(image, with, new FourierVolume(image.nx, image.ny, image.nz), c);
        return score(c);
    }

    /** −ccf(0) after normalising {@code c} in place if {@code norm}. */
    private double score(Volume c) {
        if (norm) Ccf.normalize(c);
        return -c.data[0];
    }
}
