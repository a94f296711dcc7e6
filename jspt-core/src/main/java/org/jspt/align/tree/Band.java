package org.jspt.align.tree;

/**
 * A particle's measured coefficients within one radius band, compacted: only coefficients whose power
 * reaches the particle's threshold (|F|² ≥ sigmato·σ(shell)², fsc.tomo.auto's rule, which drops the missing
 * wedge) are kept, so the hot loops never test the mask. Values have the phase origin at the centre.
 * With the particle's own weight M (docs/weights.md) the kept coefficients are those with M ≠ 0 instead, and
 * {@link #m} holds M there: the scorer compares the particle with M·reference. Immutable after construction.
 */
public final class Band {
    public final CoefficientList list;
    /** Number of measured coefficients. */
    public final int n;
    /** Frequencies (Fourier px, N-box), weight 1/k², shell, and the particle's coefficient. */
    public final float[] kx, ky, kz, w, re, im;
    public final int[] shell;
    /** The particle's weight M at each kept coefficient, or null without a weight. */
    public final float[] m;
    /** Σ w·|F|² over the measured coefficients. */
    public final double power;
    /** Fraction of the band's coefficients that are measured. */
    public final double coverage;
    /**
     * Where each (ky, kz) column starts: the coefficients come in runs of one column, kx rising ({@link CoefficientList}'s
     * order), column c being [columnStart[c], columnStart[c + 1]) (the last entry is {@link #n}). A shift's phase factor
     * is separable, e^{−2πi k·t/N} = e^{−2πi kx·tx/N}·e^{−2πi (ky·ty + kz·tz)/N}, so {@code Scorer} sums each column over
     * kx first and applies its y–z factor once.
     */
    final int[] columnStart;

    /** @param weight the particle's weight on its N-box grid, or null to detect the wedge by threshold */
    Band(CoefficientList list, CentredSpectrum p, double[] threshold, org.jspt.ctf.FourierWeight weight) {
        this.list = list;
        int count = 0;
        boolean[] keep = new boolean[list.size];
        for (int j = 0; j < list.size; j++) {
            if (weight != null) {
                keep[j] = weight.at(list.kx[j], list.ky[j], list.kz[j]) != 0;
            } else {
                float r = p.re(list.kx[j], list.ky[j], list.kz[j]), i = p.im(list.kx[j], list.ky[j], list.kz[j]);
                keep[j] = (double) r * r + (double) i * i >= threshold[list.shell[j]] && (r != 0 || i != 0);
            }
            if (keep[j]) count++;
        }
        n = count;
        kx = new float[n];
        ky = new float[n];
        kz = new float[n];
        w = new float[n];
        re = new float[n];
        im = new float[n];
        shell = new int[n];
        m = weight == null ? null : new float[n];
        double pw = 0;
        for (int j = 0, q = 0; j < list.size; j++) {
            if (!keep[j]) continue;
            kx[q] = list.kx[j];
            ky[q] = list.ky[j];
            kz[q] = list.kz[j];
            w[q] = list.weight[j];
            shell[q] = list.shell[j];
            re[q] = p.re(list.kx[j], list.ky[j], list.kz[j]);
            im[q] = p.im(list.kx[j], list.ky[j], list.kz[j]);
            if (m != null) m[q] = weight.at(list.kx[j], list.ky[j], list.kz[j]);
            pw += (double) w[q] * ((double) re[q] * re[q] + (double) im[q] * im[q]);
            q++;
        }
        power = pw;
        coverage = list.size == 0 ? 0 : (double) n / list.size;
        int[] start = new int[n + 1];
        int columns = 0;
        for (int q = 0; q < n; q++) if (q == 0 || ky[q] != ky[q - 1] || kz[q] != kz[q - 1]) start[columns++] = q;
        start[columns] = n;
        columnStart = java.util.Arrays.copyOf(start, columns + 1);
    }
}
