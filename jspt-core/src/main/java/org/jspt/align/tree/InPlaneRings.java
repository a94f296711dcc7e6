package org.jspt.align.tree;

import java.util.Arrays;

/**
 * The geometry of the in-plane ring score, the first pass of the pre-score against a reference with its table
 * (docs/reference/alignment.md §7.4.2): the global grid is directions ×
 * in-plane angles φ_j = j·astep with R = Rz(φ)·D, and Rz(φ) turns the particle's Fourier space about its z axis. So
 * for one direction D the amplitude pre-score of all M in-plane angles at once is, ring by ring, a circular
 * correlation: the particle's amplitudes on rings (ρ, z) of its Fourier space against the rotated reference's on
 * the same rings, summed over rings in Fourier space and brought back by one transform of length M. The reference
 * is sampled on its rings (820 points per direction) when its table is built; per particle a direction then costs
 * about 440 complex products and one transform instead of 49 table rows of about 120 entries each.
 *
 * <p>Rings: integer z ≥ 0 (|F| is even, so a coefficient with kz &lt; 0 counts as −k), integer radius ρ, and
 * M_ρ equally spaced angles, the smallest of 8, 16, 24, 32, 48 (at most M) with M_ρ ≥ 2πρ, so a ring has a sample
 * for every Fourier pixel of its length; ρ = 0 is one point. A particle's coefficient is spread over the two
 * rings around its radius and the two angles around its angle (the adjoint of bilinear interpolation), so the ring
 * score approximates the pre-score of every coefficient with the reference interpolated between rings. It only
 * chooses which orientations the exact pre-score then ranks ({@link TreeSearch#prescoreBest}).
 *
 * <p>Spectrum layout, shared by particle and reference: for each ring, for f = 0…M_ρ/2, four floats. Immutable;
 * thread-safe.
 */
final class InPlaneRings {
    /** In-plane angles per turn (the grid's φ rows per direction, less the last, which repeats φ = 0). */
    final int m;
    /** Grid rows per direction and number of directions. */
    final int nphi, directions;
    /** +1 if Rz(φ) turns x towards y (the grid's in-plane rotation is counter-clockwise), −1 otherwise. */
    final int turn;
    /** Per ring: number of angles, first sample, first spectrum entry (in units of 4 floats). */
    final int[] ringSize, sampleAt, spectrumAt;
    /** Sample points (x, y, z) in the particle's Fourier pixels, ring after ring. */
    final float[] qx, qy, qz;
    final int samples;
    /** Floats per spectrum (all rings). */
    final int spectrumFloats;
    /** Ring number at z·ringWidth + ρ (−1: none). */
    private final int[] ringOf;
    private final int ringWidth;
    private static final int[] SIZES = {8, 16, 24, 32, 48};

    /** @param rotations the global grid, {@code nphi} consecutive rows per direction, φ = 0 first */
    InPlaneRings(CoefficientList band, double[] rotations, int nphi, double astep) {
        this.nphi = nphi;
        this.m = nphi - 1;
        this.directions = rotations.length / 9 / nphi;
        if (Math.abs(m * astep - 360) > 0.01 * astep || m % 2 != 0) {
            throw new IllegalStateException("the in-plane pre-score needs an even number of angles per turn; the step " + astep + "° gives " + nphi + " rows");
        }
        // The grid's in-plane turn Rz(φ₁) = R₁·R₀ᵀ: its (1, 0) element is sin φ₁ for a counter-clockwise turn.
        double s10 = 0;
        for (int c = 0; c < 3; c++) s10 += rotations[9 + 3 + c] * rotations[c];
        this.turn = s10 >= 0 ? 1 : -1;
        int rmax = band.rmax + 1;
        boolean[][] used = new boolean[rmax + 1][rmax + 2];
        for (int j = 0; j < band.size; j++) {
            double rho = Math.hypot(band.kx[j], band.ky[j]);
            int z = Math.abs(band.kz[j]), r0 = (int) rho;
            used[z][r0] = true;
            if (rho > r0) used[z][r0 + 1] = true;
        }
        int rings = 0, total = 0;
        for (boolean[] u : used) for (boolean b : u) if (b) rings++;
        int[] ringZ = new int[rings], ringRho = new int[rings];
        ringSize = new int[rings];
        sampleAt = new int[rings];
        spectrumAt = new int[rings];
        int r = 0, spec = 0;
        for (int z = 0; z <= rmax; z++) {
            for (int rho = 0; rho <= rmax + 1; rho++) {
                if (!used[z][rho]) continue;
                ringZ[r] = z;
                ringRho[r] = rho;
                ringSize[r] = ringSize(rho, m);
                sampleAt[r] = total;
                spectrumAt[r] = spec;
                total += ringSize[r];
                spec += ringSize[r] / 2 + 1;
                r++;
            }
        }
        samples = total;
        spectrumFloats = 4 * spec;
        ringWidth = rmax + 2;
        ringOf = new int[(rmax + 1) * ringWidth];
        Arrays.fill(ringOf, -1);
        for (int i = 0; i < rings; i++) ringOf[ringZ[i] * ringWidth + ringRho[i]] = i;
        qx = new float[total];
        qy = new float[total];
        qz = new float[total];
        for (int i = 0; i < rings; i++) {
            for (int b = 0; b < ringSize[i]; b++) {
                double a = 2 * Math.PI * b / ringSize[i];
                qx[sampleAt[i] + b] = (float) (ringRho[i] * Math.cos(a));
                qy[sampleAt[i] + b] = (float) (ringRho[i] * Math.sin(a));
                qz[sampleAt[i] + b] = ringZ[i];
            }
        }
    }

