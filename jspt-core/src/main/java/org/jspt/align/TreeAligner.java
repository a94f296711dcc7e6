package org.jspt.align;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspt.align.tree.MultiReferenceAligner;
import org.jspt.align.tree.TreeOptions;
import org.jspt.align.tree.TreeSearchSpec;
import org.jspt.geom.Symmetry;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;

/**
 * {@code rotate_translate_3d_tree}, the default aligner ({@code docs/reference/alignment.md} §7.4), re-designed for speed
 * (§7.4.5 allows it): a hierarchical Fourier-space search whose global level prunes EMAN2's ~36,000 coarse
 * orientations with a translation-invariant amplitude pre-score against tables precomputed once per
 * reference, then scores the survivors by CCF, and refines the best well-separated candidates level by
 * level (24³, 48³, …, N³ crops, capped at N) with sub-voxel Newton shifts. The returned score is
 * fsc.tomo.auto at the full-size level, in [−1, 1], lower is better; the returned xform is the particle's.
 *
 * <p>The comparator argument is ignored, as in EMAN2. {@code initxform} and/or {@code maxang} make the search
 * local. Symmetry: the reference is rotated by O for O in the asymmetric unit × phi (§7.4.6).
 *
 * <p>For many particles use {@link #prepare}: the returned {@link MultiReferenceAligner} holds the
 * reference tables and aligns a particle to all K references at once. {@link #align} prepares (and caches,
 * by content, the last few) references itself. Immutable apart from that cache; thread-safe.
 */
public final class TreeAligner implements Aligner {
    public static final String NAME = "rotate_translate_3d_tree";

    public static final Descriptor<Aligner> DESCRIPTOR = new Descriptor<>(NAME,
            "hierarchical Fourier-space 3-D alignment, global or local; the default aligner",
            List.of(ParamSpec.of("sym", ParamType.STRING, "c1", "symmetry of the reference; the search covers its asymmetric unit"),
                    ParamSpec.of("sigmathis", ParamType.FLOAT, 0.01, "reference threshold: coefficients with |F|² below this × σ-profile² are ignored"),
                    ParamSpec.of("sigmato", ParamType.FLOAT, 0.01, "particle threshold (estimates the missing wedge), as sigmathis"),
                    ParamSpec.of("maxshift", ParamType.INT, "largest translation in voxels (default box/4)"),
                    ParamSpec.of("maxres", ParamType.FLOAT, "highest resolution (Å) of the final score (default box/3 Fourier px)"),
                    ParamSpec.of("minres", ParamType.FLOAT, "lowest resolution (Å) of the final score (default 4 Fourier px)"),
                    ParamSpec.of("maxang", ParamType.FLOAT, "local search: only orientations within this many degrees of the start"),
                    ParamSpec.of("initxform", ParamType.TRANSFORMS, "local search: start transform(s) of the particle"),
                    ParamSpec.of("randphi", ParamType.BOOL, false, "local search: also start from every phi"),
                    ParamSpec.of("rand180", ParamType.BOOL, false, "local search: also start from the start turned by 180° about x"),
                    ParamSpec.of("mask", ParamType.VOLUME, "normalize.mask the particle with this mask first"),
                    ParamSpec.of("newton", ParamType.BOOL, TreeSearchSpec.NEWTON_DEFAULT, "refinement levels: Gauss–Newton moves of rotation and shift before the coordinate rounds (jspt; 0 = EMAN2's coordinate search alone)"),
                    ParamSpec.of("polish", ParamType.BOOL, true, "refine the winning pose once more, by Gauss–Newton moves, against a reference that does not hold the particle, where the caller has one (refinemulti: the other half's class average; jspt; 0 = off)"),
                    ParamSpec.of("verbose", ParamType.INT, 0, "accepted for compatibility; the aligner prints nothing")),
            TreeAligner::create);

    private final Symmetry sym;
    private final double sigmathis, sigmato, maxshift, maxres, minres;
    private final boolean newton, polish;
    private final TreeOptions options;
    /** A prepared single reference and the voxels it was prepared from (to rule out hash collisions). */
    private record Cached(float[] data, MultiReferenceAligner aligner) {}

