package org.jspt.align.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tree search of one particle against one prepared reference: a global search on the coarse level
 * (translation-invariant amplitude pre-score over the whole grid, then CCF + sub-voxel peak for the
 * survivors, then well-separated candidates), or a local one around start orientations; then local
 * refinement level by level, keeping fewer candidates at each finer level.
 *
 * <p>One instance per thread (it owns the {@link Scorer}, the pre-score array and the CCF grids);
 * results depend only on the inputs, never on the thread. Steady-state allocation is limited to the few
 * candidate objects.
 */
final class TreeSearch {
    private final TreeSearchSpec spec;
    private final Scorer scorer = new Scorer();
    private final float[] pre;
    private final int[] heap, firstPass;
    /** The CCF stage: the correlation at the shifts searched (±{@link #ccfLimit}) and their neighbours. */
    private final LocalCcf localCcf;
    private final int ccfLimit;
    private final double[] trial = new double[9], small = new double[9], tt = new double[3], around = new double[6], newton = new double[6];
    /** Gauss–Newton proposals that failed before a candidate's refinement goes on by axis trials alone. */
    static final int NEWTON_MISSES = 2;
    /** One pre-score row sampled on demand (references prepared without their table). */
    private short[] row = new short[0];
    /** In-plane pre-score workspace: the sums over rings and the output transform. */
    private final float[] numRe, numIm, denRe, denIm, ringOutRe, ringOutIm;
    private final SmallFft outFft;

    TreeSearch(TreeSearchSpec spec) {
        this.spec = spec;
        this.pre = new float[spec.globalCount];
        this.heap = new int[Math.max(Math.max(FIRST_PASS_KEEP, HALF_PASS_KEEP), spec.ccfSurvivors)];
        this.firstPass = new int[Math.max(FIRST_PASS_KEEP, HALF_PASS_KEEP)];
        int ss = spec.levels.get(0).ss();
        this.ccfLimit = Math.min(ss / 2 - 1, (int) Math.floor(spec.maxshift * ss / spec.n));
        this.localCcf = new LocalCcf(ss, spec.globalList.rmax, ccfLimit + 1);
        InPlaneRings rings = spec.rings;
        numRe = new float[rings.m / 2 + 1];
        numIm = new float[rings.m / 2 + 1];
        denRe = new float[rings.m / 2 + 1];
        denIm = new float[rings.m / 2 + 1];
        ringOutRe = new float[rings.m];
        ringOutIm = new float[rings.m];
        outFft = new SmallFft(rings.m);
    }

    TreeSearchSpec spec() { return spec; }

    /** Orientations kept by the first pass of the pre-score: by the ring pass (with a table), by the half pass (without). */
    static final int FIRST_PASS_KEEP = 512, HALF_PASS_KEEP = 2048;

