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
    private final ThreadLocal<Scratch> scratch;

    private static final class Scratch {
        final Volume p, r, m, rw;
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
            fp = new FourierVolume(n, n, n);
            fr = new FourierVolume(n, n, n);
            transfer = new float[fp.data.length / 2];
        }
    }

    /** @param mask the focus mask on the particles' box, in the references' frame (values in [0, 1]) */
    public FocusedScorer(Volume mask) {
        if (!mask.isCube()) throw new IllegalArgumentException("the focus mask must be cubic, got " + mask.shape());
        this.mask = mask;
        this.n = mask.nx;
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

    /** Puts the particle without its mean into {@code s.p} and its transfer into {@code s.transfer}. @return Σ P² */
    private double prepare(Volume raw, FourierWeight weight, Scratch s) {
        System.arraycopy(raw.data, 0, s.p.data, 0, raw.data.length);
        Fft.forward(s.p, s.fp);
        transfer(s.fp, weight, s);
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
        float[] f = s.fr.data, t = s.transfer;
        for (int j = 0, i = 0; j < t.length; j++, i += 2) {
            f[i] *= t[j];
            f[i + 1] *= t[j];
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

    private static int shell(int x, int y, int z, int n) {
        return FourierVolume.shell(x, FourierVolume.signedIndex(y, n), FourierVolume.signedIndex(z, n));
    }
}
