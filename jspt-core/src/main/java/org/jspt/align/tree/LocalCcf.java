package org.jspt.align.tree;

/**
 * The cross-correlation of the global level's CCF stage, evaluated only where it is searched: at the integer shifts
 * u ∈ [−L, L]³ of the level's ss-grid, S(u) = Re Σ_j P_j·e^{+2πi k_j·u/ss} over the band's products P_j (kx ≥ 0, the
 * kx = 0 plane with both halves, as {@link Scorer} stores them). This is exactly what the inverse FFT of the
 * half-complex ss³ grid holding them gave (times ss³; the kx &gt; 0 products halved there and counted twice by the
 * complex-to-real transform), but the band reaches only radius R ≤ ss/3 and the peak search needs only
 * |u| ≤ maxshift·ss/N plus one neighbour, so the sum is taken separably over what is there:
 * <ol>
 *   <li>along z: per (kx, ky) column of the band, its products times e^{2πi kz·z/ss} for the 2L + 1 z;</li>
 *   <li>along y: per kx, the columns times e^{2πi ky·y/ss} for the 2L + 1 y;</li>
 *   <li>along x: the real part of each kx plane times e^{2πi kx·x/ss}, summed over kx, for the 2L + 1 x.</li>
 * </ol>
 * At N = 48 (ss = 24, R = 8, L = 7) that is about 85,000 complex multiply–adds (the products dense, zeros included),
 * in row loops the JIT vectorises, against a full 24³ transform through FFTW with its copies in and out (about 50 µs
 * per call, a fifth of a default run's thread time: docs/performance.md, "The CCF stage without an FFT").
 * Pure Java in a fixed order, so every thread and machine gets the same bits.
 *
 * <p>One instance per thread (it is the workspace); allocates nothing after construction.
 */
final class LocalCcf {
    /** The level's grid size, the band's radius and the half-width of the evaluated cube. */
    final int ss, radius, half;
    /** Points per axis of the evaluated cube, 2·half + 1. */
    final int d;
    /** e^{2πi k·u/ss} for k ∈ [−R, R] (row k + R), u ∈ [−L, L] (entry u + L). */
    private final float[][] cos, sin;
    /** The (kx, ky) columns within the band's radius: compact index per kx·(2R + 1) + ky + R, or −1; and back. */
    private final int[] column, columnKx, columnKy;
    /** The products, dense: row kz + R, entry column (re, im). */
    private final float[][] prodRe, prodIm;
    /** Step 1: row z + L, entry column. Then by ky: row ky + R, entry kx·d + z + L. */
    private final float[][] zRe, zIm, zyRe, zyIm;
    /** Step 2: row y + L, entry kx·d + z + L. Then by kx: row kx, entry (y + L)·d + z + L. */
    private final float[][] yRe, yIm, yxRe, yxIm;
    /** The result: row x + L, entry (y + L)·d + z + L. */
    private final float[][] out;

    /**
     * @param ss the grid size whose integer shifts are evaluated
     * @param radius the largest |k_i| of any product (the band's rmax)
     * @param half the cube's half-width L: shifts up to the search limit plus one neighbour for the parabola
     */
    LocalCcf(int ss, int radius, int half) {
        if (radius < 1 || half < 1) throw new IllegalArgumentException("radius and half-width must be ≥ 1, got " + radius + ", " + half);
        this.ss = ss;
        this.radius = radius;
        this.half = half;
        this.d = 2 * half + 1;
        int kn = 2 * radius + 1;
        cos = new float[kn][d];
        sin = new float[kn][d];
        for (int k = -radius; k <= radius; k++) {
            for (int u = -half; u <= half; u++) {
                // k·u mod ss keeps the argument small, so the table is exact to float rounding at any size.
                double a = 2 * Math.PI * Math.floorMod(k * u, ss) / ss;
                cos[k + radius][u + half] = (float) Math.cos(a);
                sin[k + radius][u + half] = (float) Math.sin(a);
            }
        }
        column = new int[(radius + 1) * kn];
        java.util.Arrays.fill(column, -1);
        int nc = 0;
        for (int x = 0; x <= radius; x++) for (int y = -radius; y <= radius; y++) if (x * x + y * y <= (radius + 1) * (radius + 1)) column[x * kn + y + radius] = nc++;
        columnKx = new int[nc];
        columnKy = new int[nc];
        for (int x = 0; x <= radius; x++) {
            for (int y = -radius; y <= radius; y++) {
                int c = column[x * kn + y + radius];
                if (c < 0) continue;
                columnKx[c] = x;
                columnKy[c] = y;
            }
        }
        // Rows are padded to whole vectors (zeros there stay zero): a loop's scalar remainder cost as much as its
        // vectorised part.
        int ncp = padded(nc), planes = padded((radius + 1) * d), dd = padded(d * d);
        prodRe = new float[kn][ncp];
        prodIm = new float[kn][ncp];
        zRe = new float[d][ncp];
        zIm = new float[d][ncp];
        zyRe = new float[kn][planes];
        zyIm = new float[kn][planes];
        yRe = new float[d][planes];
        yIm = new float[d][planes];
        yxRe = new float[radius + 1][dd];
        yxIm = new float[radius + 1][dd];
        out = new float[d][dd];
    }

