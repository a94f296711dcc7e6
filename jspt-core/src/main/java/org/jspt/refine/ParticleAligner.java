package org.jspt.refine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspt.align.AlignRegistry;
import org.jspt.align.AlignResult;
import org.jspt.align.Aligner;
import org.jspt.align.Comparator;
import org.jspt.ctf.FourierWeight;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.proc.ProcessorSpec;
import org.jspt.geom.RandomRotations;

/**
 * Aligns one raw particle to every reference of an iteration ({@code docs/reference/refinemulti.md} §7.1.5): coarse
 * search on the coarse-preprocessed copy, translations scaled to the next stage's box, optional fine
 * refinement of every coarse peak on the fine copy, optional tweak on unshrunk copies; the result per
 * reference is the lowest score of the last stage, with its transform in voxels of the raw (clipped) box.
 * Thread-safe.
 */
public final class ParticleAligner {
    /** What the fine and tweak stages need (fine = null: coarse only). */
    public record FineStage(ProcessorSpec falign, Comparator cmp, PreprocessChain chain, List<Volume> references) {}

    /** Per iteration: the iteration's references as each stage sees them, built by {@link AlignmentTools#stages}. */
    public record Stages(ReferenceAligner coarse, PreprocessChain coarseChain, FineStage fine, FineStage tweak) {}

    private final ParticleSource particles;
    private final int npeaks;

    private final boolean randomizeWedge;
    private final long seed;

    public ParticleAligner(ParticleSource particles, int npeaks, boolean randomizeWedge, long seed) {
        if (npeaks < 1) throw new IllegalArgumentException("--npeakstorefine must be >= 1, got " + npeaks);
        this.particles = particles;
        this.npeaks = npeaks;
        this.randomizeWedge = randomizeWedge;
        this.seed = seed;
    }

    /** The best result of particle p against each reference (raw-box transforms). */
    public AlignResult[] align(int p, int iteration, Stages st) {
        return alignRaw(particles.read(p), particles.weight(p), mix(seed, iteration, p), st, "particle " + p, null, 0);
    }

    /**
     * As {@link #align(int, int, Stages)}, searching reference k only within {@code maxang} degrees of {@code starts[k]}
     * (raw-box transforms, e.g. the previous iteration's) when the coarse search has a local form (--goldstandard, §7.9).
     */
    public AlignResult[] alignNear(int p, int iteration, Stages st, Transform[] starts, double maxang) {
        return alignRaw(particles.read(p), particles.weight(p), mix(seed, iteration, p), st, "particle " + p, starts, maxang);
    }

    /**
     * The best result of a raw (full-size) volume against each reference of {@code st}.
     * @param rngKey seeds --randomizewedge's rotation for this volume
     */
    public AlignResult[] alignRaw(Volume raw, long rngKey, Stages st, String what) { return alignRaw(raw, null, rngKey, st, what); }

    /**
     * As {@link #alignRaw(Volume, long, Stages, String)} for a volume with a Fourier weight on its raw box (null:
     * none), which the coarse search uses when it can (the tree aligner; docs/weights.md); the fine and tweak
     * stages do not use it.
     */
    public AlignResult[] alignRaw(Volume raw, FourierWeight weight, long rngKey, Stages st, String what) {
        return alignRaw(raw, weight, rngKey, st, what, null, 0);
    }

    private AlignResult[] alignRaw(Volume raw, FourierWeight weight, long rngKey, Stages st, String what, Transform[] starts, double maxang) {
        int finalBox = st.coarseChain().clipBox();
        Transform q = randomizeWedge ? RandomRotations.next(new SplittableRandom(rngKey), 0, 0, 0) : null;

        Volume pc = st.coarseChain().apply(raw);
        FourierWeight wc = st.coarseChain().weight(weight);
        if (q != null) {
            pc = VolumeTransforms.apply(pc, q);
            if (wc != null) wc = wc.rotated(q);
        }
        List<List<AlignResult>> coarse = starts == null ? null : st.coarse().alignLocal(pc, wc, coarseStarts(starts, q, (double) finalBox / st.coarseChain().outputBox()), maxang, npeaks);
        if (coarse == null) coarse = wc == null ? st.coarse().align(pc, npeaks) : st.coarse().align(pc, wc, npeaks);
        int k = coarse.size();
        AlignResult[] best = new AlignResult[k];
        Volume pf = null, pt = null;
        for (int r = 0; r < k; r++) {
            List<AlignResult> peaks = coarse.get(r);
            if (peaks.isEmpty()) throw new IllegalStateException("the coarse aligner returned no solution for " + what + ", reference " + r);
            List<AlignResult> last;
            if (st.fine() != null) {
                if (pf == null) {
                    pf = st.fine().chain().apply(raw);
                    if (q != null) pf = VolumeTransforms.apply(pf, q);
                }
                double toFine = (double) st.fine().chain().outputBox() / st.coarseChain().outputBox();
                double toFinal = (double) finalBox / st.fine().chain().outputBox();
                last = new ArrayList<>();
                for (AlignResult c : peaks) {
                    AlignResult f = refine(st.fine(), pf, r, scaled(c, toFine));
                    last.add(scaled(f, toFinal));
                }
            } else {
                double toFinal = (double) finalBox / st.coarseChain().outputBox();
                last = new ArrayList<>();
                for (AlignResult c : peaks) last.add(scaled(c, toFinal));
            }
            AlignResult b = lowest(last);
            if (st.tweak() != null) {
                if (pt == null) {
                    pt = st.tweak().chain().apply(raw);
                    if (q != null) pt = VolumeTransforms.apply(pt, q);
                }
                AlignResult t = refine(st.tweak(), pt, r, b);
                if (t.score() < b.score()) b = t;
            }
            if (q != null) b = new AlignResult(b.xform().compose(q), b.score(), b.coverage());
            best[r] = b;
        }
        return best;
    }

    /** Raw-box transforms as starts on the coarse copy: translations scaled to its box, after the --randomizewedge turn q. */
    private static List<Transform> coarseStarts(Transform[] raw, Transform q, double toFinal) {
        List<Transform> l = new ArrayList<>();
        for (Transform t : raw) {
            Transform c = q == null ? t : t.compose(q.inverse());
            l.add(c.withTranslation(c.tx() / toFinal, c.ty() / toFinal, c.tz() / toFinal));
        }
        return l;
    }

    private static AlignResult refine(FineStage fine, Volume particle, int r, AlignResult start) {
        Aligner a = AlignRegistry.aligners().create(fine.falign().with("xform.align3d", start.xform()), null);
        return a.align(particle, fine.references().get(r), fine.cmp(), 1).get(0);
    }

    static AlignResult scaled(AlignResult a, double factor) {
        if (factor == 1) return a;
        Transform t = a.xform();
        return new AlignResult(t.withTranslation(t.tx() * factor, t.ty() * factor, t.tz() * factor), a.score(), a.coverage());
    }

    /** Lowest score; ties keep the earlier entry. */
    static AlignResult lowest(List<AlignResult> list) {
        AlignResult b = list.get(0);
        for (AlignResult a : list) if (a.score() < b.score()) b = a;
        return b;
    }

    /** A seed for (run seed, iteration, particle) that does not depend on processing order. */
    public static long mix(long seed, int iteration, int p) {
        long h = seed * 0x9E3779B97F4A7C15L + iteration * 0xC2B2AE3D27D4EB4FL + p * 0x165667B19E3779F9L;
        h ^= h >>> 31;
        return h * 0xBF58476D1CE4E5B9L;
    }
}
