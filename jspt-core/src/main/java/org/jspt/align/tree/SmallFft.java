package org.jspt.align.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * Complex discrete Fourier transform of one fixed short length (a product of 2 and 3, such as 8, 16, 24, 32 or 48),
 * X(k) = Σ_t x(t)·e^(−2πi·tk/n), in Java: the in-plane pre-score ({@link InPlaneRings}) transforms the rings of every
 * direction of every reference and one output of length 48 per direction and particle, far too many, and too short,
 * for a call into FFTW each.
 *
 * <p>Stockham autosort, decimation in frequency: at each stage of radix p the data are s interleaved sequences of
 * length n; element t = π + u·m (m = n/p) of sequence q is combined over u, twiddled by e^(−2πi·π·v/n) and stored
 * at q + s·(p·π + v), which leaves s·p interleaved sequences of length m for the next stage, and the spectrum in
 * natural order at the end. Radices 4, 3 and 2, each written out.
 *
 * <p>Owns its workspace: one instance per thread. Allocates nothing per transform.
 */
final class SmallFft {
    final int n;
    private final int[] radix;
    /** Per stage: twiddles e^(−2πi·π·v/n_stage), index π·p + v. */
    private final float[][] twRe, twIm;
    /** sin(−2π/3). */
    private static final float SIN3 = (float) -Math.sin(2 * Math.PI / 3);
    private final float[] wRe, wIm;

    SmallFft(int n) {
        if (n < 1) throw new IllegalArgumentException("transform length " + n);
        this.n = n;
        List<Integer> rs = new ArrayList<>();
        int left = n;
        while (left % 4 == 0) { rs.add(4); left /= 4; }
        for (int p : new int[] {2, 3}) while (left % p == 0) { rs.add(p); left /= p; }
        if (left != 1) throw new IllegalArgumentException("transform length " + n + " is not a product of 2 and 3");
        radix = rs.stream().mapToInt(Integer::intValue).toArray();
        twRe = new float[radix.length][];
        twIm = new float[radix.length][];
        int len = n;
        for (int s = 0; s < radix.length; s++) {
            int p = radix[s], m = len / p;
            twRe[s] = new float[m * p];
            twIm[s] = new float[m * p];
            for (int pi = 0; pi < m; pi++) {
                for (int v = 0; v < p; v++) {
                    double a = -2 * Math.PI * pi * v / len;
                    twRe[s][pi * p + v] = (float) Math.cos(a);
                    twIm[s][pi * p + v] = (float) Math.sin(a);
                }
            }
            len = m;
        }
        wRe = new float[n];
        wIm = new float[n];
    }

    /** Transforms {@code re[at..at+n), im[at..at+n)} in place (forward, unnormalised). */
    void forward(float[] re, float[] im, int at) {
        float[] xr = re, xi = im, yr = wRe, yi = wIm;
        int xo = at, yo = 0;
        int len = n, s = 1;
        for (int st = 0; st < radix.length; st++) {
            int p = radix[st], m = len / p;
            float[] tr = twRe[st], ti = twIm[st];
            if (p == 4) {
                for (int pi = 0; pi < m; pi++) {
                    int tw = 4 * pi;
                    float w1r = tr[tw + 1], w1i = ti[tw + 1], w2r = tr[tw + 2], w2i = ti[tw + 2], w3r = tr[tw + 3], w3i = ti[tw + 3];
                    for (int q = 0; q < s; q++) {
                        int i0 = xo + q + s * pi, i1 = i0 + s * m, i2 = i1 + s * m, i3 = i2 + s * m;
                        float ar = xr[i0] + xr[i2], ai = xi[i0] + xi[i2], br = xr[i0] - xr[i2], bi = xi[i0] - xi[i2];
                        float cr = xr[i1] + xr[i3], ci = xi[i1] + xi[i3], dr = xr[i1] - xr[i3], di = xi[i1] - xi[i3];
                        int o = yo + q + s * 4 * pi;
                        // v = 0..3: a + c, b − i·d, a − c, b + i·d, then twiddled.
                        yr[o] = ar + cr;
                        yi[o] = ai + ci;
                        float r1 = br + di, i1v = bi - dr, r2 = ar - cr, i2v = ai - ci, r3 = br - di, i3v = bi + dr;
                        yr[o + s] = r1 * w1r - i1v * w1i;
                        yi[o + s] = r1 * w1i + i1v * w1r;
                        yr[o + 2 * s] = r2 * w2r - i2v * w2i;
                        yi[o + 2 * s] = r2 * w2i + i2v * w2r;
                        yr[o + 3 * s] = r3 * w3r - i3v * w3i;
                        yi[o + 3 * s] = r3 * w3i + i3v * w3r;
                    }
                }
            } else if (p == 2) {
                for (int pi = 0; pi < m; pi++) {
                    float w1r = tr[2 * pi + 1], w1i = ti[2 * pi + 1];
                    for (int q = 0; q < s; q++) {
                        int i0 = xo + q + s * pi, i1 = i0 + s * m;
                        int o = yo + q + s * 2 * pi;
                        float dr = xr[i0] - xr[i1], di = xi[i0] - xi[i1];
                        yr[o] = xr[i0] + xr[i1];
                        yi[o] = xi[i0] + xi[i1];
                        yr[o + s] = dr * w1r - di * w1i;
                        yi[o + s] = dr * w1i + di * w1r;
                    }
                }
            } else {
                // Radix 3: X₀ = x₀ + t, X₁,₂ = x₀ − t/2 ± i·sin(−2π/3)·(x₁ − x₂), t = x₁ + x₂.
                for (int pi = 0; pi < m; pi++) {
                    float w1r = tr[3 * pi + 1], w1i = ti[3 * pi + 1], w2r = tr[3 * pi + 2], w2i = ti[3 * pi + 2];
                    for (int q = 0; q < s; q++) {
                        int i0 = xo + q + s * pi, i1 = i0 + s * m, i2 = i1 + s * m;
                        float tr0 = xr[i1] + xr[i2], ti0 = xi[i1] + xi[i2];
                        float dr = SIN3 * (xr[i1] - xr[i2]), di = SIN3 * (xi[i1] - xi[i2]);
                        float hr = xr[i0] - 0.5f * tr0, hi = xi[i0] - 0.5f * ti0;
                        int o = yo + q + s * 3 * pi;
                        yr[o] = xr[i0] + tr0;
                        yi[o] = xi[i0] + ti0;
                        float r1 = hr - di, i1v = hi + dr, r2 = hr + di, i2v = hi - dr;
                        yr[o + s] = r1 * w1r - i1v * w1i;
                        yi[o + s] = r1 * w1i + i1v * w1r;
                        yr[o + 2 * s] = r2 * w2r - i2v * w2i;
                        yi[o + 2 * s] = r2 * w2i + i2v * w2r;
                    }
                }
            }
            // The output becomes the next stage's input.
            float[] t = xr; xr = yr; yr = t;
            t = xi; xi = yi; yi = t;
            int to = xo; xo = yo; yo = to;
            len = m;
            s *= p;
        }
        if (xr != re) {
            System.arraycopy(xr, xo, re, at, n);
            System.arraycopy(xi, xo, im, at, n);
        }
    }
}
