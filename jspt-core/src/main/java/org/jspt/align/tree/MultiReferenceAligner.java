package org.jspt.align.tree;

import java.util.ArrayList;
import java.util.List;
import org.jspt.align.AlignResult;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.proc.ProcessorSpec;

/**
 * The multi-reference entry point of {@code rotate_translate_3d_tree}: K references prepared once
 * ({@link PreparedReference}, shared by every particle of an iteration), and per particle one
 * {@link PreparedParticle} (one FFT, σ-profile, wedge estimate) shared by the K searches.
 *
 * <p>Pruning across references: every reference gets the amplitude pre-score over the whole coarse grid,
 * a CCF stage and a solution scored on every level down to the full box, so each returns a proper solution and
 * fsc.tomo.auto score. The full budget (192 CCF survivors, 16/6/3 candidates per level for N = 64) goes
 * only to "primary" references, whose best score is within {@link #PRIMARY_FRACTION} of the best primary's
 * at each level; the others get 32 survivors and 2/1/1 candidates and stop the final refinement
 * at 0.8° steps. A reference that loses primary status does not regain it. Within a reference, candidates that
 * converge into one basin count once ({@link #DISTINCT_STEPS}) and, on the refinement levels, basins far behind
 * the best are dropped before they are refined ({@link #MARGIN_FRACTION}); a reference behind the best one
 * on a refinement level is only scored from then on ({@link #BEHIND_FRACTION}), and on each refinement level only
 * the best reference refines more than {@link #RUNNER_UP_KEEP} candidates.
 *
 * <p>Thread-safe: each thread uses its own search workspace; results do not depend on the thread count or
 * on which thread runs a particle. Memory: K × {@link PreparedReference#memoryBytes()} (~36 MB per
 * reference for c1 at N = 64).
 */
public final class MultiReferenceAligner {
    /**
     * A reference is "primary" if its best correlation is at least this fraction of the best one's. At 1 % (the
     * first value) a reference that differs from the best by one subunit often lost primary status on the
     * translation-invariant pre-score alone, was refined from 2/1/1 candidates, ended in a pseudo-symmetric
     * flip and lost its own particles (tilt-series set of docs/tilt-series.md §7: 91 % with the true maps as
     * references at 1 %, 100 % at 5 %). References that are really different stay far below 95 %.
     */
    public static final double PRIMARY_FRACTION = 0.95;
    /**
     * On each refinement level (after the coarse one) the candidates are first scored where they stand on the
     * level's band; one whose correlation is below this fraction of the best candidate's (of the same reference)
     * is not refined: in bench align the candidate that started best on a level always ended best there, and a
     * basin this far behind did not come back.
     */
    static final double MARGIN_FRACTION = 0.9;
    /**
     * On each refinement level (after the coarse one), once the candidates are scored where they stand on the level's
     * band, a reference whose best candidate correlates below this fraction of the best reference's is only scored from
     * then on, at each level, not refined. Counted at that point over every particle and iteration of runs at 48³,
     * where level 1 is the final level (a default run, issue 17's set, seed 17, K = 4 from {@code bt}: 3,200
     * particle–reference pairs; a split run, SNR 0.03, seed 8484: 3,200): no reference below 0.96 of the best ended best
     * (1,532 and 1,859 pairs), and of those in 0.96–0.99, 8 of 682 and 0 of 57 did. At 64³, where level 1 comes
     * before the final level (bench align K = 4, 200 particles with and without weights: 1,608 pairs; a split run at
     * SNR 0.03: 2,880), no reference that was not the best one at the start of level 1 ended best, but for one at 0.99
     * of it.
     * Until session 18 the cut was 0.9 on every level, until session 21 on the levels before the final one
     * (docs/performance.md, "The final level's behind cut", "The behind cut on every refinement level").
     */
    static final double BEHIND_FRACTION = 0.96;
    /** Candidates closer than this many angular steps of their level are one solution (the CCF stage's separation). */
    private static final double DISTINCT_STEPS = 2;
    /**
     * Candidates refined on a refinement level by a reference that is not the best one there (where its candidates
     * stand on the level's band, after the screen); the best reference refines all it kept. Counted over the 48³ runs
     * of {@link #BEHIND_FRACTION}, on their final level: the best solution of a primary reference came from its first
     * two candidates after the screen in 94.5 % (2,944 of 3,114) and 98.7 % (2,815 of 2,852) of the pairs, and a
     * reference below 0.99 of the best one at that point ended best in 8 of the default run's 3,200 pairs and none of
     * the split run's (docs/performance.md, "The final level's behind cut").
     */
    static final int RUNNER_UP_KEEP = 2;
    /** Candidates refined per level for the other references, and in local searches (one basin). */
    private static final int[] SECONDARY_KEEP = {2, 1, 1};
    private static final double SECONDARY_FINAL_STEP = 0.8;

