package org.jspt.align;

import java.util.List;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;

/**
 * {@code translational} (EMAN2's TranslationalAligner; docs/reference/alignment.md §7.7), 3-D: cf = particle.calc_ccf(
 * reference), peak p within ±maxshift (≤ 0 → n/4; capped at n/2 − 1), translation −p in whole voxels (whatever
 * {@code intonly} says, as in EMAN2 3-D). The score is cmp(reference, particle shifted by −p) when a comparator
 * is given, else −(peak value).
 * Without a reference ({@link #selfCentre}): cf = self-convolution, translation −p/2 (rounded with
 * floor(x + 0.5) per component if {@code intonly}).
 * NB: {@code masked}, {@code useflcf} and {@code nozero} are declared (EMAN2 declares them) but only change
 * EMAN2's 2-D path; they are accepted and have no effect here.
 *
 * <p>Immutable and thread-safe; allocates its CCF.
 */
public final class Translational implements Aligner {
    public static final String NAME = "translational";
    public static final Descriptor<Aligner> DESCRIPTOR = new Descriptor<>(NAME,
            "translation only, from the CCF peak (whole voxels)",
            List.of(ParamSpec.of("intonly", ParamType.BOOL, false, "round a self-centring translation to whole voxels"),
                    ParamSpec.of("maxshift", ParamType.INT, -1, "largest shift searched, voxels (≤ 0: n/4; at most n/2 − 1)"),
                    ParamSpec.of("masked", ParamType.BOOL, false, "accepted; 2-D only in EMAN2, no effect here"),
                    ParamSpec.of("useflcf", ParamType.BOOL, false, "accepted; 2-D only in EMAN2, no effect here"),
                    ParamSpec.of("nozero", ParamType.BOOL, false, "accepted; 2-D only in EMAN2, no effect here")),
            p -> new Translational(p.getBool("intonly"), p.getInt("maxshift")));

    private final boolean intonly;
    private final int maxshift;

    public Translational(boolean intonly, int maxshift) {
        this.intonly = intonly;
        this.maxshift = maxshift;
    }

    @Override
    public String name() { return NAME; }

    private int window(int n) {
        int m = maxshift <= 0 ? n / 4 : maxshift;
        return Math.min(m, n / 2 - 1);
    }

    /** @param cmp may be null: the score is then −(CCF peak value) */
    @Override
    public List<AlignResult> align(Volume particle, Volume reference, Comparator cmp, int nsoln) {
        Volume cf = Ccf.compute(particle, reference);
        int[] p = new int[3];
        float peak = Ccf.maxLocationWrap(cf, window(cf.nx), window(cf.ny), window(cf.nz), p);
        Transform t = Transform.translation(-p[0], -p[1], -p[2]);
        double score = cmp == null ? -peak : cmp.compare(reference, VolumeTransforms.translateInt(particle, -p[0], -p[1], -p[2]));
        return List.of(new AlignResult(t, score));
    }

    /**
     * EMAN2's translational alignment without a reference (used by {@code xform.centeracf}): the peak p of
     * the self-convolution within ±maxshift, translation −p/2 (rounded per component with floor(x + 0.5) if
     * intonly). Score −(peak value).
     */
    public AlignResult selfCentre(Volume v) {
        Volume cf = Ccf.selfConvolution(v);
        int[] p = new int[3];
        float peak = Ccf.maxLocationWrap(cf, window(cf.nx), window(cf.ny), window(cf.nz), p);
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) t[i] = intonly ? Math.floor(-p[i] / 2.0 + 0.5) : -p[i] / 2.0;
        return new AlignResult(Transform.translation(t[0], t[1], t[2]), -peak);
    }
}
