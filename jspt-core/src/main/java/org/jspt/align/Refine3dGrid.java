package org.jspt.align;

import java.util.ArrayList;
import java.util.List;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;

/**
 * {@code refine_3d_grid} (EMAN2's Refine3DAlignerGrid; docs/reference/alignment.md §7.5): local search around a starting
 * transform T0 ({@code xform.align3d}). Local rotations R = Euler(az, alt, phi) with alt in [0, range) step
 * delta, az in [0, 360) step delta/sin(alt) (one az at the pole), phi in [−range − az, range − az) step delta,
 * all float32 counters: small rotations tilted up to {@code range} in every direction. T = R·T0 is applied to
 * the <b>particle</b>, translated to the CCF peak (T ← Translate(−p)·T), scored cmp(reference, particle moved by
 * T). NB: no inversion; T is the particle's transform.
 *
 * <p>Immutable and thread-safe; parallel with thread-independent results. Degrees and voxels. Returns up to
 * nsoln best (EMAN2 keeps only the best, which is the first here). {@code verbose} is accepted and ignored.
 */
public final class Refine3dGrid implements Aligner {
    public static final String NAME = "refine_3d_grid";
    public static final Descriptor<Aligner> DESCRIPTOR = new Descriptor<>(NAME,
            "local grid search of small rotations around xform.align3d, translation from the CCF peak",
            params(), Refine3dGrid::create);

    private final Transform start;
    private final double delta, range;
    private final boolean dotrans;
    private final SearchWindow window;

    public Refine3dGrid(Transform start, double delta, double range, boolean dotrans, SearchWindow window) {
        if (!(delta > 0)) throw new IllegalArgumentException(NAME + ": delta must be > 0, got " + delta);
        this.start = start;
        this.delta = delta;
        this.range = range;
        this.dotrans = dotrans;
        this.window = window;
    }

    private static List<ParamSpec> params() {
        List<ParamSpec> ps = new ArrayList<>(List.of(
                ParamSpec.of("xform.align3d", ParamType.TRANSFORM, Transform.identity(), "starting transform of the particle"),
                ParamSpec.of("delta", ParamType.FLOAT, 1.0, "angular step, degrees"),
                ParamSpec.of("range", ParamType.FLOAT, 10.0, "largest tilt and in-plane excursion searched, degrees"),
                ParamSpec.of("dotrans", ParamType.BOOL, true, "search translations at the CCF peak")));
        ps.addAll(SearchWindow.params());
        ps.add(ParamSpec.of("verbose", ParamType.INT, 0, "accepted; aligners print nothing"));
        return ps;
    }

    private static Aligner create(Params p) {
        p.require(p.getDouble("delta") > 0, "delta must be > 0");
        return new Refine3dGrid(p.getTransform("xform.align3d"), p.getDouble("delta"), p.getDouble("range"),
                p.getBool("dotrans"), SearchWindow.from(p));
    }

    /** The same search from another start (e.g. each particle's previous orientation). */
    public Refine3dGrid withStart(Transform t0) { return new Refine3dGrid(t0, delta, range, dotrans, window); }

    @Override
    public String name() { return NAME; }

    /** The local rotations Euler(az, alt, phi), in EMAN2's visiting order. */
    public List<Transform> localRotations() {
        List<Transform> out = new ArrayList<>();
        float d = (float) delta, r = (float) range;
        for (float alt = 0; alt < r; alt += d) {
            float saz = alt == 0f ? 360f : (float) (d / Math.sin(Math.toRadians(alt)));
            for (float az = 0; az < 360f; az += saz) {
                for (float phi = -r - az; phi < r - az; phi += d) out.add(Transform.eman(az, alt, phi));
            }
        }
        return out;
    }

    @Override
    public List<AlignResult> align(Volume particle, Volume reference, Comparator cmp, int nsoln) {
        List<Transform> rots = localRotations();
        RotationScorer scorer = new RotationScorer(particle, reference, cmp, dotrans, window);
        return ParallelSearch.run(rots.size(), nsoln, scorer::newWorkspace,
                (i, w) -> scorer.score(i, rots.get(i).compose(start), w)).results();
    }
}
