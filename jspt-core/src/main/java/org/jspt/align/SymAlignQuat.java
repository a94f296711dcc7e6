package org.jspt.align;

import java.util.List;
import org.jspt.geom.EulerConvention;
import org.jspt.geom.Symmetry;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;
import org.jspt.proc.xform.ApplySym;

/**
 * {@code symalignquat} (EMAN2's SymAlignProcessorQuat; docs/reference/alignment.md §7.6): finds the transform that puts
 * a volume's symmetry axes on the standard ones, by a Nelder–Mead simplex ({@link NelderMead}) over
 * (n0, n1, n2, x, y, z) from 0 with steps (stepn0..2, stepx..z). A point gives Q = spin(ω = spin_coeff·|n|,
 * axis n/|n|) with translation (x, y, z) (identity rotation when n = 0), and the candidate is Q·T0; the
 * objective is cmp(symmetrised(V), V) with V = the particle transformed by Q·T0 and {@code xform.applysym}.
 * NB: as in EMAN2, the solution is accepted only if n0, n1 and n2 (the rotation components, not the
 * translation) are all ≤ maxshift (n/4 if ≤ 0); then score = cmp(V, symmetrised(V)), else the start T0 is
 * returned with score 0.
 *
 * <p>The reference argument of {@link #align} is ignored (may be null): the volume is compared with its own
 * symmetrised copy. Immutable and thread-safe; single-threaded per call; allocates per evaluation.
 */
public final class SymAlignQuat implements Aligner {
    public static final String NAME = "symalignquat";
    public static final Descriptor<Aligner> DESCRIPTOR = new Descriptor<>(NAME,
            "simplex search of the rotation and shift that best matches a volume to its symmetrised self",
            List.of(ParamSpec.of("sym", ParamType.STRING, "c1", "the symmetry to align to"),
                    ParamSpec.of("xform.align3d", ParamType.TRANSFORM, Transform.identity(), "starting transform T0"),
                    ParamSpec.of("stepx", ParamType.FLOAT, 1.0, "initial simplex step in x, voxels"),
                    ParamSpec.of("stepy", ParamType.FLOAT, 1.0, "initial simplex step in y, voxels"),
                    ParamSpec.of("stepz", ParamType.FLOAT, 1.0, "initial simplex step in z, voxels"),
                    ParamSpec.of("stepn0", ParamType.FLOAT, 1.0, "initial simplex step of rotation component n0"),
                    ParamSpec.of("stepn1", ParamType.FLOAT, 1.0, "initial simplex step of rotation component n1"),
                    ParamSpec.of("stepn2", ParamType.FLOAT, 1.0, "initial simplex step of rotation component n2"),
                    ParamSpec.of("spin_coeff", ParamType.FLOAT, 10.0, "degrees of rotation per unit of |n|"),
                    ParamSpec.of("precision", ParamType.FLOAT, 0.01, "stop when the simplex size is below this"),
                    ParamSpec.of("maxiter", ParamType.INT, 100, "largest number of simplex iterations"),
                    ParamSpec.of("maxshift", ParamType.INT, -1, "bound on n0, n1, n2 for accepting the result (≤ 0: n/4)")),
            SymAlignQuat::create);

    private final Symmetry sym;
    private final Transform start;
    private final double[] steps;
    private final double spinCoeff, precision;
    private final int maxIter, maxshift;

    /** @param steps initial simplex steps (n0, n1, n2, x, y, z) */
    public SymAlignQuat(Symmetry sym, Transform start, double[] steps, double spinCoeff, double precision, int maxIter, int maxshift) {
        if (steps.length != 6) throw new IllegalArgumentException(NAME + ": 6 steps needed");
        this.sym = sym;
        this.start = start;
        this.steps = steps.clone();
        this.spinCoeff = spinCoeff;
        this.precision = precision;
        this.maxIter = maxIter;
        this.maxshift = maxshift;
    }

    private static Aligner create(Params p) {
        double[] steps = {p.getDouble("stepn0"), p.getDouble("stepn1"), p.getDouble("stepn2"),
            p.getDouble("stepx"), p.getDouble("stepy"), p.getDouble("stepz")};
        return new SymAlignQuat(RotateTranslate3d.parseSym(p), p.getTransform("xform.align3d"), steps,
                p.getDouble("spin_coeff"), p.getDouble("precision"), p.getInt("maxiter"), p.getInt("maxshift"));
    }

    @Override
    public String name() { return NAME; }

    /** The candidate transform of simplex point x = (n0, n1, n2, tx, ty, tz): Q·T0. */
    Transform candidate(double[] x) {
        double len = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
        Transform q = len > 0 ? EulerConvention.SPIN.toTransform(spinCoeff * len, x[0] / len, x[1] / len, x[2] / len)
                : Transform.identity();
        return q.withTranslation(x[3], x[4], x[5]).compose(start);
    }

    /** @param reference ignored */
    @Override
    public List<AlignResult> align(Volume particle, Volume reference, Comparator cmp, int nsoln) {
        ApplySym applySym = new ApplySym(sym);
        Volume moved = particle.blankLike(), symmetrised = particle.blankLike();
        NelderMead.Result r = NelderMead.minimise(x -> {
            VolumeTransforms.apply(particle, candidate(x), moved);
            applySym.apply(moved, symmetrised);
            return cmp.compare(symmetrised, moved);
        }, new double[6], steps, precision, maxIter);
        int bound = maxshift <= 0 ? particle.nx / 4 : maxshift;
        double[] x = r.x();
        if (!(x[0] <= bound && x[1] <= bound && x[2] <= bound)) return List.of(new AlignResult(start, 0));
        Transform t = candidate(x);
        VolumeTransforms.apply(particle, t, moved);
        applySym.apply(moved, symmetrised);
        return List.of(new AlignResult(t, cmp.compare(moved, symmetrised)));
    }
}
