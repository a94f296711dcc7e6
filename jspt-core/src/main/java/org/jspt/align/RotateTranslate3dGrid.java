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
 * {@code rotate_translate_3d_grid} (EMAN2's RT3DGridAligner; docs/reference/alignment.md §7.3): exhaustive search on a
 * regular Euler grid alt0 ≤ alt ≤ alt1, az0 ≤ az &lt; az1, phi0 ≤ phi &lt; phi1 (float32 counters, alt outer,
 * phi inner). T = Euler(az, alt, phi)·initxform is applied to the <b>particle</b>, the translation comes from
 * the CCF peak against the reference (T ← Translate(−p)·T), and the score is cmp(reference, transformed
 * particle). NB: no inversion, T is the particle's transform directly.
 *
 * <p>Immutable and thread-safe; parallel with thread-independent results ({@link ParallelSearch}).
 * Degrees and voxels; {@code verbose} is accepted and ignored.
 */
public final class RotateTranslate3dGrid implements Aligner {
    public static final String NAME = "rotate_translate_3d_grid";
    public static final Descriptor<Aligner> DESCRIPTOR = new Descriptor<>(NAME,
            "exhaustive search on a regular (az, alt, phi) grid, translation from the CCF peak; rotates the particle",
            params(), RotateTranslate3dGrid::create);

    /** Grid bounds and steps in degrees. */
    public record Grid(double alt0, double alt1, double dalt, double az0, double az1, double daz,
                       double phi0, double phi1, double dphi) {
        public Grid {
            if (!(dalt > 0 && daz > 0 && dphi > 0)) throw new IllegalArgumentException(NAME + ": dalt, daz and dphi must be > 0");
        }
    }

    private final Grid grid;
    private final boolean dotrans;
    private final SearchWindow window;
    private final Transform initxform;

    public RotateTranslate3dGrid(Grid grid, boolean dotrans, SearchWindow window, Transform initxform) {
        this.grid = grid;
        this.dotrans = dotrans;
        this.window = window;
        this.initxform = initxform;
    }

    private static List<ParamSpec> params() {
        List<ParamSpec> ps = new ArrayList<>(List.of(
                ParamSpec.of("alt0", ParamType.FLOAT, 0.0, "first altitude, degrees"),
                ParamSpec.of("alt1", ParamType.FLOAT, 180.0, "last altitude (inclusive), degrees"),
                ParamSpec.of("dalt", ParamType.FLOAT, 10.0, "altitude step, degrees"),
                ParamSpec.of("az0", ParamType.FLOAT, 0.0, "first azimuth, degrees"),
                ParamSpec.of("az1", ParamType.FLOAT, 360.0, "azimuths are < az1, degrees"),
                ParamSpec.of("daz", ParamType.FLOAT, 10.0, "azimuth step, degrees"),
                ParamSpec.of("phi0", ParamType.FLOAT, 0.0, "first in-plane angle, degrees"),
                ParamSpec.of("phi1", ParamType.FLOAT, 360.0, "in-plane angles are < phi1, degrees"),
                ParamSpec.of("dphi", ParamType.FLOAT, 10.0, "in-plane step, degrees"),
                ParamSpec.of("dotrans", ParamType.BOOL, true, "search translations at the CCF peak")));
        ps.addAll(SearchWindow.params());
        ps.add(ParamSpec.of("initxform", ParamType.TRANSFORM, Transform.identity(), "applied to the particle before each grid rotation"));
        ps.add(ParamSpec.of("verbose", ParamType.INT, 0, "accepted; aligners print nothing"));
        return ps;
    }

    private static Aligner create(Params p) {
        Grid g;
        try {
            g = new Grid(p.getDouble("alt0"), p.getDouble("alt1"), p.getDouble("dalt"), p.getDouble("az0"), p.getDouble("az1"),
                    p.getDouble("daz"), p.getDouble("phi0"), p.getDouble("phi1"), p.getDouble("dphi"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + p.spec() + "': " + e.getMessage(), e);
        }
        return new RotateTranslate3dGrid(g, p.getBool("dotrans"), SearchWindow.from(p), p.getTransform("initxform"));
    }

    @Override
    public String name() { return NAME; }

    /** The grid's rotations Euler(az, alt, phi) (before initxform), in EMAN2's visiting order. */
    public List<Transform> rotations() {
        List<Transform> out = new ArrayList<>();
        Grid g = grid;
        for (float alt = (float) g.alt0(); alt <= (float) g.alt1(); alt += (float) g.dalt()) {
            for (float az = (float) g.az0(); az < (float) g.az1(); az += (float) g.daz()) {
                for (float phi = (float) g.phi0(); phi < (float) g.phi1(); phi += (float) g.dphi()) {
                    out.add(Transform.eman(az, alt, phi));
                }
            }
        }
        return out;
    }

    @Override
    public List<AlignResult> align(Volume particle, Volume reference, Comparator cmp, int nsoln) {
        List<Transform> rots = rotations();
        RotationScorer scorer = new RotationScorer(particle, reference, cmp, dotrans, window);
        return ParallelSearch.run(rots.size(), nsoln, scorer::newWorkspace,
                (i, w) -> scorer.score(i, rots.get(i).compose(initxform), w)).results();
    }
}
