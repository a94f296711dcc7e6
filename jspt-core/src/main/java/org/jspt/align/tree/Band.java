package org.jspt.align.tree;

/**
 * A particle's measured coefficients within one radius band, compacted: only coefficients whose power
 * reaches the particle's threshold (|F|² ≥ sigmato·σ(shell)², fsc.tomo.auto's rule, which drops the missing
 * wedge) are kept, so the hot loops never test the mask. Values have the phase origin at the centre.
 * Immutable after construction.
 */
public final class Band {
    public final CoefficientList list;
    /** Number of measured coefficients. */
    public final int n;
    /** Frequencies (Fourier px, N-box), weight 1/k², shell, and the particle's coefficient. */
    public final float[] kx, ky, kz, w, re, im;
    public final int[] shell;
    /** Σ w·|F|² over the measured coefficients. */
    public final double power;
    /** Fraction of the band's coefficients that are measured. */
    public final double coverage;

    Band(CoefficientList list, CentredSpectrum p, double[] threshold) {
        this.list = list;
        int count = 0;
        boolean[] keep = new boolean[list.size];
        for (int j = 0; j < list.size; j++) {
            float r = p.re(list.kx[j], list.ky[j], list.kz[j]), i = p.im(list.kx[j], list.ky[j], list.kz[j]);
            keep[j] = (double) r * r + (double) i * i >= threshold[list.shell[j]] && (r != 0 || i != 0);
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
            pw += (double) w[q] * ((double) re[q] * re[q] + (double) im[q] * im[q]);
            q++;
        }
        power = pw;
        coverage = list.size == 0 ? 0 : (double) n / list.size;
    }
}
