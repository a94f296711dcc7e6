package org.jspt.proc.xform;

import java.util.List;
import org.jspt.geom.Transform;
import org.jspt.image.FourierVolume;
import org.jspt.image.Fft;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.proc.Descriptor;
import org.jspt.proc.Processor;
import org.jspt.proc.Processors;

/**
 * {@code xform.centeracf} ({@code docs/reference/processing.md} §8.2): centres the volume on its centre of symmetry. The
 * self-convolution c = IFFT(F·F) (no conjugate) peaks at p = 2·(centre of symmetry); the peak is searched
 * within ±n/4 per axis (wrap-around, first strict maximum, z outer, x inner); shift = floor(−p/2 + 0.5)
 * per axis, applied exactly with zero fill. Header {@code xform.align3d} = that translation.
 */
public final class CenterAcf implements Processor {
    public static final Descriptor<Processor> DESCRIPTOR = new Descriptor<>("xform.centeracf",
            "centres the density on its centre of symmetry (self-convolution peak), integer shift",
            List.of(), p -> new CenterAcf());

    @Override
    public String name() { return "xform.centeracf"; }

    @Override
    public void apply(Volume in, Volume out) {
        Processors.checkOutput(this, in, out);
        FourierVolume f = Fft.forward(in, null);
        float[] d = f.data;
        for (int i = 0; i < d.length; i += 2) {
            float re = d[i], im = d[i + 1];
            d[i] = re * re - im * im;
            d[i + 1] = 2 * re * im;
        }
        Volume conv = Fft.inverse(f, out); // out is scratch until the final shift, which reads only in
        int mx = in.nx / 4, my = in.ny / 4, mz = in.nz / 4;
        float best = Float.NEGATIVE_INFINITY;
        int[] p = new int[3];
        for (int k = -mz; k <= mz; k++)
            for (int j = -my; j <= my; j++)
                for (int i = -mx; i <= mx; i++) {
                    float v = conv.get(Math.floorMod(i, in.nx), Math.floorMod(j, in.ny), Math.floorMod(k, in.nz));
                    if (v > best) {
                        best = v;
                        p[0] = i; p[1] = j; p[2] = k;
                    }
                }
        int sx = (int) Math.floor(-p[0] / 2.0 + 0.5), sy = (int) Math.floor(-p[1] / 2.0 + 0.5), sz = (int) Math.floor(-p[2] / 2.0 + 0.5);
        VolumeTransforms.translateInt(in, sx, sy, sz, out);
        Processors.copyHeader(in, out);
        out.header().put("xform.align3d", Transform.translation(sx, sy, sz));
    }
}