    private final Map<String, Cached> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> e) { return size() > 4; }
    };

    private TreeAligner(Symmetry sym, double sigmathis, double sigmato, double maxshift, double maxres, double minres, boolean newton,
                        boolean polish, TreeOptions options) {
        this.newton = newton;
        this.polish = polish;
        this.sym = sym;
        this.sigmathis = sigmathis;
        this.sigmato = sigmato;
        this.maxshift = maxshift;
        this.maxres = maxres;
        this.minres = minres;
        this.options = options;
    }

    private static Aligner create(Params p) {
        Symmetry sym = Symmetry.parse(p.getString("sym"));
        double st = p.getDouble("sigmathis"), so = p.getDouble("sigmato");
        p.require(st >= 0 && so >= 0, "sigmathis and sigmato must be ≥ 0");
        double maxshift = p.has("maxshift") ? p.getInt("maxshift") : 0;
        double maxang = p.getDouble("maxang", 0);
        p.require(maxang >= 0, "maxang must be ≥ 0");
        List<Transform> init = p.has("initxform") ? p.getTransforms("initxform") : List.of();
        Volume mask = p.has("mask") ? p.getVolume("mask") : null;
        TreeOptions opt = new TreeOptions(init, maxang, p.getBool("randphi"), p.getBool("rand180"), mask);
        return new TreeAligner(sym, st, so, maxshift, p.getDouble("maxres", 0), p.getDouble("minres", 0), p.getBool("newton"), p.getBool("polish"), opt);
    }

    @Override
    public String name() { return NAME; }

    public TreeOptions options() { return options; }

    /**
     * Whether a caller that has references without the particle should have the winning poses polished against them
     * ({@link MultiReferenceAligner#polishingAgainst}); the {@code polish} parameter.
     */
    public boolean polishes() { return polish; }

    /** The search set-up for particles of {@code n}³ voxels of {@code apix} Å. */
    public TreeSearchSpec spec(int n, double apix) {
        return new TreeSearchSpec(n, sym, sigmathis, sigmato, maxshift, minres, maxres, apix, newton);
    }

    /**
     * Prepares {@code references} (cubic, even, same size) once for many particles.
     * @param threads parallelism of the preparation only (results are identical for any value)
     */
    public MultiReferenceAligner prepare(List<Volume> references, int threads) { return prepare(references, threads, true); }

    /**
     * As {@link #prepare(List, int)}; {@code tables} false prepares the references for one or a few particles
     * (the pre-score samples on demand instead of building each reference's table; its first pass then differs,
     * TreeSearch#prescoreBest, and results can differ).
     */
    public MultiReferenceAligner prepare(List<Volume> references, int threads, boolean tables) {
        if (references.isEmpty()) throw new IllegalArgumentException("no references to prepare");
        Volume r0 = references.get(0);
        check(r0);
        for (Volume r : references) {
            if (!r.sameShape(r0)) throw new IllegalArgumentException(NAME + ": references differ in shape: " + r0.shape() + " and " + r.shape());
        }
        return new MultiReferenceAligner(spec(r0.nx, r0.apix()), references, threads, tables);
    }

    /** {@code cmp} is ignored (the score is fsc.tomo.auto, as in EMAN2). */
    @Override
    public List<AlignResult> align(Volume particle, Volume reference, Comparator cmp, int nsoln) {
        check(particle);
        if (!particle.sameShape(reference)) {
            throw new IllegalArgumentException(NAME + ": particle is " + particle.shape() + ", reference is " + reference.shape());
        }
        return prepared(reference, particle.apix()).align(particle, nsoln, options).get(0);
    }

    private static void check(Volume v) {
        if (!v.isCube() || v.nx % 2 != 0 || v.nx < 16) {
            throw new IllegalArgumentException(NAME + " requires cubic images with even numbered box sizes (≥ 16), got " + v.shape());
        }
    }

    /** The prepared single reference, cached by content so repeated calls with one reference pay once. */
    private MultiReferenceAligner prepared(Volume reference, double apix) {
        String key = reference.shape() + "/" + apix + "/" + Arrays.hashCode(reference.data);
        // NB: preparing under the lock makes concurrent callers with the same new reference wait for one
        // preparation instead of each doing it.
        synchronized (cache) {
            Cached c = cache.get(key);
            if (c == null || !Arrays.equals(c.data(), reference.data)) {
                c = new Cached(reference.data.clone(), new MultiReferenceAligner(spec(reference.nx, apix), List.of(reference), 1));
                cache.put(key, c);
            }
            return c.aligner();
        }
    }
}
