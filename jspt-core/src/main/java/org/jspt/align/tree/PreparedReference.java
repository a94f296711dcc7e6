package org.jspt.align.tree;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.jspt.image.Volume;

/**
 * Everything the tree search needs from one reference, computed once per iteration and shared by every
 * particle: its centred low-frequency spectrum (for Fourier rotation, §2.7), per-shell power thresholds
 * (sigmathis·σ²) and the table of its whitened Fourier amplitudes rotated to every global orientation,
 * sampled at the pre-score coefficients. The table makes the global pre-score of a particle a pair of dot
 * products per orientation instead of a rotation.
 *
 * <p>Immutable after construction; thread-safe for reading. Memory: 2·(orientations × pre-score
 * coefficients) bytes, about 36 MB for c1 (36,407 orientations × 490 coefficients), plus the spectrum (&lt; 1 MB).
 * Building costs one trilinear sample per table entry (measured 0.3 s per reference on 2 threads, N = 64),
 * spread over {@code threads}.
 *
 * <p>With the table comes the in-plane pre-score's ring spectra of every direction ({@link InPlaneRings}), from
 * which the first pass of the pre-score scores all orientations (about 5 MB more, and 743 × 820 samples to build).
 *
 * <p>A reference that only a few particles meet (a pair alignment while building references from the data)
 * is prepared without the table ({@code table = false}): the pre-score then samples each entry when it needs
 * it ({@link #sampleRow}), only at the particle's measured coefficients (half of them for most orientations),
 * which costs about a third of building the table. The sampled values are exactly the table's; the first pass
 * differs (half of the coefficients instead of the rings, {@link TreeSearch#prescoreBest}), so the orientations
 * that reach the exact pre-score, and the results, can differ from those with the table.
 */
public final class PreparedReference {
    final TreeSearchSpec spec;
    final CentredSpectrum spectrum;
    /** sigmathis·σ(shell)², compared with |F_rot|² at each sample. */
    final float[] threshold;
    /**
     * Row o = the rotated whitened amplitudes at {@link TreeSearchSpec#amplitudeList}, in units of
     * 1/{@link #AMP_SCALE} (16-bit fixed point: the pre-score streams this table once per particle, so half
     * the bytes is nearly half the time; 1/2048 of a shell σ is far below what ranking needs).
     */
    final short[] ampTable;
    static final float AMP_SCALE = 2048f;
    /** 1.5·2²³: adding and subtracting it rounds a float of magnitude below 2²² to the nearest integer, ties to even. */
    private static final float ROUND_MAGIC = 12582912f;
    final int ampStride;
    /** The whitened amplitude cube the table entries are sampled from (for {@link #sampleRow}). */
    private final float[] white;
    /**
     * With the table: the in-plane pre-score's ring spectra of every direction ({@link InPlaneRings}), {@code
     * spec.rings.spectrumFloats} per direction; null without the table (the first pass then takes half of the
     * coefficients).
     */
    final float[] ringTable;

    public PreparedReference(Volume reference, TreeSearchSpec spec, int threads) { this(reference, spec, threads, true); }