    /** Angles on a ring of radius ρ: the smallest allowed size with a sample per Fourier pixel of its length. */
    private static int ringSize(int rho, int m) {
        if (rho == 0) return 1;
        for (int s : SIZES) if (s >= 2 * Math.PI * rho && s <= m) return s;
        return m;
    }

    /** One transform per ring size, indexed by size, for one thread. */
    SmallFft[] transforms() {
        SmallFft[] t = new SmallFft[m + 1];
        for (int s : ringSize) if (t[s] == null) t[s] = new SmallFft(s);
        return t;
    }

    /**
     * Ring spectra of two real signals given on the ring samples, {@code a} and {@code b}: for each ring and
     * f = 0…M_ρ/2, (Re Â, Im Â, Re B̂, Im B̂) into {@code out[at…]}, each multiplied by {@code scale(f)}/M_ρ when
     * {@code fold} (2 for the frequencies that stand for ±f, 1 for f = 0 and M_ρ/2: then a plain sum of products
     * over the stored frequencies is the circular correlation). {@code a} and {@code b} are overwritten.
     */
    void spectra(float[] a, float[] b, SmallFft[] fft, boolean fold, float[] out, int at) {
        for (int r = 0; r < ringSize.length; r++) {
            int n = ringSize[r], s0 = sampleAt[r], o = at + 4 * spectrumAt[r];
            // One complex transform of a + i·b gives both: Â(f) = (Z(f) + Z*(n−f))/2, B̂(f) = (Z(f) − Z*(n−f))/2i.
            if (n > 1) fft[n].forward(a, b, s0);
            for (int f = 0; f <= n / 2; f++) {
                int g = f == 0 ? 0 : n - f;
                float zr = a[s0 + f], zi = b[s0 + f], cr = a[s0 + g], ci = -b[s0 + g];
                float k = !fold ? 0.5f : (f == 0 || 2 * f == n ? 0.5f : 1f) / n;
                out[o + 4 * f] = k * (zr + cr);
                out[o + 4 * f + 1] = k * (zi + ci);
                out[o + 4 * f + 2] = k * (zi - ci);
                out[o + 4 * f + 3] = -k * (zr - cr);
            }
        }
    }

    /**
     * The particle's ring signals: its measured whitened amplitudes {@code value} at pre-score coefficients
     * {@code index} (into {@code band}) spread onto the rings into {@code amp}, and the same spreading of 1 (which
     * coefficients are measured) into {@code mask}; both of length {@link #samples}, zeroed first.
     */
    void spread(CoefficientList band, int[] index, float[] value, float[] amp, float[] mask) {
        Arrays.fill(amp, 0f);
        Arrays.fill(mask, 0f);
        for (int q = 0; q < index.length; q++) {
            int j = index[q];
            int x = band.kx[j], y = band.ky[j], z = band.kz[j];
            if (z < 0) { x = -x; y = -y; z = -z; }
            double rho = Math.hypot(x, y), theta = Math.atan2(y, x);
            int r0 = (int) rho;
            double t = rho - r0;
            for (int side = 0; side < 2; side++) {
                double w = side == 0 ? 1 - t : t;
                if (w == 0) continue;
                int ring = ringOf[z * ringWidth + r0 + side];
                int n = ringSize[ring];
                double u = theta / (2 * Math.PI) * n;
                u -= Math.floor(u / n) * n;
                int b0 = (int) u;
                double s = u - b0;
                int i0 = sampleAt[ring] + (b0 % n), i1 = sampleAt[ring] + ((b0 + 1) % n);
                amp[i0] += (float) (w * (1 - s) * value[q]);
                amp[i1] += (float) (w * s * value[q]);
                mask[i0] += (float) (w * (1 - s));
                mask[i1] += (float) (w * s);
            }
        }
    }
}
