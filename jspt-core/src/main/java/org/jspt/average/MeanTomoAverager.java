package org.jspt.average;

import org.jspt.image.FourierVolume;
import org.jspt.image.RadialProfile;
import org.jspt.image.Fft;
import org.jspt.image.Header;
import org.jspt.image.Volume;

/**
 * {@code mean.tomo} ({@code docs/reference/processing.md} §10.2): a Fourier-space mean that skips missing-wedge coefficients.
 * For each added volume F = FFT(w·v) (phase origin at the corner); per shell r = 0 … N/2 the amplitude σ
 * profile σ(r) ({@code docs/reference/alignment.md} §5.5) gives the threshold t(r) = thresh_sigma·σ(r)²; every stored
 * coefficient with shell r = int(|k|) ≤ N/2 and |F|² ≥ t(r) is added to the sum and counted (per coefficient;
 * counts are not weighted). {@link #finish}: sum/count (0 where count = 0), inverse FFT. Coefficients beyond
 * the Nyquist sphere are never added. Header: {@code ptcl_repr} = the largest count (float),
 * {@code mean_coverage} = mean over the volumes of (added coefficients)/((N+2)·N·N).
 *
 * <p>Cubic volumes only. Memory: two double and one int array of the half-complex size.
 */
public final class MeanTomoAverager implements Averager {
    private final double threshSigma;
    private double[] sumRe, sumIm;
    private int[] counts;
    private int n, size;
    private double coverageSum;
    private Header header;
    private transient FourierVolume work; // scratch, rebuilt after deserialisation

    public MeanTomoAverager(double threshSigma) { this.threshSigma = threshSigma; }

    @Override
    public String name() { return "mean.tomo"; }

    private void init(int size, Header h) {
        this.size = size;
        int m = (size / 2 + 1) * size * size;
        sumRe = new double[m];
        sumIm = new double[m];
        counts = new int[m];
        header = h.copy();
    }

    @Override
    public void add(Volume v, double weight) {
        if (!v.isCube()) throw new IllegalArgumentException("mean.tomo: needs a cubic volume, got " + v.shape());
        if (sumRe == null) init(v.nx, v.header());
        if (v.nx != size) throw new IllegalArgumentException("mean.tomo: volume is " + v.shape() + ", average is " + size + "^3");
        if (work == null) work = new FourierVolume(size, size, size);
        FourierVolume f = Fft.forward(v, work);
        float[] d = f.data;
        if (weight != 1) for (int i = 0; i < d.length; i++) d[i] = (float) (d[i] * weight);
        double[] t = RadialProfile.amplitudeSigma(f, size / 2 + 1);
        for (int r = 0; r < t.length; r++) t[r] = t[r] * t[r] * threshSigma;
        int nk = f.nkx, half = size / 2;
        long added = 0;
        for (int z = 0; z < size; z++) {
            int az = Math.min(z, size - z);
            for (int y = 0; y < size; y++) {
                int ay = Math.min(y, size - y);
                int row = f.rowLength * (y + size * z), crow = nk * (y + size * z);
                for (int kx = 0; kx < nk; kx++) {
                    int r = (int) Math.sqrt(kx * kx + ay * ay + az * az);
                    if (r > half) continue;
                    double re = d[row + 2 * kx], im = d[row + 2 * kx + 1];
                    if (re * re + im * im < t[r]) continue;
                    sumRe[crow + kx] += re;
                    sumIm[crow + kx] += im;
                    counts[crow + kx]++;
                    added++;
                }
            }
        }
        coverageSum += (double) added / ((double) (size + 2) * size * size);
        n++;
    }

    @Override
    public void merge(Averager other) {
        if (!(other instanceof MeanTomoAverager o) || o.threshSigma != threshSigma) {
            throw new IllegalArgumentException("cannot merge " + other.name() + " into mean.tomo(thresh_sigma=" + threshSigma + ")");
        }
        if (o.n == 0) return;
        if (sumRe == null) init(o.size, o.header);
        if (o.size != size) throw new IllegalArgumentException("mean.tomo: cannot merge " + o.size + "^3 into " + size + "^3");
        for (int i = 0; i < counts.length; i++) {
            sumRe[i] += o.sumRe[i];
            sumIm[i] += o.sumIm[i];
            counts[i] += o.counts[i];
        }
        coverageSum += o.coverageSum;
        n += o.n;
    }

    @Override
    public int count() { return n; }

    /** The per-coefficient counts in half-complex order (index kx + (N/2+1)·(y + N·z)), a copy. */
    public int[] coverageCounts() { return counts == null ? new int[0] : counts.clone(); }

    @Override
    public Volume finish() {
        if (n == 0) throw new IllegalStateException("mean.tomo: no volume was added");
        FourierVolume f = new FourierVolume(size, size, size);
        int maxCount = 0;
        for (int i = 0; i < counts.length; i++) {
            int c = counts[i];
            maxCount = Math.max(maxCount, c);
            if (c == 0) continue;
            f.data[2 * i] = (float) (sumRe[i] / c);
            f.data[2 * i + 1] = (float) (sumIm[i] / c);
        }
        Volume out = Fft.inverse(f, new Volume(size, size, size, new float[size * size * size], header.copy()));
        out.header().put("ptcl_repr", (float) maxCount);
        out.header().put("mean_coverage", (float) (coverageSum / n));
        return out;
    }
}
