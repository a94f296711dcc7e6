package org.jspt.image;

/**
 * Fourier shell correlation of two volumes of the same cubic shape: for shell s (Fourier-pixel radius
 * rounded to the nearest integer, s = 0 … N/2), FSC(s) = Re Σ F₁·F₂* / sqrt(Σ|F₁|² · Σ|F₂|²), summed over
 * the half-complex coefficients (Friedel mates counted through their kx &gt; 0 partner, with kx = 0 and
 * kx = N/2 planes weighted once, which leaves the ratio unchanged to within their share).
 * Shell s lies at the spatial frequency s/(N·apix) Å⁻¹.
 */
public final class FourierShellCorrelation {
    private FourierShellCorrelation() {}

    /** FSC per shell 0 … N/2 (a shell with no power in either volume gets 0). */
    public static double[] compute(Volume a, Volume b) {
        if (!a.sameShape(b)) throw new IllegalArgumentException("FSC needs equal shapes, got " + a.shape() + " and " + b.shape());
        if (!a.isCube()) throw new IllegalArgumentException("FSC needs cubic volumes, got " + a.shape());
        return compute(Fft.forward(a), Fft.forward(b));
    }

    public static double[] compute(FourierVolume fa, FourierVolume fb) {
        int n = fa.nx, shells = n / 2 + 1;
        double[] num = new double[shells], da = new double[shells], db = new double[shells];
        for (int z = 0; z < n; z++) {
            int kz = FourierVolume.signedIndex(z, n);
            for (int y = 0; y < n; y++) {
                int ky = FourierVolume.signedIndex(y, n);
                int row = fa.rowLength * (y + n * z);
                for (int kx = 0; kx < fa.nkx; kx++) {
                    int s = FourierVolume.shell(kx, ky, kz);
                    if (s >= shells) continue;
                    int i = row + 2 * kx;
                    double ar = fa.data[i], ai = fa.data[i + 1], br = fb.data[i], bi = fb.data[i + 1];
                    double w = (kx == 0 || 2 * kx == n) ? 1 : 2; // count the Friedel mate of kx > 0
                    num[s] += w * (ar * br + ai * bi);
                    da[s] += w * (ar * ar + ai * ai);
                    db[s] += w * (br * br + bi * bi);
                }
            }
        }
        double[] fsc = new double[shells];
        for (int s = 0; s < shells; s++) fsc[s] = da[s] > 0 && db[s] > 0 ? num[s] / Math.sqrt(da[s] * db[s]) : 0;
        return fsc;
    }

    /**
     * {@code v} with every Fourier coefficient of shell s (radius rounded, as {@link #compute}) multiplied by max(0, fsc[s])
     * (0 beyond the curve): the Wiener weight of a half map whose FSC with its other half is fsc, since that FSC is
     * the half map's SNR/(1 + SNR). Used on --goldstandard references (refinemulti.md §7.9).
     */
    public static Volume weighted(Volume v, double[] fsc) {
        if (!v.isCube()) throw new IllegalArgumentException("FSC weighting needs a cubic volume, got " + v.shape());
        FourierVolume f = Fft.forward(v);
        int n = v.nx;
        for (int z = 0; z < n; z++) {
            int kz = FourierVolume.signedIndex(z, n);
            for (int y = 0; y < n; y++) {
                int ky = FourierVolume.signedIndex(y, n);
                int row = f.rowLength * (y + n * z);
                for (int kx = 0; kx < f.nkx; kx++) {
                    int s = FourierVolume.shell(kx, ky, kz);
                    float g = s < fsc.length ? (float) Math.max(0, fsc[s]) : 0f;
                    f.data[row + 2 * kx] *= g;
                    f.data[row + 2 * kx + 1] *= g;
                }
            }
        }
        Volume out = new Volume(v.nx, v.ny, v.nz, new float[v.data.length], v.header().copy());
        Fft.inverse(f, out);
        return out;
    }

    /**
     * Resolution in Å at a threshold: 1/frequency of the first shell (from shell 1 on) whose FSC falls
     * below the threshold; if none does, the Nyquist resolution 2·apix.
     */
    public static double resolution(double[] fsc, double threshold, int box, double apix) {
        for (int s = 1; s < fsc.length; s++) if (fsc[s] < threshold) return box * apix / s;
        return 2 * apix;
    }

    /** Spatial frequency (Å⁻¹) of shell s. */
    public static double shellFrequency(int s, int box, double apix) { return s / (box * apix); }
}