    /**
     * Translation-invariant pre-score of one global orientation: the normalised correlation of whitened
     * Fourier amplitudes over the particle's measured coefficients {@code idx} (values {@code a}, power
     * {@code power}), −Σ a_p·a_r / sqrt(Σ a_p²·Σ a_r²); lower is better.
     */
    static float rowScore(short[] tab, int row, int[] idx, float[] a, int n, double power) {
        // Four independent accumulators per sum keep the FP pipeline busy (the loop is latency-bound);
        // the order is fixed, so the result is deterministic.
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            float v0 = tab[row + idx[j]], v1 = tab[row + idx[j + 1]], v2 = tab[row + idx[j + 2]], v3 = tab[row + idx[j + 3]];
            s0 += a[j] * v0;
            s1 += a[j + 1] * v1;
            s2 += a[j + 2] * v2;
            s3 += a[j + 3] * v3;
            q0 += v0 * v0;
            q1 += v1 * v1;
            q2 += v2 * v2;
            q3 += v3 * v3;
        }
        for (; j < n; j++) {
            float v = tab[row + idx[j]];
            s0 += a[j] * v;
            q0 += v * v;
        }
        // The fixed-point scale of the table cancels in the normalised correlation.
        double q = (double) (q0 + q2) + (q1 + q3);
        return q > 0 ? (float) (-((s0 + s2) + (s1 + s3)) / Math.sqrt(q * power)) : 0f;
    }

    /**
     * Pre-scores the global grid against {@code r} in two passes, then writes the best {@code survivors} orientation
     * indices to {@code out}, best first (ties to the lower index). The first pass scores every orientation cheaply and keeps the best
     * {@link #FIRST_PASS_KEEP} (with a table: the in-plane ring score, {@link InPlaneRings}) or {@link #HALF_PASS_KEEP}
     * (on demand: the exact pre-score on half of the measured coefficients); the second ranks those by the exact
     * pre-score on every measured coefficient. The first pass only has to keep the right orientations, not rank them.
     *
     * <p>Why two first passes: the ring score is a close stand-in for the exact pre-score (it keeps 99.9–100 % of the
     * exact best 192 among its best 512, where half the coefficients keep 92–98 % among 2048), and is the faster one
     * with a table. In the pair alignments of bt (on demand) it was the faster one too, but references built from the
     * data that way led to worse classifications (docs/performance.md, "The in-plane pre-score"), so they keep the half
     * pass, with exactly their earlier results.
     * @return the best (lowest) pre-score
     */
    float prescoreBest(PreparedParticle p, PreparedReference r, int[] out, int survivors) {
        short[] tab = r.ampTable;
        int stride = r.ampStride, count = spec.globalCount;
        int keep;
        if (tab != null) {
            ringPass(p, r);
            keep = FIRST_PASS_KEEP;
        } else {
            int[] hi = p.ampIndexHalf;
            float[] hv = p.ampValueHalf;
            for (int o = 0; o < count; o++) pre[o] = rowScore(sampledRow(r, o, hi), 0, hi, hv, hi.length, p.ampPowerHalf);
            keep = HALF_PASS_KEEP;
        }
        int m1 = selectBest(null, count, Math.min(keep, count));
        System.arraycopy(heap, 0, firstPass, 0, m1);
        for (int i = 0; i < m1; i++) {
            int o = firstPass[i];
            pre[o] = tab != null ? rowScore(tab, o * stride, p.ampIndex, p.ampValue, p.ampIndex.length, p.ampPower)
                    : rowScore(sampledRow(r, o, p.ampIndex), 0, p.ampIndex, p.ampValue, p.ampIndex.length, p.ampPower);
        }
        int m = selectBest(firstPass, m1, Math.min(survivors, m1));
        // Best first (ties to the lower index): a reference that gets fewer CCFs than survivors takes its best ones.
        for (int i = 0; i < m; i++) {
            int o = heap[i], q = i;
            while (q > 0 && worse(out[q - 1], o)) {
                out[q] = out[q - 1];
                q--;
            }
            out[q] = o;
        }
        return m > 0 ? pre[out[0]] : Float.POSITIVE_INFINITY;
    }

    /**
     * The in-plane ring score of every grid orientation against a reference with its table into this search's
     * pre-score array, which is returned (overwritten by the next call).
     */
    float[] ringPass(PreparedParticle p, PreparedReference r) {
        InPlaneRings rings = spec.rings;
        for (int d = 0; d < rings.directions; d++) inPlaneScores(p, r.ringTable, d * rings.spectrumFloats, d);
        return pre;
    }

    /**
     * The ring scores of direction {@code d}'s {@code nphi} grid rows into {@link #pre}: the circular correlations
     * of the particle's ring spectra with the reference's ({@code ref[at…]}), numerator Σ a·A and wedge-aware
     * normaliser Σ measured·A², summed over rings, brought to the M in-plane angles by one transform (the two
     * real results packed as one complex one); then −num/√(den·power), as the exact pre-score.
     */
    private void inPlaneScores(PreparedParticle p, float[] ref, int at, int d) {
        InPlaneRings rings = spec.rings;
        int m = rings.m, half = m / 2;
        float[] gr = ringOutRe, gi = ringOutIm;
        Arrays.fill(numRe, 0, half + 1, 0f);
        Arrays.fill(numIm, 0, half + 1, 0f);
        Arrays.fill(denRe, 0, half + 1, 0f);
        Arrays.fill(denIm, 0, half + 1, 0f);
        float[] ps = p.ringSpectrum;
        int[] size = rings.ringSize, sat = rings.spectrumAt;
        for (int ring = 0; ring < size.length; ring++) {
            int o = 4 * sat[ring], top = size[ring] / 2;
            for (int f = 0; f <= top; f++) {
                int i = o + 4 * f, k = at + i;
                // (particle)·conj(reference)
                float ar = ref[k], ai = ref[k + 1], br = ref[k + 2], bi = ref[k + 3];
                numRe[f] += ps[i] * ar + ps[i + 1] * ai;
                numIm[f] += ps[i + 1] * ar - ps[i] * ai;
                denRe[f] += ps[i + 2] * br + ps[i + 3] * bi;
                denIm[f] += ps[i + 3] * br - ps[i + 2] * bi;
            }
        }
        // c(j) = Re Σ_f G(f)·e^(±2πi·fj/M) (the sign is the grid's turn): a Hermitian spectrum of length M whose
        // forward transform is real; num and den ride as the real and imaginary parts of one transform.
        float sign = rings.turn > 0 ? -1f : 1f;
        for (int f = 0; f <= half; f++) {
            float nr = numRe[f], ni = sign * numIm[f], dr = denRe[f], di = sign * denIm[f];
            if (f == 0 || f == half) {
                gr[f] = nr;
                gi[f] = dr;
            } else {
                // Z_num(f) = H/2, Z_num(M−f) = H*/2; Y = Z_num + i·Z_den.
                gr[f] = 0.5f * (nr - di);
                gi[f] = 0.5f * (ni + dr);
                gr[m - f] = 0.5f * (nr + di);
                gi[m - f] = 0.5f * (-ni + dr);
            }
        }
        outFft.forward(gr, gi, 0);
        int row = d * rings.nphi;
        double power = p.ampPower;
        for (int j = 0; j < rings.nphi; j++) {
            int b = j % m;
            double num = gr[b], den = gi[b];
            pre[row + j] = den > 0 ? (float) (-num / Math.sqrt(den * power)) : 0f;
        }
    }

    /**
     * Row {@code o} of a reference prepared without its table, sampled at the coefficients {@code idx} only
     * (the other entries of the returned workspace row are stale); the same values the table would hold.
     */
    private short[] sampledRow(PreparedReference r, int o, int[] idx) {
        if (row.length < r.ampStride) row = new short[r.ampStride];
        r.sampleRow(o, idx, row, 0);
        return row;
    }

    /**
     * The {@code k} lowest pre-scores among {@code from[0..count)} (all orientations 0..count−1 if null),
     * ties to the lower index, left in {@code heap[0..k)} in ascending index order.
     */
    private int selectBest(int[] from, int count, int k) {
        int size = 0;
        // Max-heap on (score, index): the root is the worst kept.
        for (int i = 0; i < count; i++) {
            int o = from == null ? i : from[i];
            if (size < k) {
                heap[size] = o;
                up(size++);
            } else if (worse(heap[0], o)) {
                heap[0] = o;
                down(0, size);
            }
        }
        Arrays.sort(heap, 0, size);
        return size;
    }

    private boolean worse(int a, int b) { return pre[a] > pre[b] || (pre[a] == pre[b] && a > b); }

    private void up(int i) {
        while (i > 0) {
            int p = (i - 1) / 2;
            if (!worse(heap[i], heap[p])) break;
            int x = heap[i]; heap[i] = heap[p]; heap[p] = x;
            i = p;
        }
    }

    private void down(int i, int size) {
        while (true) {
            int l = 2 * i + 1, r = l + 1, w = i;
            if (l < size && worse(heap[l], heap[w])) w = l;
            if (r < size && worse(heap[r], heap[w])) w = r;
            if (w == i) return;
            int x = heap[i]; heap[i] = heap[w]; heap[w] = x;
            i = w;
        }
    }

    /**
     * Scores rotation {@code rot[ro..]} on the coarse band: integer CCF peak on the ss-grid within ±maxshift
     * ({@link LocalCcf}), then a parabola through the peak and its neighbours on each axis for the sub-voxel shift.
     * Writes the shift to {@code t}.
     */
    double coarseScore(PreparedParticle p, PreparedReference r, double[] rot, int ro, double[] t) {
        scorer.correlate(r, p.global, rot, ro);
        if (!(scorer.norm() > 0)) {
            t[0] = t[1] = t[2] = 0;
            return 0;
        }
        float[][] d = scorer.ccf(localCcf);
        int lim = ccfLimit;
        float best = Float.NEGATIVE_INFINITY;
        int bx = 0, by = 0, bz = 0;
        // EMAN2's calc_max_location_wrap order: z outer, x inner, first strict maximum.
        for (int k = -lim; k <= lim; k++) {
            for (int j = -lim; j <= lim; j++) {
                for (int i = -lim; i <= lim; i++) {
                    float v = localCcf.at(d, i, j, k);
                    if (v > best) {
                        best = v;
                        bx = i;
                        by = j;
                        bz = k;
                    }
                }
            }
        }
        double scale = (double) spec.n / localCcf.ss;
        // Sub-voxel peak: a parabola through the peak and its two neighbours on each axis. The score is the
        // interpolated peak; exact (Newton-refined) scores come at the refinement.
        double px = parabola(d, bx, by, bz, 1, 0, 0), py = parabola(d, bx, by, bz, 0, 1, 0), pz = parabola(d, bx, by, bz, 0, 0, 1);
        t[0] = clamp((bx + px) * scale, spec.maxshift);
        t[1] = clamp((by + py) * scale, spec.maxshift);
        t[2] = clamp((bz + pz) * scale, spec.maxshift);
        return -best / scorer.norm();
    }

    private static double clamp(double v, double m) { return v > m ? m : (v < -m ? -m : v); }

    /** Offset in (−0.5, 0.5) of the parabola's vertex through the peak and its neighbours along (dx, dy, dz). */
    private double parabola(float[][] d, int x, int y, int z, int dx, int dy, int dz) {
        LocalCcf c = localCcf;
        double m = c.at(d, x - dx, y - dy, z - dz);
        double v = c.at(d, x, y, z);
        double p = c.at(d, x + dx, y + dy, z + dz);
        double den = m - 2 * v + p;
        if (!(den < 0)) return 0;
        double o = 0.5 * (m - p) / den;
        return o > 0.5 ? 0.5 : (o < -0.5 ? -0.5 : o);
    }

    /** Score of (rot, t) on {@code band} after Newton refinement of t (in/out). */
    double fineScore(PreparedParticle p, PreparedReference r, Band band, double[] rot, double[] t, double maxStep, int iters) {
        scorer.correlate(r, band, rot, 0);
        return scorer.refineShift(t, spec.maxshift, maxStep, iters);
    }

    /**
     * Global search from pre-scored orientations: CCF + sub-voxel peak for the first {@code m} of
     * {@code survivors}, then the {@code keep} best well-separated candidates.
     */
    List<Candidate> global(PreparedParticle p, PreparedReference r, int[] survivors, int m, int keep) {
        List<Candidate> all = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            int o = survivors[i];
            Candidate c = new Candidate(spec.globalRotations, 9 * o, null, o);
            c.score = coarseScore(p, r, spec.globalRotations, 9 * o, c.t);
            all.add(c);
        }
        return distinctBest(all, keep, 2 * spec.levels.get(0).astep());
    }

    /**
     * Local start: rotations within {@code radius}° of each start (a cubic grid of rotation vectors with
     * spacing astep/2 about the start, composed on the left), scored on the coarse level.
     */
    List<Candidate> local(PreparedParticle p, PreparedReference r, List<Candidate> starts, double radius, int keep) {
        double step = spec.levels.get(0).astep() / 2;
        int m = (int) Math.floor(radius / step);
        List<Candidate> all = new ArrayList<>();
        int order = 0;
        for (Candidate s : starts) {
            for (int a = -m; a <= m; a++) {
                for (int b = -m; b <= m; b++) {
                    for (int c = -m; c <= m; c++) {
                        double wx = a * step, wy = b * step, wz = c * step;
                        if (Math.sqrt(wx * wx + wy * wy + wz * wz) > radius + 1e-9) continue;
                        rotationVector(wx, wy, wz, small);
                        multiply(small, s.rot, trial);
                        Candidate cand = new Candidate(trial, 0, null, order++);
                        cand.origin = s.rot;
                        cand.score = coarseScore(p, r, trial, 0, cand.t);
                        all.add(cand);
                    }
                }
            }
        }
        return distinctBest(all, keep, spec.levels.get(0).astep());
    }

    /**
     * Refinement of each candidate on {@code band}. With {@code newton} (the aligner's {@code newton=1}, or a search from
     * per-reference starts: {@link MultiReferenceAligner#alignLocal}), on the levels after the global one
     * ({@code scored}) each round first tries a Gauss–Newton move of rotation and shift together ({@link #newtonStep}:
     * one pass for the proposal and one to score it); an accepted move shorter than {@code minStep}, or a rejected
     * proposal shorter than it, ends the candidate's refinement (the optimum lies within the level's precision). After {@link #NEWTON_MISSES} proposals without a move (no curvature of a maximum, or a
     * worse score), the candidate goes on by coordinate rounds alone. Faster and finer in bench align, but it changed
     * refinemulti's classifications from references built from the data (docs/performance.md, "Gauss–Newton
     * refinement"), so it is not the default.
     *
     * <p>Coordinate round: try rotating the reference by ±step about the
     * x, y and z axes (at the current shift), accept the first improvement (then Newton steps on the shift),
     * halve the step when none improves, stop below {@code minStep}. The direction that improved last is
     * tried first (a candidate travelling towards its optimum keeps its heading, so a step usually costs
     * one trial instead of up to six), then the others in the fixed order +x, −x, +y, −y, +z, −z. When all six
     * fail, a quadratic fitted to them and three diagonal trials proposes one more move ({@link #quadraticStep}):
     * axis moves alone stall on a ridge that runs between the axes, and stopped up to several degrees from the
     * optimum of elongated particles in bench align. A candidate that comes within {@code mergeSep}° of one
     * refined before it in this call has joined that basin: it stops there (the caller drops such duplicates). With maxang &gt; 0, trials further than maxang from the
     * candidate's start are skipped. Deterministic: the order of candidates and trials is fixed.
     */
    void refine(List<Candidate> cands, PreparedParticle p, PreparedReference r, Band band, double step0,
                double minStep, double shiftStep, double maxang, double mergeSep, boolean scored, boolean newton) {
        for (int ci = 0; ci < cands.size(); ci++) {
            Candidate c = cands.get(ci);
            if (!scored) c.score = fineScore(p, r, band, c.rot, c.t, shiftStep, 3);
            scorer.phasesAt(band, spec.n, c.t);
            double step = step0;
            int last = 0;
            boolean merged = false;
            int newtonMisses = 0;
            while (step >= minStep && !merged) {
                // Not on the global level: its candidates come from a 7.5° grid through the CCF, and the coordinate
                // rounds' wider look around them keeps them out of pseudo-symmetric mates' basins (a 3-fold-like
                // phantom at 32³ ended 89° off in 1 of 3 sets with proposals there, 0 of 3 without).
                if (scored && newton && newtonMisses < NEWTON_MISSES) {
                    double len = newtonStep(c, r, band, step, shiftStep, maxang);
                    // A proposal shorter than the smallest step that does not improve: the optimum is within it.
                    if (len < 0 && -len < minStep) break;
                    if (len > 0) {
                        if (mergeSep > 0) merged = near(cands, ci, c, mergeSep);
                        // A move shorter than the smallest step: the optimum is reached at this level's precision.
                        if (len < minStep) break;
                        // If the next proposal misses, the axis round looks around at about the last move's scale.
                        step = Math.max(minStep, Math.min(step, len));
                        continue;
                    }
                    newtonMisses++;
                }
                boolean improved = false;
                boolean all = true;
                for (int q = 0; q < 6 && !improved; q++) {
                    int dir = q == 0 ? last : (q <= last ? q - 1 : q);
                    int axis = dir / 2;
                    double ang = (dir % 2 == 0 ? 1 : -1) * step;
                    double s = trial(c, r, band, axis == 0 ? ang : 0, axis == 1 ? ang : 0, axis == 2 ? ang : 0, maxang);
                    around[dir] = s;
                    if (Double.isNaN(s)) all = false;
                    else if (s < c.score) {
                        accept(c, s, shiftStep, band);
                        last = dir;
                        improved = true;
                    }
                }
                // Every axis failed: the optimum may lie off the axes (a ridge). Fit a quadratic to the centre, the
                // six axis trials and three diagonal ones, and try its minimum. Its move ends the round like a
                // failure does (the step is halved): it lands near the optimum at this scale, and rounds of tiny
                // quadratic moves at the same step cost more than they gain (16 tilt-series particles: 10 % more
                // correlation work than without the quadratic step; halving after it, 8 % less).
                boolean quad = !improved && all && quadraticStep(c, r, band, step, shiftStep, maxang);
                improved |= quad;
                if (!improved || quad) step /= 2;
                else if (mergeSep > 0) merged = near(cands, ci, c, mergeSep);
            }
            // Polish the shift of the final rotation (a merged candidate keeps its last score: it is dropped).
            if (!merged) c.score = fineScore(p, r, band, c.rot, c.t, shiftStep, 3);
        }
        cands.sort(Candidate::compare);
    }

    /** Score of the candidate's rotation turned by the rotation vector (wx, wy, wz)° at its shift; NaN if beyond maxang. */
    private double trial(Candidate c, PreparedReference r, Band band, double wx, double wy, double wz, double maxang) {
        rotationVector(wx, wy, wz, small);
        multiply(small, c.rot, trial);
        if (maxang > 0 && c.origin != null && Candidate.angle(trial, 0, c.origin, 0) > maxang) return Double.NaN;
        // Trials are ranked at the current shift (a small rotation barely moves the optimum); an accepted trial
        // then gets Newton steps on the products still held.
        return scorer.scoreAt(r, band, trial, 0);
    }

    /** Moves {@code c} to the last {@link #trial} (score s), with Newton steps on its shift. */
    private void accept(Candidate c, double s, double shiftStep, Band band) {
        System.arraycopy(c.t, 0, tt, 0, 3);
        c.score = Math.min(s, scorer.refineShift(tt, spec.maxshift, shiftStep, 2));
        System.arraycopy(trial, 0, c.rot, 0, 9);
        System.arraycopy(tt, 0, c.t, 0, 3);
        scorer.phasesAt(band, spec.n, c.t);
    }

    /**
     * Tries the Gauss–Newton proposal of {@link Scorer#poseStep} (rotation and shift together, the rotation at most
     * 2·step and the shift at most shiftStep long, scaled alike) and accepts it if it scores better.
     * @return the accepted rotation's length in degrees; minus the proposal's length if it did not score better;
     *         0 if there was no proposal
     */
    private double newtonStep(Candidate c, PreparedReference r, Band band, double step, double shiftStep, double maxang) {
        double len = scorer.poseStep(r, band, c.rot, 0, newton);
        if (!(len > 0)) return 0;
        double cap = 2 * step, f = len > cap ? cap / len : 1;
        double sl = Math.sqrt(newton[3] * newton[3] + newton[4] * newton[4] + newton[5] * newton[5]);
        if (sl * f > shiftStep) f = shiftStep / sl;
        len *= f;
        for (int a = 0; a < 3; a++) tt[a] = clamp(c.t[a] + f * newton[3 + a], spec.maxshift);
        boolean moved = sl > 0;
        if (moved) scorer.phasesAt(band, spec.n, tt);
        double s = trial(c, r, band, f * newton[0], f * newton[1], f * newton[2], maxang);
        if (!(s < c.score)) {
            if (moved) scorer.phasesAt(band, spec.n, c.t);
            return -len;
        }
        System.arraycopy(tt, 0, c.t, 0, 3);
        accept(c, s, shiftStep, band);
        return len;
    }

    /**
     * After a round in which all six axis trials ({@link #around}: +x, −x, +y, −y, +z, −z at {@code step}) failed:
     * the quadratic through them, the centre and the three diagonals (step, step, 0), (step, 0, step), (0, step,
     * step); if it has a minimum, try it (at most 2·step away). Returns whether it improved the candidate.
     */
    private boolean quadraticStep(Candidate c, PreparedReference r, Band band, double step, double shiftStep, double maxang) {
        double f0 = c.score;
        double[] f = around;
        double dxy = trial(c, r, band, step, step, 0, maxang);
        double dxz = trial(c, r, band, step, 0, step, maxang);
        double dyz = trial(c, r, band, 0, step, step, maxang);
        if (Double.isNaN(dxy) || Double.isNaN(dxz) || Double.isNaN(dyz)) return false;
        double ss = step * step;
        double g0 = (f[0] - f[1]) / (2 * step), g1 = (f[2] - f[3]) / (2 * step), g2 = (f[4] - f[5]) / (2 * step);
        double h00 = (f[0] - 2 * f0 + f[1]) / ss, h11 = (f[2] - 2 * f0 + f[3]) / ss, h22 = (f[4] - 2 * f0 + f[5]) / ss;
        double h01 = (dxy - f[0] - f[2] + f0) / ss, h02 = (dxz - f[0] - f[4] + f0) / ss, h12 = (dyz - f[2] - f[4] + f0) / ss;
        // Newton step x = −H⁻¹g, only where H is positive definite (a minimum of the score).
        double c00 = h11 * h22 - h12 * h12, c01 = h02 * h12 - h01 * h22, c02 = h01 * h12 - h02 * h11;
        double det = h00 * c00 + h01 * c01 + h02 * c02;
        if (!(h00 > 0 && h00 * h11 - h01 * h01 > 0 && det > 0)) return false;
        double c11 = h00 * h22 - h02 * h02, c12 = h01 * h02 - h00 * h12, c22 = h00 * h11 - h01 * h01;
        double x = -(c00 * g0 + c01 * g1 + c02 * g2) / det;
        double y = -(c01 * g0 + c11 * g1 + c12 * g2) / det;
        double z = -(c02 * g0 + c12 * g1 + c22 * g2) / det;
        double len = Math.sqrt(x * x + y * y + z * z);
        if (!(len > 1e-3 * step)) return false;
        if (len > 2 * step) {
            x *= 2 * step / len;
            y *= 2 * step / len;
            z *= 2 * step / len;
        }
        double s = trial(c, r, band, x, y, z, maxang);
        if (!(s < f0)) return false;
        accept(c, s, shiftStep, band);
        return true;
    }

    /**
     * Scores every candidate where it stands on {@code band} (its shift Newton-refined), best first: what
     * {@link #refine} starts from, so a caller can drop the hopeless ones before refining (scored = true).
     */
    void screen(List<Candidate> cands, PreparedParticle p, PreparedReference r, Band band, double shiftStep) {
        for (Candidate c : cands) c.score = fineScore(p, r, band, c.rot, c.t, shiftStep, 3);
        cands.sort(Candidate::compare);
    }

    /** Whether {@code c} lies within {@code sep}° of one of {@code cands[0..before)}. */
    private static boolean near(List<Candidate> cands, int before, Candidate c, double sep) {
        for (int i = 0; i < before; i++) if (Candidate.angle(c.rot, 0, cands.get(i).rot, 0) < sep) return true;
        return false;
    }

    /**
     * The {@code keep} best candidates, greedily skipping any within {@code minSep}° of one already kept
     * (sorted by score, ties by grid order).
     */
    static List<Candidate> distinctBest(List<Candidate> all, int keep, double minSep) {
        all.sort(Candidate::compare);
        List<Candidate> out = new ArrayList<>(keep);
        for (Candidate c : all) {
            if (out.size() >= keep) break;
            boolean near = false;
            for (Candidate k : out) {
                if (Candidate.angle(c.rot, 0, k.rot, 0) < minSep) {
                    near = true;
                    break;
                }
            }
            if (!near) out.add(c);
        }
        return out;
    }

    /** Rotation matrix (row-major) of the rotation vector (degrees; axis·angle), Rodrigues' formula. */
    static void rotationVector(double wx, double wy, double wz, double[] out) {
        double ang = Math.toRadians(Math.sqrt(wx * wx + wy * wy + wz * wz));
        if (ang == 0) {
            for (int i = 0; i < 9; i++) out[i] = (i % 4 == 0) ? 1 : 0;
            return;
        }
        double s = Math.toRadians(1) / ang;
        double x = wx * s, y = wy * s, z = wz * s, c = Math.cos(ang), sn = Math.sin(ang), v = 1 - c;
        out[0] = c + x * x * v;      out[1] = x * y * v - z * sn; out[2] = x * z * v + y * sn;
        out[3] = y * x * v + z * sn; out[4] = c + y * y * v;      out[5] = y * z * v - x * sn;
        out[6] = z * x * v - y * sn; out[7] = z * y * v + x * sn; out[8] = c + z * z * v;
    }

    /** out = a·b (row-major 3×3); out must not alias a or b. */
    static void multiply(double[] a, double[] b, double[] out) {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                out[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
    }
}