    /**
     * @param table true: build the table of every global orientation now (a reference many particles meet);
     *              false: the pre-score samples entries on demand (one or a few particles)
     */
    public PreparedReference(Volume reference, TreeSearchSpec spec, int threads, boolean table) {
        if (reference.nx != spec.n || !reference.isCube()) {
            throw new IllegalArgumentException("reference is " + reference.shape() + ", the prepared search is for " + spec.n + "³");
        }
        this.spec = spec;
        this.spectrum = new CentredSpectrum(reference, spec.maxRadius());
        double[] sp = spectrum.sigmaProfile;
        threshold = new float[sp.length];
        for (int r = 0; r < sp.length; r++) threshold[r] = (float) (spec.sigmathis * sp[r] * sp[r]);
        CoefficientList al = spec.amplitudeList;
        ampStride = al.size;
        // Two shells beyond the band so the outer samples interpolate between real values, not zeros.
        white = whitenedAmplitudes(spectrum, al.rmax + 2);
        if (!table) {
            ampTable = null;
            ringTable = null;
            return;
        }
        ampTable = new short[spec.globalCount * ampStride];
        InPlaneRings rings = spec.rings;
        ringTable = new float[rings.directions * rings.spectrumFloats];
        int chunks = Math.max(1, Math.min(64, spec.globalCount / 256));
        Runnable build = () -> IntStream.range(0, chunks).parallel().forEach(c -> {
            fillRows(c * spec.globalCount / chunks, (c + 1) * spec.globalCount / chunks);
            fillRings(c * rings.directions / chunks, (c + 1) * rings.directions / chunks);
        });
        if (threads <= 1) {
            fillRows(0, spec.globalCount);
            fillRings(0, rings.directions);
        } else {
            // Each row is computed independently, so the table is identical for any thread count.
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                pool.submit(build).join();
            } finally {
                pool.shutdown();
            }
        }
    }

    /**
     * |F| on the spectrum's cube, whitened per integer shell (mean 0, σ 1 over the shell) up to radius
     * {@code rmax}, zero beyond; so every shell weighs by its coefficient count in the pre-score.
     */
    private static float[] whitenedAmplitudes(CentredSpectrum s, int rmax) {
        int side = s.side, o = s.offset;
        float[] a = new float[side * side * side];
        double[] s1 = new double[rmax + 1], s2 = new double[rmax + 1];
        int[] c = new int[rmax + 1];
        for (int pass = 0; pass < 2; pass++) {
            for (int z = -o; z <= o; z++) {
                for (int y = -o; y <= o; y++) {
                    for (int x = -o; x <= o; x++) {
                        int r = (int) Math.sqrt(x * x + y * y + z * z);
                        if (r > rmax) continue;
                        int i = s.index(x, y, z);
                        double v = Math.hypot(s.c[2 * i], s.c[2 * i + 1]);
                        if (pass == 0) {
                            s1[r] += v;
                            s2[r] += v * v;
                            c[r]++;
                        } else {
                            double m = s1[r] / c[r], sd = Math.sqrt(Math.max(1e-30, s2[r] / c[r] - m * m));
                            a[i] = (float) ((v - m) / sd);
                        }
                    }
                }
            }
        }
        return a;
    }

    private void fillRows(int from, int to) {
        int[] all = spec.allAmplitudeIndices;
        for (int o = from; o < to; o++) sampleRow(o, all, ampTable, o * ampStride);
    }

    private void fillRings(int from, int to) {
        InPlaneRings rings = spec.rings;
        float[] a = new float[rings.samples], b = new float[rings.samples];
        SmallFft[] fft = rings.transforms();
        for (int d = from; d < to; d++) ringSpectrum(d, a, b, fft, ringTable, d * rings.spectrumFloats);
    }

    /**
     * The in-plane pre-score's ring spectra of direction {@code d} into {@code out[at…]}: the whitened amplitudes A
     * of the reference rotated by the direction's φ = 0 rotation, and A², at the ring points, transformed ring by
     * ring ({@link InPlaneRings#spectra}). {@code a} and {@code b} are workspace of {@code rings.samples} floats.
     */
    private void ringSpectrum(int d, float[] a, float[] b, SmallFft[] fft, float[] out, int at) {
        InPlaneRings rings = spec.rings;
        int o = d * rings.nphi;
        double[] rot = spec.globalRotations;
        int side = spectrum.side, sz = side * side;
        float off = (float) spectrum.offset;
        float[] w = white, qx = rings.qx, qy = rings.qy, qz = rings.qz;
        float r00 = (float) rot[9 * o], r01 = (float) rot[9 * o + 1], r02 = (float) rot[9 * o + 2];
        float r10 = (float) rot[9 * o + 3], r11 = (float) rot[9 * o + 4], r12 = (float) rot[9 * o + 5];
        float r20 = (float) rot[9 * o + 6], r21 = (float) rot[9 * o + 7], r22 = (float) rot[9 * o + 8];
        for (int i = 0; i < rings.samples; i++) {
            float x = qx[i], y = qy[i], z = qz[i];
            // The same trilinear sampling as sampleRow's, written out: as a shared method it was not inlined there and
            // doubled the on-demand pre-score's time.
            float fx = r00 * x + r10 * y + r20 * z + off;
            float fy = r01 * x + r11 * y + r21 * z + off;
            float fz = r02 * x + r12 * y + r22 * z + off;
            int ix = (int) fx, iy = (int) fy, iz = (int) fz;
            float ax = fx - ix, ay = fy - iy, az = fz - iz;
            int c = ix + side * (iy + side * iz);
            float v00 = w[c] + ax * (w[c + 1] - w[c]);
            float v10 = w[c + side] + ax * (w[c + side + 1] - w[c + side]);
            float v01 = w[c + sz] + ax * (w[c + sz + 1] - w[c + sz]);
            float v11 = w[c + side + sz] + ax * (w[c + side + sz + 1] - w[c + side + sz]);
            float v0 = v00 + ay * (v10 - v00), v1 = v01 + ay * (v11 - v01);
            float v = v0 + az * (v1 - v0);
            a[i] = v;
            b[i] = v * v;
        }
        rings.spectra(a, b, fft, false, out, at);
    }

    /**
     * Entries (o, j) of the table for j in {@code idx}, into {@code out[at + j]}: the whitened amplitudes of the
     * reference rotated to global orientation o, at pre-score coefficient j, trilinear, in fixed point. Both the
     * table and the on-demand pre-score use this, so their values are identical.
     */
    void sampleRow(int o, int[] idx, short[] out, int at) {
        CoefficientList al = spec.amplitudeList;
        double[] rot = spec.globalRotations;
        int side = spectrum.side, sz = side * side;
        // Single precision, as in Scorer.correlate: the cube is float, and float sampling is about 30 % faster.
        float off = (float) spectrum.offset;
        float[] w = white;
        int[] kx = al.kx, ky = al.ky, kz = al.kz;
        float r00 = (float) rot[9 * o], r01 = (float) rot[9 * o + 1], r02 = (float) rot[9 * o + 2];
        float r10 = (float) rot[9 * o + 3], r11 = (float) rot[9 * o + 4], r12 = (float) rot[9 * o + 5];
        float r20 = (float) rot[9 * o + 6], r21 = (float) rot[9 * o + 7], r22 = (float) rot[9 * o + 8];
        for (int j : idx) {
            float x = kx[j], y = ky[j], z = kz[j];
            // Source point Rᵀ·k: the reference rotated by R has F_rot(k) = F(R⁻¹k).
            float fx = r00 * x + r10 * y + r20 * z + off;
            float fy = r01 * x + r11 * y + r21 * z + off;
            float fz = r02 * x + r12 * y + r22 * z + off;
            int ix = (int) fx, iy = (int) fy, iz = (int) fz;
            float ax = fx - ix, ay = fy - iy, az = fz - iz;
            int b = ix + side * (iy + side * iz);
            float v00 = w[b] + ax * (w[b + 1] - w[b]);
            float v10 = w[b + side] + ax * (w[b + side + 1] - w[b + side]);
            float v01 = w[b + sz] + ax * (w[b + sz + 1] - w[b + sz]);
            float v11 = w[b + side + sz] + ax * (w[b + side + sz + 1] - w[b + side + sz]);
            float v0 = v00 + ay * (v10 - v00), v1 = v01 + ay * (v11 - v01);
            out[at + j] = fixedPoint((v0 + az * (v1 - v0)) * AMP_SCALE);
        }
    }

    /**
     * {@code v} rounded half to even and clamped to the short range (NaN gives 0): the value of
     * {@code (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.rint(v)))}, computed in float: clamp
     * first, then round by adding and subtracting 1.5·2²³ (exact for magnitudes below 2²², which the clamp
     * guarantees). The double-precision form cost more than the sampling it ended (docs/performance.md).
     */
    static short fixedPoint(float v) {
        float c = v > Short.MAX_VALUE ? Short.MAX_VALUE : (v < Short.MIN_VALUE ? Short.MIN_VALUE : v);
        return (short) (int) ((c + ROUND_MAGIC) - ROUND_MAGIC);
    }

    /** Bytes held by this reference (table and spectrum). */
    public long memoryBytes() {
        return (ampTable == null ? 0 : 2L * ampTable.length + 4L * ringTable.length) + 4L * white.length + 4L * spectrum.c.length;
    }
}
