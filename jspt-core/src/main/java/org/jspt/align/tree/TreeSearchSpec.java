package org.jspt.align.tree;

import java.util.List;
import org.jspt.geom.OrientationGenerator;
import org.jspt.geom.Symmetry;
import org.jspt.geom.Transform;

/**
 * The fixed set-up of a tree search for one box size: levels, radius bands, the global orientation grid
 * and the pruning budget. Shared by all particles and references of an iteration. Immutable; thread-safe.
 *
 * <p>Memory: the global grid is 9 doubles per orientation (36,407 for c1 at 7.5°: 2.6 MB).
 */
public final class TreeSearchSpec {
    /** Box size (cubic, even, ≥ 16). */
    public final int n;
    public final Symmetry sym;
    /** fsc.tomo.auto threshold factors on the squared σ-profiles of reference and particle. */
    public final double sigmathis, sigmato;
    /** Translation limit in N-box voxels. */
    public final double maxshift;
    public final List<Level> levels;
    /** Band of the global (coarse) search, of the amplitude pre-score, and of the final score. */
    public final CoefficientList globalList, amplitudeList, finalList;
    /**
     * The final level's approach band, shells pmin…(r + pmax)/2 with r the band limit of the level before: a global
     * search's candidates take every step of the final level but the last on it, and only the best take the last
     * step on the final band (docs/reference/alignment.md §7.4.3). Null if it would not be smaller than the final
     * band, or the search has one level.
     */
    public final CoefficientList approachList;
    /** 0…amplitudeList.size − 1: every pre-score coefficient (a whole table row). */
    final int[] allAmplitudeIndices;
    /** Global grid: rotations (row-major 3×3, the reference is rotated by R) of the asymmetric unit × phi. */
    public final double[] globalRotations;
    public final int globalCount;
    /** The in-plane pre-score's rings over the global grid. */
    final InPlaneRings rings;
    /**
     * Pruning budget: orientations that pass the amplitude pre-score to the CCF stage, and candidates refined
     * at each level (well-separated ones at level 0). Measured on 1LCD at N = 32 and 64: 96/8/4 loses little
     * accuracy against 384/32/8, so 192/16/6/3 leaves a margin.
     */
    public final int ccfSurvivors;
    public final int[] keepPerLevel;
    /** Refinement levels try Gauss–Newton moves before coordinate rounds ({@code TreeSearch#refine}); the aligner's {@code newton}. */
    public final boolean newton;
    /** The {@code newton} parameter's default. */
    public static final boolean NEWTON_DEFAULT = false;

    /**
     * @param minres, maxres Å (≤ 0: unused); they set the final score's band as fsc.tomo.auto's pmin/pmax
     * @param apix Å/voxel of the particles (for minres/maxres)
     */
    public TreeSearchSpec(int n, Symmetry sym, double sigmathis, double sigmato, double maxshift,
                          double minres, double maxres, double apix) {
        this(n, sym, sigmathis, sigmato, maxshift, minres, maxres, apix, NEWTON_DEFAULT);
    }

    /** @param newton whether refinement levels try Gauss–Newton moves first (false: EMAN2's coordinate search alone) */
    public TreeSearchSpec(int n, Symmetry sym, double sigmathis, double sigmato, double maxshift,
                          double minres, double maxres, double apix, boolean newton) {
        this.newton = newton;
        if (n < 16 || n % 2 != 0) throw new IllegalArgumentException("rotate_translate_3d_tree requires cubic images with even numbered box sizes ≥ 16, got " + n);
        this.n = n;
        this.sym = sym;
        this.sigmathis = sigmathis;
        this.sigmato = sigmato;
        this.maxshift = maxshift > 0 ? maxshift : n / 4.0;
        this.levels = Level.schedule(n);
        Level l0 = levels.get(0);
        // The coarse band: EMAN2 low-passes level 0 at 0.33 cycles/px of the ss-box, i.e. radius ss/3.
        int r0 = Math.min(l0.rmax(), n / 2 - 2);
        this.globalList = CoefficientList.of(2, r0);
        // The pre-score only needs the low shells (measured: 5 px prunes as well as 6): ~70 MB per reference.
        this.amplitudeList = CoefficientList.of(2, Math.min(5, r0));
        this.allAmplitudeIndices = java.util.stream.IntStream.range(0, amplitudeList.size).toArray();
        Level last = levels.get(levels.size() - 1);
        int pmin = last.rmin(), pmax = Math.min(last.rmax(), n / 2 - 2);
        if (maxres > 0) pmax = Math.min(n / 2 - 2, (int) Math.ceil(apix * n / maxres));
        if (minres > 0) pmin = Math.max(1, (int) Math.floor(apix * n / minres));
        if (pmin > pmax) throw new IllegalArgumentException("minres/maxres leave no frequencies: shells " + pmin + ".." + pmax);
        this.finalList = CoefficientList.of(pmin, pmax);
        int before = levels.size() >= 2 ? levelList(levels.size() - 2).rmax : pmax;
        int approach = (before + pmax) / 2;
        this.approachList = approach > pmin && approach < pmax ? CoefficientList.of(pmin, approach) : null;
        List<Transform> dirs = new OrientationGenerator(l0.astep(), 0, true).orientations(sym);
        int nphi = 0;
        for (float phi = 0; phi < 360f; phi += (float) l0.astep()) nphi++;
        globalCount = dirs.size() * nphi;
        globalRotations = new double[9 * globalCount];
        int o = 0;
        for (Transform d : dirs) {
            for (float phi = 0; phi < 360f; phi += (float) l0.astep()) {
                // eman(az, alt, phi) = Rz(phi)·eman(az, alt, 0)
                Transform t = Transform.eman(0, 0, phi).compose(d);
                for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) globalRotations[9 * o + 3 * r + c] = t.get(r, c);
                o++;
            }
        }
        this.rings = new InPlaneRings(amplitudeList, globalRotations, nphi, l0.astep());
        this.ccfSurvivors = 192;
        this.keepPerLevel = new int[] {16, 6, 3, 2, 2, 2};
    }

    /** Band of refinement level i: [4, ss/3], clamped below Nyquist. */
    public CoefficientList levelList(int i) {
        Level l = levels.get(i);
        if (i == 0) return globalList;
        if (i == levels.size() - 1) return finalList;
        return CoefficientList.of(l.rmin(), Math.min(l.rmax(), n / 2 - 2));
    }

    /** Largest radius any band samples. */
    public int maxRadius() {
        int r = Math.max(globalList.rmax, finalList.rmax);
        for (int i = 0; i < levels.size(); i++) r = Math.max(r, levelList(i).rmax);
        return r + 1;
    }
}