    private final TreeSearchSpec spec;
    private final List<PreparedReference> refs;
    private final ThreadLocal<TreeSearch> search;
    /**
     * {@link #BEHIND_FRACTION} and {@link #RUNNER_UP_KEEP}; a test compares them with refining every candidate of every
     * reference that is not behind by 0.9.
     */
    private final double behindFraction;
    private final int runnerUpKeep;
    /**
     * Per reference, one that does not hold the particles aligned (null: none for that class), against which a global
     * search's winning pose is polished ({@link #polishWinner}); null: no polish.
     */
    private final List<PreparedReference> polish;

    /** Prepares the references (threads: parallelism of the preparation only; the result is identical). */
    public MultiReferenceAligner(TreeSearchSpec spec, List<Volume> references, int threads) { this(spec, references, threads, true); }

    /**
     * @param tables true: each reference gets its pre-score table (about 0.3 s per reference at N = 64, paid back
     *               after a few particles); false: the pre-score samples on demand, about a third of a table per
     *               particle (pair alignments, where a reference meets one particle). The first pass of the
     *               pre-score differs between the two (TreeSearch#prescoreBest), so results can differ.
     */
    public MultiReferenceAligner(TreeSearchSpec spec, List<Volume> references, int threads, boolean tables) {
        this(spec, references, threads, tables, BEHIND_FRACTION, RUNNER_UP_KEEP);
    }

    /**
     * As {@link #MultiReferenceAligner(TreeSearchSpec, List, int, boolean)} with the refinement levels' pruning of
     * references given.
     */
    MultiReferenceAligner(TreeSearchSpec spec, List<Volume> references, int threads, boolean tables, double behindFraction, int runnerUpKeep) {
        this.behindFraction = behindFraction;
        this.runnerUpKeep = runnerUpKeep;
        this.spec = spec;
        List<PreparedReference> r = new ArrayList<>();
        for (Volume v : references) r.add(new PreparedReference(v, spec, threads, tables));
        this.refs = List.copyOf(r);
        this.search = ThreadLocal.withInitial(() -> new TreeSearch(spec));
        this.polish = null;
    }

    private MultiReferenceAligner(MultiReferenceAligner base, List<PreparedReference> polish) {
        this.behindFraction = base.behindFraction;
        this.runnerUpKeep = base.runnerUpKeep;
        this.spec = base.spec;
        this.refs = base.refs;
        this.search = base.search;
        this.polish = polish;
    }

    /**
     * This aligner, sharing its prepared references, with each global search's winning pose polished against
     * {@code independent.get(k)} when reference k wins ({@link #polishWinner}).
     * @param independent per reference, one that holds none of the particles to be aligned (refinemulti: the class's
     *                    average of the other half; true maps), preprocessed as the references were; null entries: no
     *                    polish when that reference wins
     */
    public MultiReferenceAligner polishingAgainst(List<Volume> independent) {
        if (independent.size() != refs.size()) throw new IllegalArgumentException(independent.size() + " polishing references for " + refs.size() + " references");
        List<PreparedReference> l = new ArrayList<>();
        for (Volume v : independent) l.add(v == null ? null : new PreparedReference(v, spec, 1, false));
        return new MultiReferenceAligner(this, java.util.Collections.unmodifiableList(l));
    }

