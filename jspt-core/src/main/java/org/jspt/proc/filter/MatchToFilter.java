package org.jspt.proc.filter;

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
 * {@code filter.matchto} ({@code docs/reference/processing.md} §9): a radial filter so that the image's radial power matches
 * that of {@code to}. Shells are integer Fourier radii r = round(|k|) (|k| in Fourier pixels of x); over each
 * shell P(r) = mean |F|². factor(r) = sqrt(P_to(r)/P_img(r)); with {@code bydot}
 * factor(r) = max(0, Σ Re(F_img·conj F_to)/Σ |F_to|²) (the reference's formula); with {@code keephires} the factor is
 * at least 1 % of its mean over the shells. With {@code interpolate} (default) a coefficient at fractional radius
 * gets the linear interpolation of the shell factors, else the nearest shell's. Not used by refinemulti.
 */
public final class MatchToFilter implements Processor {
    public static final Descriptor<Processor> DESCRIPTOR = new Descriptor<>("filter.matchto",
            "filters the image so its radial power spectrum matches that of 'to'",
            List.of(ParamSpec.of("to", ParamType.VOLUME, "the volume whose radial power to match (same size)"),
                    ParamSpec.of("bydot", ParamType.BOOL, false, "use the per-shell dot product instead of power ratios"),
                    ParamSpec.of("keephires", ParamType.BOOL, false, "floor the factor at 1% of its mean"),
                    ParamSpec.of("interpolate", ParamType.BOOL, true, "interpolate the factor between shells")),
            MatchToFilter::create);

    private final Volume to;
    private final boolean bydot, keephires, interpolate;

    private MatchToFilter(Volume to, boolean bydot, boolean keephires, boolean interpolate) {
        this.to = to.copy();
        this.bydot = bydot;
        this.keephires = keephires;
        this.interpolate = interpolate;
    }

    private static Processor create(Params p) {
        return new MatchToFilter(p.getVolume("to"), p.getBool("bydot"), p.getBool("keephires"), p.getBool("interpolate"));
    }

    @Override
    public String name() { return "filter.matchto"; }

    private static double radius(FourierVolume f, int kx, int y, int z) {
        double ky = FourierVolume.signedIndex(y, f.ny) * (double) f.nx / f.ny, kz = FourierVolume.signedIndex(z, f.nz) * (double) f.nx / f.nz;
        return Math.sqrt(kx * (double) kx + ky * ky + kz * kz);
    }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.checkOutput(this, in, out);
        if (!to.sameShape(in)) throw new IllegalArgumentException("filter.matchto: 'to' is " + to.shape() + ", image is " + in.shape());
        FourierVolume f = Fft.forward(in, null), g = Fft.forward(to, null);
        int nShell = (int) Math.ceil(radius(f, f.nkx - 1, f.ny / 2, f.nz / 2)) + 2;
        double[] a = new double[nShell], b = new double[nShell], n = new double[nShell];
        for (int z = 0; z < f.nz; z++)
            for (int y = 0; y < f.ny; y++)
                for (int kx = 0; kx < f.nkx; kx++) {
                    int r = (int) Math.round(radius(f, kx, y, z)), i = f.rowLength * (y + f.ny * z) + 2 * kx;
                    double fr = f.data[i], fi = f.data[i + 1], gr = g.data[i], gi = g.data[i + 1];
                    a[r] += bydot ? fr * gr + fi * gi : fr * fr + fi * fi;
                    b[r] += gr * gr + gi * gi;
                    n[r]++;
                }
        double[] factor = new double[nShell];
        double sum = 0;
        int used = 0;
        for (int r = 0; r < nShell; r++) {
            if (n[r] == 0) continue;
            if (bydot) factor[r] = b[r] > 0 ? Math.max(0, a[r] / b[r]) : 0;
            else factor[r] = a[r] > 0 ? Math.sqrt(b[r] / a[r]) : 0;
            sum += factor[r];
            used++;
        }
        if (keephires && used > 0) {
            double floor = 0.01 * sum / used;
            for (int r = 0; r < nShell; r++) factor[r] = Math.max(factor[r], floor);
        }
        for (int z = 0; z < f.nz; z++)
            for (int y = 0; y < f.ny; y++)
                for (int kx = 0; kx < f.nkx; kx++) {
                    double rad = radius(f, kx, y, z), h;
                    if (interpolate) {
                        int r0 = (int) Math.floor(rad);
                        double t = rad - r0;
                        h = factor[r0] * (1 - t) + factor[Math.min(r0 + 1, nShell - 1)] * t;
                    } else {
                        h = factor[(int) Math.round(rad)];
                    }
                    int i = f.rowLength * (y + f.ny * z) + 2 * kx;
                    f.data[i] *= h;
                    f.data[i + 1] *= h;
                }
        Fft.inverse(f, out);
        Processors.copyHeader(in, out);
    }
}