    private static int padded(int n) { return (n + 15) & ~15; }

    /** The value at shift (x, y, z), each in [−L, L], of the result {@link #evaluate} returns. */
    float at(float[][] s, int x, int y, int z) { return s[x + half][(y + half) * d + z + half]; }

    /**
     * S at every shift of the cube, from the products {@code pr, pi} at the band's coefficients {@code kx, ky, kz}
     * ({@code n} of them, |k_i| ≤ radius, kx ≥ 0). The returned rows are this object's and
     * are overwritten by the next call; read them with {@link #at}.
     *
     * <p>Every step is a sum over one frequency of rows times a table value, each row a contiguous run with the same
     * index in every array, which is the form the JIT vectorises (with different offsets into the arrays it did not, and
     * the same work took four to six times as long); the transposes between the steps are plain copies.
     */
    float[][] evaluate(float[] kx, float[] ky, float[] kz, float[] pr, float[] pi, int n) {
        int r = radius, kn = 2 * r + 1, nc = columnKx.length, dd = out[0].length;
        for (int k = 0; k < kn; k++) {
            java.util.Arrays.fill(prodRe[k], 0f);
            java.util.Arrays.fill(prodIm[k], 0f);
        }
        for (int j = 0; j < n; j++) {
            int c = column[(int) kx[j] * kn + (int) ky[j] + r], row = (int) kz[j] + r;
            prodRe[row][c] += pr[j];
            prodIm[row][c] += pi[j];
        }
        // Along z: row z of every column at once.
        sumRows(prodRe, prodIm, zRe, zIm);
        for (int c = 0; c < nc; c++) {
            float[] tR = zyRe[columnKy[c] + r], tI = zyIm[columnKy[c] + r];
            int at = columnKx[c] * d;
            for (int z = 0; z < d; z++) {
                tR[at + z] = zRe[z][c];
                tI[at + z] = zIm[z][c];
            }
        }
        // Along y. Entries of zy never written (a kx, ky outside the radius) are zero from construction: no column
        // there ever has a product.
        sumRows(zyRe, zyIm, yRe, yIm);
        for (int y = 0; y < d; y++) {
            for (int x = 0; x <= r; x++) {
                System.arraycopy(yRe[y], x * d, yxRe[x], y * d, d);
                System.arraycopy(yIm[y], x * d, yxIm[x], y * d, d);
            }
        }
        // Along x, the real part only.
        for (int x = 0; x < d; x++) {
            float[] o = out[x];
            java.util.Arrays.fill(o, 0f);
            for (int k = 0; k <= r; k++) {
                float c = cos[k + r][x], s = sin[k + r][x];
                float[] aR = yxRe[k], aI = yxIm[k];
                for (int i = 0; i < dd; i++) o[i] += aR[i] * c - aI[i] * s;
            }
        }
        return out;
    }

    /**
     * One separable step: row u of {@code out} = Σ_k row k of {@code in} × e^{2πi (k − R)·(u − L)/ss}, for the d rows u
     * (complex rows, as separate real and imaginary arrays, each as long as {@code in}'s).
     */
    private void sumRows(float[][] inR, float[][] inI, float[][] outR, float[][] outI) {
        int len = inR[0].length;
        for (int u = 0; u < d; u++) {
            float[] oR = outR[u], oI = outI[u];
            java.util.Arrays.fill(oR, 0f);
            java.util.Arrays.fill(oI, 0f);
            for (int k = 0; k < inR.length; k++) complexAxpy(oR, oI, inR[k], inI[k], cos[k][u], sin[k][u], len);
        }
    }

    /** o += a·(c + i·s) over the first {@code len} entries (complex, as separate real and imaginary rows). */
    private static void complexAxpy(float[] oR, float[] oI, float[] aR, float[] aI, float c, float s, int len) {
        for (int i = 0; i < len; i++) {
            oR[i] += aR[i] * c - aI[i] * s;
            oI[i] += aR[i] * s + aI[i] * c;
        }
    }
}