    public TreeSearchSpec spec() { return spec; }
    public int referenceCount() { return refs.size(); }

    /** Bytes held by the prepared references. */
    public long memoryBytes() {
        long b = 0;
        for (PreparedReference r : refs) b += r.memoryBytes();
        return b;
    }

    /** Global search of {@code particle} against every reference. */
    public List<List<AlignResult>> align(Volume particle, int nsoln) { return align(particle, nsoln, TreeOptions.GLOBAL); }

    /**
     * Aligns {@code particle} to every reference.
     * @return per reference (in order), up to nsoln solutions best first; each xform is the particle's
     *         transform (xform.align3d, translation in voxels of this box), score = fsc.tomo.auto ∈ [−1, 1]
     *         (lower is better), coverage = measured fraction of the final band
     */
    public List<List<AlignResult>> align(Volume particle, int nsoln, TreeOptions opt) { return align(particle, null, nsoln, opt); }

    /**
     * Aligns {@code particle}, measured with Fourier weight {@code weight} (its 3-D CTF or wedge on the
     * particle's grid, docs/weights.md; null: detect the wedge from the data), to every reference; as
     * {@link #align(Volume, int, TreeOptions)} otherwise.
     */
    public List<List<AlignResult>> align(Volume particle, org.jspt.ctf.FourierWeight weight, int nsoln, TreeOptions opt) {
        return align(particle, weight, nsoln, opt, null);
    }

    /**
     * A local search of {@code particle} against each reference from its own start: reference k is searched only
     * within {@code maxang} degrees of {@code starts.get(k)} (the particle's xform.align3d against it, e.g. from the
     * previous iteration: --goldstandard, refinemulti.md §7.9); as {@link #align(Volume, org.jspt.ctf.FourierWeight, int, TreeOptions)}
     * otherwise.
     */
    public List<List<AlignResult>> alignLocal(Volume particle, org.jspt.ctf.FourierWeight weight, int nsoln, List<Transform> starts, double maxang) {
        if (starts.size() != refs.size()) throw new IllegalArgumentException(starts.size() + " starts for " + refs.size() + " references");
        if (!(maxang > 0)) throw new IllegalArgumentException("maxang must be > 0, got " + maxang);
        return align(particle, weight, nsoln, new TreeOptions(List.of(Transform.identity()), maxang, false, false, null), starts);
    }

