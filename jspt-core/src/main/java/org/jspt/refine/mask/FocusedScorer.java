package org.jspt.refine.mask;

import org.jspt.align.AlignResult;
import org.jspt.ctf.FourierWeight;
import org.jspt.geom.Transform;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;

/**
 * jspt {@code --focusmask} ({@code docs/reference/refinemulti.md} §16.2): the classification score of a particle
 * against a reference, restricted to a mask region, at the pose the (whole-particle) alignment found.
 *
 * <p>Every reference is compared at one pose, the one of the reference the particle aligned best to (the
 * references share the mask's frame). In the particle's frame: the reference R and the mask m (both given in the reference frame) are moved by
 * the inverse of the particle's {@code xform.align3d}; the reference gets the particle's Fourier transfer W
 * (its weight M when the run has per-particle weights, docs/weights.md; otherwise the coefficients the
 * particle measured, detected from its power as a 3×3×3-smoothed |D|² ≥ ½ of its shell's mean |D|²), so
 * that both sides lack the same missing wedge; the box means are removed from both. With P the particle:
 * a = ⟨P, R_w⟩ / ⟨R_w, R_w⟩ over the whole box (≥ 0; the common body fixes the scale, so references on
 * another scale than the particles still compare), then
 * <pre>score = (a²·Σ m²R_w² − 2a·Σ m²P·R_w) / Σ P²</pre>
 * the change of the particle's squared residual inside the mask when a·R_w is subtracted, relative to the
 * particle's power: lower is better. Unlike a normalised correlation it tells a reference that has density
 * in the mask from one that has none (the least-squares choice between "part present" and "part absent").
 *
 * <p>Immutable and thread-safe; buffers are per thread and reused.
 */
public final class FocusedScorer {
    /** Coefficients count as measured where the smoothed power reaches this fraction of the shell mean. */
    static final double MEASURED_FRACTION = 0.5;

    private final Volume mask;
    private final int n;
    /** Per Fourier coefficient (half-complex layout), the factor both sides of every product get, or null for none. */
    private final float[] gain;
    private final ThreadLocal<Scratch> scratch;

    private static final class Scratch {
        final Volume p, r, m, rw, rw2;
        final FourierVolume fp, fr;
        final float[] transfer;
        final double[] shellSum;
        final int[] shellCount;

        Scratch(int n) {
            shellSum = new double[n]; // radii up to √3·n/2 < n
            shellCount = new int[n];
            p = Volume.cube(n);
            r = Volume.cube(n);
            m = Volume.cube(n);
            rw = Volume.cube(n);
            rw2 = Volume.cube(n);
            fp = new FourierVolume(n, n, n);
            fr = new FourierVolume(n, n, n);
            transfer = new float[fp.data.length / 2];
        }
    }

    /** @param mask the focus mask on the particles' box, in the references' frame (values in [0, 1]) */
    public FocusedScorer(Volume mask) { this(mask, 0); }

