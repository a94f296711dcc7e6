package org.jspt.proc.filter;

import org.jspt.image.FourierVolume;
import org.jspt.image.Fft;
import org.jspt.image.Volume;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;

/**
 * Base of the Fourier filters of {@code docs/reference/processing.md} §3: multiplies every stored half-complex coefficient
 * (DC included) by a real radial gain H(s), s = sqrt((kx/nx)² + (ky/ny)² + (kz/nz)²) cycles/px, then
 * inverse-transforms. Same size, no padding. The Fourier buffer is kept per thread and size (one per
 * thread for the last size used), so steady-state calls allocate nothing.
 */
abstract class RadialFourierFilter implements Processor {
    private static final ThreadLocal<FourierVolume[]> SCRATCH = ThreadLocal.withInitial(() -> new FourierVolume[1]);

    /** The calling thread's Fourier buffer for {@code v}'s shape (contents undefined). */
    static FourierVolume scratch(Volume v) {
        FourierVolume[] s = SCRATCH.get();
        if (s[0] == null || !s[0].matches(v)) s[0] = FourierVolume.forShapeOf(v);
        return s[0];
    }

    /** The gain as a function of s (cycles/px) for this input volume. */
    interface Gain { double at(double s); }

    /** The gain for {@code in} (may depend on its apix and size). */
    abstract Gain gain(Volume in);

    /** Sets header keys on the output after the header copy (default: none). */
    void stamp(Volume out) {}

    @Override
    public void apply(Volume in, Volume out) {
        Processors.checkOutput(this, in, out);
        Gain g = gain(in);
        FourierVolume f = Fft.forward(in, scratch(in));
        multiply(f, g);
        Fft.inverse(f, out);
        Processors.copyHeader(in, out);
        stamp(out);
    }

    /** Multiplies every coefficient of f by g(s). */
    static void multiply(FourierVolume f, Gain g) {
        float[] d = f.data;
        for (int z = 0; z < f.nz; z++) {
            double fz = (double) FourierVolume.signedIndex(z, f.nz) / f.nz;
            for (int y = 0; y < f.ny; y++) {
                double fy = (double) FourierVolume.signedIndex(y, f.ny) / f.ny;
                double fyz = fy * fy + fz * fz;
                int row = f.rowLength * (y + f.ny * z);
                for (int kx = 0; kx < f.nkx; kx++) {
                    double fx = (double) kx / f.nx;
                    float h = (float) g.at(Math.sqrt(fx * fx + fyz));
                    d[row + 2 * kx] *= h;
                    d[row + 2 * kx + 1] *= h;
                }
            }
        }
    }
}