    private List<List<AlignResult>> align(Volume particle, org.jspt.ctf.FourierWeight weight, int nsoln, TreeOptions opt, List<Transform> perReference) {
        if (nsoln < 1) throw new IllegalArgumentException("nsoln must be ≥ 1, got " + nsoln);
        Volume v = particle;
        if (opt.mask() != null) v = ProcessorSpec.of("normalize.mask").with("mask", opt.mask()).with("apply_mask", 1).build().apply(particle);
        PreparedParticle p = new PreparedParticle(v, spec, weight);
        TreeSearch ts = search.get();
        int k = refs.size();
        List<List<Candidate>> cands = new ArrayList<>(k);
        List<Candidate> starts = opt.local() ? starts(opt) : List.of();
        double radius = opt.maxang() > 0 ? opt.maxang() : 2 * spec.levels.get(0).astep();
        if (perReference != null) {
            for (int j = 0; j < k; j++) {
                List<Candidate> own = starts(new TreeOptions(List.of(perReference.get(j)), opt.maxang(), false, false, null));
                cands.add(ts.local(p, refs.get(j), own, radius, Math.max(SECONDARY_KEEP[0], nsoln)));
            }
        } else if (opt.local()) {
            for (PreparedReference r : refs) cands.add(ts.local(p, r, starts, radius, Math.max(SECONDARY_KEEP[0], nsoln)));
        } else {
            globalAll(p, ts, nsoln, cands);
        }
        List<Level> ls = spec.levels;
        // Gauss–Newton moves on the refinement levels: with newton=1, and always from per-reference starts (the
        // --goldstandard iterations). There the classes are fixed, so the self-bias that keeps newton=1 off by
        // default cannot move a particle between classes, and the half references do not hold the particle
        // (docs/performance.md, "Gauss–Newton refinement").
        boolean newton = spec.newton || perReference != null;
        // A global search approaches on a smaller band at the final level (approachThenFinish); local searches
        // (one or two candidates, already near their optima) and the Gauss–Newton moves keep the final band throughout.
        boolean approach = p.approach != null && perReference == null && !opt.local() && !newton;
        double prevMin = ls.get(0).astep() / 2;
        double finalStart = prevMin;
        // Primary references get the full candidate budget. Once lost, the status is not regained: a
        // reference that fell behind with fewer candidates should not flip the budget back and forth.
        boolean[] primary = new boolean[k];
        java.util.Arrays.fill(primary, !opt.local());
        // A reference whose best candidate, scored where it stands on a refinement level, is far behind the
        // best reference's is only scored from then on (at every level, so its score is still fsc.tomo.auto on
        // the final band), not refined. On the final level, scored on the final band itself, the cut is closer.
        boolean[] behind = new boolean[k];
        for (int i = 0; i < ls.size(); i++) {
            Level l = ls.get(i);
            boolean last = i == ls.size() - 1;
            double minStep = last ? Math.min(0.4, l.astep() / 4) : l.astep() / 4;
            if (last) finalStart = prevMin;
            double shiftStep = (double) spec.n / l.ss();
            double best = 0;
            for (int j = 0; j < k; j++) if (primary[j]) best = Math.max(best, -cands.get(j).get(0).score);
            for (int j = 0; j < k; j++) primary[j] = primary[j] && -cands.get(j).get(0).score >= PRIMARY_FRACTION * best;
            boolean scored = i >= 1;
            for (int j = 0; j < k; j++) {
                List<Candidate> c = cands.get(j);
                int keep = Math.max(nsoln, primary[j] ? spec.keepPerLevel[i] : SECONDARY_KEEP[Math.min(i, SECONDARY_KEEP.length - 1)]);
                if (behind[j]) keep = nsoln;
                if (c.size() > keep) c = new ArrayList<>(c.subList(0, keep));
                if (scored) {
                    // On a refinement level the candidates' scores where they stand already separate the basins
                    // (bench align: the best-scoring start always ended best at its level); a basin far behind
                    // is not refined.
                    if (i >= 2) c = withinMargin(c, nsoln);
                    ts.screen(c, p, refs.get(j), p.levels[i], shiftStep);
                    c = withinMargin(c, nsoln);
                }
                cands.set(j, c);
            }
            double top = 0;
            for (int j = 0; j < k; j++) top = Math.max(top, -cands.get(j).get(0).score);
            for (int j = 0; j < k; j++) {
                List<Candidate> c = cands.get(j);
                if (scored && k > 1 && top > 0 && -c.get(0).score < behindFraction * top) behind[j] = true;
                if (behind[j]) continue;
                // A reference that is not the best one where the candidates stand needs its best score rather than
                // its pose: only its best candidates, as ranked on the level's band, are refined.
                if (scored && k > 1 && -c.get(0).score < top && c.size() > Math.max(runnerUpKeep, nsoln)) {
                    c = new ArrayList<>(c.subList(0, Math.max(runnerUpKeep, nsoln)));
                }
                // Secondary references stop the final level at a coarser step: they are > 5% behind and need a
                // proper solution and score, not the last fraction of a degree.
                double stop = primary[j] || opt.local() || !last ? minStep : Math.max(minStep, SECONDARY_FINAL_STEP);
                // With one step size on the level there is nothing to approach.
                if (last && scored && approach && prevMin >= 2 * minStep) {
                    c = approachThenFinish(ts, c, p, refs.get(j), p.levels[i], prevMin, minStep, stop, shiftStep, nsoln, DISTINCT_STEPS * l.astep());
                } else {
                    ts.refine(c, p, refs.get(j), p.levels[i], prevMin, stop, shiftStep, opt.maxang(), DISTINCT_STEPS * l.astep(), scored, newton);
                }
                // Candidates that converged into the same basin are one solution: keep the best of each, so the
                // next level's budget goes to distinct orientations.
                c = TreeSearch.distinctBest(c, c.size(), DISTINCT_STEPS * l.astep());
                cands.set(j, c);
            }
            prevMin = minStep;
        }
        // prevMin is now the final level's stopping step.
        if (polish != null && perReference == null && !opt.local()) polishWinner(ts, p, cands, nsoln, finalStart, prevMin);
        List<List<AlignResult>> out = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            List<Candidate> c = cands.get(j);
            List<AlignResult> res = new ArrayList<>();
            for (int q = 0; q < Math.min(nsoln, c.size()); q++) {
                Candidate x = c.get(q);
                // The reference transform is Translate(t)·R; the particle's is its inverse.
                res.add(new AlignResult(x.referenceTransform().inverse(), x.score, p.coverage()));
            }
            out.add(res);
        }
        return out;
    }

    /**
     * The winning reference's best {@code nsoln} poses refined again on the final band, against that class's reference
     * that does not hold the particle ({@link #polish}), by Gauss–Newton moves and coordinate rounds from the final
     * level's first step down to its last. The search above compares the particle with averages that hold its own
     * noise, which pulls its pose towards the pose it had when it entered them; refined against the other half's
     * average instead, the poses of 48³ runs from the data came 0.1–2.1° closer to the truth (median per class) without
     * changing the classes (docs/performance.md, "The winning pose polished against the other half"). Each keeps the
     * score of the search, which ranks the particle among the classes: rescored at the polished pose against the whole
     * average, the winner loses part of its match with its own noise, and four runs (seeds 17, 41, 5, 7) classified 78.8,
     * 76.3, 52.5 and 75.6 % against 76.3, 79.4, 58.1 and 74.4 % with the search's scores.
     */
    private void polishWinner(TreeSearch ts, PreparedParticle p, List<List<Candidate>> cands, int nsoln, double step0, double minStep) {
        int win = 0;
        for (int j = 1; j < cands.size(); j++) if (cands.get(j).get(0).score < cands.get(win).get(0).score) win = j;
        PreparedReference independent = polish.get(win);
        if (independent == null) return;
        int last = spec.levels.size() - 1;
        double shiftStep = (double) spec.n / spec.levels.get(last).ss();
        Band band = p.levels[last];
        List<Candidate> c = cands.get(win);
        for (int q = 0; q < Math.min(nsoln, c.size()); q++) {
            Candidate x = c.get(q);
            double score = x.score;
            List<Candidate> one = new ArrayList<>(List.of(x));
            ts.screen(one, p, independent, band, shiftStep);
            ts.refine(one, p, independent, band, step0, minStep, shiftStep, 0, 0, true, true);
            x.score = score;
        }
    }

    /**
     * The final level of a global search: the candidates take every step but the last on the approach band
     * ({@link TreeSearchSpec#approachList}), are scored where they stand on the final band, and only the best
     * {@code nsoln} take the last step on it (docs/reference/alignment.md §7.4.3). The last step (about 0.45° at 48³
     * and 64³) changes a score by a fraction of a percent, which reorders nothing but near-ties, and the approach band
     * has about half the final band's coefficients: most of the final level's work went into refining, to full
     * precision on the full band, candidates that were then discarded (docs/performance.md, "The final level
     * approaches on a smaller band"). Candidates not finished keep their final-band scores where they stand.
     * @param finalBand the final level's band
     * @param step0 the level's first step, at least twice {@code minStep}, its stopping step; {@code stop} this
     *              reference's (a secondary reference stops earlier, and then takes no step on the final band)
     * @return the candidates, best first
     */
    private static List<Candidate> approachThenFinish(TreeSearch ts, List<Candidate> c, PreparedParticle p, PreparedReference r, Band finalBand,
                                                      double step0, double minStep, double stop, double shiftStep, int nsoln, double mergeSep) {
        double lastStep = step0;
        while (lastStep >= 2 * minStep) lastStep /= 2;
        // Not scored: each candidate is first scored on the approach band, which its trials are compared with.
        ts.refine(c, p, r, p.approach, step0, Math.max(stop, 2 * lastStep), shiftStep, 0, mergeSep, false, false);
        ts.screen(c, p, r, finalBand, shiftStep);
        if (stop > lastStep) return c;
        int t = Math.min(nsoln, c.size());
        List<Candidate> best = new ArrayList<>(c.subList(0, t));
        ts.refine(best, p, r, finalBand, lastStep, stop, shiftStep, 0, mergeSep, true, false);
        List<Candidate> out = new ArrayList<>(best);
        out.addAll(c.subList(t, c.size()));
        out.sort(Candidate::compare);
        return out;
    }

    /**
     * The candidates (sorted, best first) whose correlation is at least {@link #MARGIN_FRACTION} of the best
     * one's, and at least the first {@code min}.
     */
    private static List<Candidate> withinMargin(List<Candidate> c, int min) {
        if (c.isEmpty() || !(-c.get(0).score > 0)) return c;
        double best = -c.get(0).score;
        int m = 0;
        while (m < c.size() && (m < min || -c.get(m).score >= MARGIN_FRACTION * best)) m++;
        return m == c.size() ? c : new ArrayList<>(c.subList(0, m));
    }

    /**
     * Global level for every reference: pre-scores first; then the CCF stage gets the full survivor budget
     * for the references whose best pre-score is within {@link #PRIMARY_FRACTION} of the best one's, and a
     * sixth of it for the others (their best orientations still get a CCF, so each reference keeps a proper
     * solution).
     */
    private void globalAll(PreparedParticle p, TreeSearch ts, int nsoln, List<List<Candidate>> cands) {
        int k = refs.size(), m = spec.ccfSurvivors;
        int[][] surv = new int[k][m];
        double[] best = new double[k];
        double top = 0;
        for (int j = 0; j < k; j++) {
            best[j] = -ts.prescoreBest(p, refs.get(j), surv[j], m);
            top = Math.max(top, best[j]);
        }
        for (int j = 0; j < k; j++) {
            boolean primary = k == 1 || best[j] >= PRIMARY_FRACTION * top;
            int mj = primary ? m : Math.max(8, m / 6);
            int keep = Math.max(nsoln, primary ? spec.keepPerLevel[0] : SECONDARY_KEEP[0]);
            cands.add(ts.global(p, refs.get(j), surv[j], Math.min(mj, m), keep));
        }
    }

    /** Reference-side start rotations from the particle's initxform (identity if none). */
    private List<Candidate> starts(TreeOptions opt) {
        List<Transform> xs = opt.initxform().isEmpty() ? List.of(Transform.identity()) : opt.initxform();
        List<Transform> all = new ArrayList<>();
        float astep = (float) spec.levels.get(0).astep();
        for (Transform x : xs) {
            all.add(x);
            if (opt.randphi()) {
                double[] e = x.emanAngles();
                for (float phi = astep; phi < 360f; phi += astep) {
                    all.add(Transform.eman(e[0], e[1], e[2] + phi, x.tx(), x.ty(), x.tz()));
                }
            }
        }
        if (opt.rand180()) {
            int m = all.size();
            for (int i = 0; i < m; i++) all.add(all.get(i).compose(Transform.eman(0, 180, 0)));
        }
        List<Candidate> out = new ArrayList<>();
        double[] r = new double[9];
        for (int i = 0; i < all.size(); i++) {
            Transform ref = all.get(i).inverse();
            for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) r[3 * a + b] = ref.get(a, b);
            out.add(new Candidate(r, 0, ref.translation(), i));
        }
        return out;
    }
}
