package org.jspt.align;

import java.util.ArrayList;
import java.util.List;
import org.jspt.geom.OrientationGenerator;
import org.jspt.geom.Symmetry;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;

/**
 * {@code rotate_translate_3d} (EMAN2's RT3DSphereAligner; docs/reference/alignment.md §7.2): exhaustive search over the
 * EMAN orientations of the symmetry's asymmetric unit (step {@code delta}, mirror half included) × phi in
 * [phi0, phi1) step {@code dphi}. For each, T = Euler(az, alt, phi)·initxform is applied to the
 * <b>reference</b>, the translation is taken from the CCF peak against the particle (T ← Translate(−p)·T),
 * and the comparator scores cmp(particle, transformed reference). The particle's transform T⁻¹ is returned.
 * NB: rotating the (symmetric) reference is what makes the asymmetric unit a complete search (§3.3).
 *
 * <p>Immutable and thread-safe; candidates run in parallel ({@link ParallelSearch}) with results independent
 * of the thread count. Angles in degrees, translations in voxels. {@code verbose} is accepted and ignored
 * (aligners print nothing). Unlike EMAN2 the list is not padded with (identity, 1e24) entries when fewer
 * than nsoln candidates exist.
 */
public final class RotateTranslate3d implements Aligner {
    public static final String NAME = "rotate_translate_3d";
    public static final Descriptor<Aligner> DESCRIPTOR = new Descriptor<>(NAME,
            "exhaustive search over the asymmetric unit × phi, translation from the CCF peak; rotates the reference",
            params(), RotateTranslate3d::create);

    private final Symmetry sym;
    private final double delta, dphi, phi0, phi1;
    private final int n;
    private final boolean dotrans;
    private final SearchWindow window;
    private final Transform initxform;

    /**
     * @param delta angular step of the directions, degrees (ignored if n &gt; 0)
     * @param n     wanted number of directions (≤ 0: use delta)
     */
    public RotateTranslate3d(Symmetry sym, double delta, int n, double dphi, double phi0, double phi1, boolean dotrans,
                             SearchWindow window, Transform initxform) {
        if (!(dphi > 0)) throw new IllegalArgumentException(NAME + ": dphi must be > 0, got " + dphi);
        if (n <= 0 && !(delta > 0)) throw new IllegalArgumentException(NAME + ": delta must be > 0, got " + delta);
        this.sym = sym;
        this.delta = delta;
        this.n = n;
        this.dphi = dphi;
        this.phi0 = phi0;
        this.phi1 = phi1;
        this.dotrans = dotrans;
        this.window = window;
        this.initxform = initxform;
    }

    private static List<ParamSpec> params() {
        List<ParamSpec> ps = new ArrayList<>(List.of(
                ParamSpec.of("sym", ParamType.STRING, "c1", "symmetry of the reference; the search covers its asymmetric unit"),
                ParamSpec.of("orientgen", ParamType.STRING, "eman", "orientation generator; only 'eman' is supported"),
                ParamSpec.of("delta", ParamType.FLOAT, 10.0, "angular step between directions, degrees (not with n)"),
                ParamSpec.of("n", ParamType.INT, "number of directions wanted (instead of delta)"),
                ParamSpec.of("dphi", ParamType.FLOAT, 10.0, "in-plane step, degrees"),
                ParamSpec.of("phi0", ParamType.FLOAT, 0.0, "first in-plane angle, degrees"),
                ParamSpec.of("phi1", ParamType.FLOAT, 360.0, "in-plane angles are < phi1, degrees"),
                ParamSpec.of("dotrans", ParamType.BOOL, true, "search translations at the CCF peak")));
        ps.addAll(SearchWindow.params());
        ps.add(ParamSpec.of("initxform", ParamType.TRANSFORM, Transform.identity(), "applied to the reference before each orientation"));
        ps.add(ParamSpec.of("verbose", ParamType.INT, 0, "accepted; aligners print nothing"));
        return ps;
    }

    private static Aligner create(Params p) {
        p.require(!(p.given("delta") && p.given("n")), "give delta or n, not both");
        checkOrientgen(p);
        return new RotateTranslate3d(parseSym(p), p.getDouble("delta"), p.getInt("n", 0), p.getDouble("dphi"),
                p.getDouble("phi0"), p.getDouble("phi1"), p.getBool("dotrans"), SearchWindow.from(p), p.getTransform("initxform"));
    }

    static void checkOrientgen(Params p) {
        String g = p.getString("orientgen");
        p.require(g.equals("eman"), "orientgen '" + g + "' is not supported; known: eman");
    }

    static Symmetry parseSym(Params p) {
        try {
            return Symmetry.parse(p.getString("sym"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + p.spec() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String name() { return NAME; }

    /** The directions searched (phi = 0), in EMAN2's order. */
    public List<Transform> directions() {
        double d = n > 0 ? deltaForCount(sym, n) : delta;
        return new OrientationGenerator(d, 0, true).orientations(sym);
    }

    /** The in-plane angles: phi0, phi0 + dphi, … &lt; phi1, accumulated in float32 as EMAN2 does. */
    public List<Float> phis() {
        List<Float> out = new ArrayList<>();
        for (float phi = (float) phi0; phi < (float) phi1; phi += (float) dphi) out.add(phi);
        return out;
    }

    @Override
    public List<AlignResult> align(Volume particle, Volume reference, Comparator cmp, int nsoln) {
        List<Transform> dirs = directions();
        List<Float> phis = phis();
        int np = phis.size();
        RotationScorer scorer = new RotationScorer(reference, particle, cmp, dotrans, window);
        BestList best = ParallelSearch.run(dirs.size() * np, nsoln, scorer::newWorkspace, (i, w) -> {
            Transform t = Transform.eman(0, 0, phis.get(i % np)).compose(dirs.get(i / np)).compose(initxform);
            Candidate c = scorer.score(i, t, w);
            return new Candidate(i, c.xform().inverse(), c.score(), c.coverage());
        });
        return best.results();
    }

    /**
     * The delta whose direction count is {@code n} (inc_mirror = true), by bisection on (0, 360/order]
     * like EMAN2's {@code get_optimal_delta}; if no delta gives exactly n, the bracket midpoint once it is
     * narrower than 1e-4°.
     */
    static double deltaForCount(Symmetry sym, int n) {
        double hi = 360.0, lo = 0, d = 360.0 / Math.max(1, sym.order());
        for (int iter = 0; iter < 200; iter++) {
            int count = new OrientationGenerator(d, 0, true).directions(sym).size();
            if (count == n) return d;
            if (hi - lo < 1e-4) return (hi + lo) / 2;
            if (count < n) {
                hi = d;
                d = d - (d - lo) / 2;
            } else {
                lo = d;
                d = d + (hi - d) / 2;
            }
        }
        return d;
    }
}