    /**
     * @param frequencyPower p: every product of the scores weights a Fourier coefficient k by |k|^p (|k| in Fourier
     *                       pixels; each side is multiplied by |k|^(p/2)), so p &gt; 0 favours the finer detail; 0: none
     */
    public FocusedScorer(Volume mask, double frequencyPower) {
        if (!mask.isCube()) throw new IllegalArgumentException("the focus mask must be cubic, got " + mask.shape());
        this.mask = mask;
        this.n = mask.nx;
        this.gain = frequencyPower == 0 ? null : gains(n, frequencyPower / 2);
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(n));
    }

    /**
     * The focused scores of one raw particle against the references it was aligned to.
     * @param raw the raw particle (the mask's box)
     * @param weight its Fourier weight on the raw box, or null (the measured region is detected from the data)
     * @param refs the raw references, one per entry of {@code aligned}
     * @param aligned the alignment results (null entries stay null)
     * @return per reference: the pose of the best-aligned reference (lowest score of {@code aligned}), the
     *         reference's coverage and its focused score at that pose
     */
    public AlignResult[] rescore(Volume raw, FourierWeight weight, java.util.List<Volume> refs, AlignResult[] aligned) {
        // One pose for every reference: the best-aligned reference's. The references share a frame (the mask's), and
        // comparing them at one position leaves only their difference inside the mask to decide; each reference's own
        // pose would add that pose's noise, larger than a small part's signal (measured: docs/heterogeneity.md).
        int best = -1;
        for (int k = 0; k < aligned.length; k++) if (aligned[k] != null && (best < 0 || aligned[k].score() < aligned[best].score())) best = k;
        AlignResult[] out = new AlignResult[aligned.length];
        if (best < 0) {
            checkBox(raw);
            return out;
        }
        Transform pose = aligned[best].xform();
        java.util.List<Volume> used = new java.util.ArrayList<>(aligned.length);
        for (int k = 0; k < aligned.length; k++) used.add(aligned[k] == null ? null : refs.get(k));
        double[] scores = scoresAt(raw, weight, used, pose);
        for (int k = 0; k < aligned.length; k++) if (aligned[k] != null) out[k] = new AlignResult(pose, scores[k], aligned[k].coverage());
        return out;
    }

    /**
     * The focused scores of one raw particle against every reference at one pose (its xform.align3d): what
     * {@link #rescore} gives at the best-aligned reference's pose, and {@code evaluate --ceiling} at the true pose.
     * @param refs the raw references (null entries: not scored, NaN)
     * @return per reference, lower is better
     */
    public double[] scoresAt(Volume raw, FourierWeight weight, java.util.List<Volume> refs, Transform pose) {
        checkBox(raw);
        Scratch s = scratch.get();
        double pp = prepare(raw, weight, s);
        VolumeTransforms.apply(mask, pose.inverse(), s.m); // one pose: the mask is moved once for every reference
        double[] out = new double[refs.size()];
        for (int k = 0; k < out.length; k++) out[k] = refs.get(k) == null ? Double.NaN : pp > 0 ? score(s, refs.get(k), pose, pp) : 0;
        return out;
    }

    private void checkBox(Volume raw) {
        if (raw.nx != n || !raw.isCube()) throw new IllegalArgumentException("particle is " + raw.shape() + ", the focus mask " + n + "³");
    }

    /**
     * --restarts (§16.5.1): least-squares scores of a particle against classes each given as two half averages (plain
     * means of n_e and n_o members), free of the two biases of scoring against class averages: towards the class
     * averaged from more particles (less noisy, so it correlates better with everyone) and towards the particle's own
     * class (its noise is in that average). With P the particle, W its transfer, E and O a class's half averages moved
     * into the particle's frame at the one pose, F = (n_e·E + n_o·O)/n their mean:
     * <pre>score = (Σ m²·(W·E)(W·O) − 2·Σ m²·P·(W·F₋ₚ)) / Σ P²</pre>
     * i.e. |S|² − 2⟨P, S⟩ of the particle's squared residual |P − S|² − |P|², with |S|² estimated by ⟨E, O⟩ (the halves'
     * noise is independent) and S by F₋ₚ, the class average without the particle: F for another class, (n·F − P̃)/(n − 1)
     * for its own, P̃ being the particle moved into the frame and back as the average received it. Lower is better.
     * @param own per set: the particle's current class (its average holds it)
     * @param halfSets per set, per class: {even, odd} half averages in the pose's frame
     * @param counts per set, per class: {n_e, n_o}
     * @return per set, per class: the pose of the best-aligned class of {@code aligned} and the score
     */
    public AlignResult[][] leaveOneOutScores(Volume raw, FourierWeight weight, int[] own, java.util.List<java.util.List<Volume[]>> halfSets,
                                             java.util.List<int[][]> counts, AlignResult[] aligned) {
        if (raw.nx != n || !raw.isCube()) throw new IllegalArgumentException("particle is " + raw.shape() + ", the mask " + n + "³");
        Scratch s = scratch.get();
        double pp = prepare(raw, weight, s);
        int best = -1;
        for (int k = 0; k < aligned.length; k++) if (aligned[k] != null && (best < 0 || aligned[k].score() < aligned[best].score())) best = k;
        AlignResult[][] out = new AlignResult[halfSets.size()][aligned.length];
        if (best < 0) return out;
        Transform pose = aligned[best].xform();
        VolumeTransforms.apply(mask, pose.inverse(), s.m);
        float[] p = s.p.data, m = s.m.data, e = s.rw.data, o = s.rw2.data;
        // ⟨P, P̃⟩: the particle's own contribution to an average, moved there and back (the same for every set).
        filtered(s, VolumeTransforms.apply(raw, pose), pose, s.rw);
        double self = 0;
        for (int i = 0; i < p.length; i++) self += (double) m[i] * m[i] * p[i] * e[i];
        for (int set = 0; set < halfSets.size(); set++) {
            for (int k = 0; k < aligned.length; k++) {
                if (aligned[k] == null) continue;
                Volume[] h = halfSets.get(set).get(k);
                int ne = counts.get(set)[k][0], no = counts.get(set)[k][1], nk = ne + no;
                filtered(s, h[0], pose, s.rw);
                filtered(s, h[1], pose, s.rw2);
                double eo = 0, pe = 0, po = 0;
                for (int i = 0; i < p.length; i++) {
                    double w = (double) m[i] * m[i];
                    eo += w * e[i] * o[i];
                    pe += w * p[i] * e[i];
                    po += w * p[i] * o[i];
                }
                double pf = nk == 0 ? 0 : (ne * pe + no * po) / nk;
                if (k == own[set] && nk > 1) pf = (nk * pf - self) / (nk - 1);
                out[set][k] = new AlignResult(pose, pp > 0 ? (eo - 2 * pf) / pp : 0, aligned[k].coverage());
            }
        }
        return out;
    }

    /** Puts the particle without its mean into {@code s.p} and its transfer into {@code s.transfer}. @return Σ P² */
    private double prepare(Volume raw, FourierWeight weight, Scratch s) {
        System.arraycopy(raw.data, 0, s.p.data, 0, raw.data.length);
        Fft.forward(s.p, s.fp);
        transfer(s.fp, weight, s);
        applyGain(s.fp.data);
        s.fp.data[0] = 0;
        s.fp.data[1] = 0;
        Fft.inverse(s.fp, s.p); // the particle without its mean
        double pp = 0;
        for (float v : s.p.data) pp += (double) v * v;
        return pp;
    }

    /** {@code ref} moved into the particle's frame, given the particle's transfer, without its mean, into {@code out}. */
    private void filtered(Scratch s, Volume ref, Transform toReference, Volume out) {
        VolumeTransforms.apply(ref, toReference.inverse(), s.r);
        Fft.forward(s.r, s.fr);
        float[] f = s.fr.data, t = s.transfer, g = gain;
        for (int j = 0, i = 0; j < t.length; j++, i += 2) {
            float w = g == null ? t[j] : t[j] * g[j]; // the particle's transfer and the frequency weight in one pass
            f[i] *= w;
            f[i + 1] *= w;
        }
        f[0] = 0;
        f[1] = 0;
        Fft.inverse(s.fr, out);
    }

    /** The score of one reference at the pose; {@code s.m} holds the mask already moved into the particle's frame. */
    private double score(Scratch s, Volume ref, Transform toReference, double pp) {
        filtered(s, ref, toReference, s.rw);
        float[] p = s.p.data, r = s.rw.data, m = s.m.data;
        double pr = 0, rr = 0, mpr = 0, mrr = 0;
        for (int i = 0; i < p.length; i++) {
            double pv = p[i], rv = r[i], w = (double) m[i] * m[i];
            pr += pv * rv;
            rr += rv * rv;
            mpr += w * pv * rv;
            mrr += w * rv * rv;
        }
        if (!(rr > 0)) return 0;
        double scale = Math.max(0, pr / rr);
        return (scale * scale * mrr - 2 * scale * mpr) / pp;
    }

    /** W per stored coefficient: the weight's value, or 1 where the particle measured the coefficient, else 0. */
    private static void transfer(FourierVolume d, FourierWeight weight, Scratch s) {
        float[] out = s.transfer;
        if (weight != null) {
            weight.check(d);
            System.arraycopy(weight.values, 0, out, 0, out.length);
            return;
        }
        int nx = d.nx, nkx = d.nkx;
        float[] f = d.data;
        double[] sum = s.shellSum;
        int[] count = s.shellCount;
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(count, 0);
        float[] power = out; // first the smoothed power, then overwritten by 0/1
        for (int z = 0; z < nx; z++) {
            for (int y = 0; y < nx; y++) {
                for (int x = 0; x < nkx; x++) {
                    double acc = 0;
                    int c = 0;
                    for (int dz = -1; dz <= 1; dz++) {
                        int zz = Math.floorMod(z + dz, nx);
                        for (int dy = -1; dy <= 1; dy++) {
                            int yy = Math.floorMod(y + dy, nx);
                            for (int dx = -1; dx <= 1; dx++) {
                                int xx = x + dx;
                                if (xx < 0 || xx >= nkx) continue;
                                int i = 2 * (xx + nkx * (yy + nx * zz));
                                acc += (double) f[i] * f[i] + (double) f[i + 1] * f[i + 1];
                                c++;
                            }
                        }
                    }
                    int j = x + nkx * (y + nx * z);
                    power[j] = (float) (acc / c);
                    int shell = shell(x, y, z, nx);
                    sum[shell] += power[j];
                    count[shell]++;
                }
            }
        }
        for (int z = 0; z < nx; z++) {
            for (int y = 0; y < nx; y++) {
                for (int x = 0; x < nkx; x++) {
                    int j = x + nkx * (y + nx * z), shell = shell(x, y, z, nx);
                    double mean = sum[shell] / count[shell];
                    power[j] = mean > 0 && power[j] >= MEASURED_FRACTION * mean ? 1f : 0f;
                }
            }
        }
    }

    /** |k|^e per coefficient of an n³ box's half-complex layout (0 at k = 0). */
    private static float[] gains(int n, double e) {
        int nkx = n / 2 + 1;
        float[] g = new float[nkx * n * n];
        for (int z = 0; z < n; z++) {
            int kz = FourierVolume.signedIndex(z, n);
            for (int y = 0; y < n; y++) {
                int ky = FourierVolume.signedIndex(y, n);
                for (int x = 0; x < nkx; x++) {
                    double r = FourierVolume.radius(x, ky, kz);
                    g[x + nkx * (y + n * z)] = r == 0 ? 0f : (float) Math.pow(r, e);
                }
            }
        }
        return g;
    }

    private void applyGain(float[] f) {
        if (gain == null) return;
        for (int j = 0, i = 0; j < gain.length; j++, i += 2) {
            f[i] *= gain[j];
            f[i + 1] *= gain[j];
        }
    }

    private static int shell(int x, int y, int z, int n) {
        return FourierVolume.shell(x, FourierVolume.signedIndex(y, n), FourierVolume.signedIndex(z, n));
    }
}
