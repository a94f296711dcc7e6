package org.jspt.proc.math;

import java.util.List;
import org.jspt.image.FourierVolume;
import org.jspt.image.Fft;
import org.jspt.image.Volume;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Params;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;

/**
 * {@code math.fft.resample} ({@code docs/reference/processing.md} §7.2): new size N' = floor(N/n + 0.5) per axis (size-1
 * axes stay 1). The half-complex transform is cropped (N' &lt; N: rows y' &lt; N'/2 + 1 come from y', the rest
 * from y' + (N − N'); kx ≤ N'/2) or zero-padded (N' &gt; N, the inverse mapping), then inverse-transformed at
 * size N' with the usual 1/N'³ scaling. NB: as in EMAN2 nothing is renormalised, so the values scale by
 * (N/N')³. Upsampling is plain Fourier zero-padding (the Nyquist plane is not split), close to but not
 * bit-identical with EMAN2's FourInterpol. apix × N/N'.
 */
public final class FftResample implements Processor {
    public static final Descriptor<Processor> DESCRIPTOR = new Descriptor<>("math.fft.resample",
            "resamples by Fourier cropping/padding to size floor(N/n + 0.5) (values scale by (N/N')^3, as EMAN2)",
            List.of(ParamSpec.of("n", ParamType.FLOAT, "sampling factor > 0 (> 1 shrinks)")), FftResample::create);

    private final double n;

    private FftResample(double n) { this.n = n; }

    private static Processor create(Params p) {
        p.require(p.getDouble("n") > 0, "n must be > 0");
        return new FftResample(p.getDouble("n"));
    }

    @Override
    public String name() { return "math.fft.resample"; }

    private int size(int s) { return s == 1 ? 1 : (int) Math.floor(s / n + 0.5); }

    @Override
    public int[] outputShape(Volume in) {
        int[] s = {size(in.nx), size(in.ny), size(in.nz)};
        if (s[0] < 1 || s[1] < 1 || s[2] < 1) throw new IllegalArgumentException("math.fft.resample: n = " + n + " is too large for " + in.shape());
        return s;
    }

    /** Row map from the smaller axis (length m) to the larger one (length big): index in the larger. */
    private static int toLarger(int i, int m, int big) { return i < m / 2 + 1 ? i : i + (big - m); }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.checkOutput(this, in, out);
        if (out.sameShape(in)) {
            Processors.copyInto(this, in, out);
            return;
        }
        FourierVolume f = Fft.forward(in, null), g = new FourierVolume(out.nx, out.ny, out.nz);
        int nkx = Math.min(f.nkx, g.nkx);
        // iterate over the smaller grid per axis and map into the larger
        int my = Math.min(in.ny, out.ny), mz = Math.min(in.nz, out.nz);
        for (int z = 0; z < mz; z++) {
            int zf = in.nz > out.nz ? toLarger(z, mz, in.nz) : z, zg = out.nz > in.nz ? toLarger(z, mz, out.nz) : z;
            for (int y = 0; y < my; y++) {
                int yf = in.ny > out.ny ? toLarger(y, my, in.ny) : y, yg = out.ny > in.ny ? toLarger(y, my, out.ny) : y;
                System.arraycopy(f.data, f.rowLength * (yf + in.ny * zf), g.data, g.rowLength * (yg + out.ny * zg), 2 * nkx);
            }
        }
        Fft.inverse(g, out);
        Processors.copyHeader(in, out);
        double ax = in.header().getDouble("apix_x", 1), ay = in.header().getDouble("apix_y", ax), az = in.header().getDouble("apix_z", ax);
        out.header().put("apix_x", (float) (ax * in.nx / out.nx)).put("apix_y", (float) (ay * in.ny / out.ny))
                .put("apix_z", (float) (az * in.nz / out.nz));
    }
}
