package org.jspt.image;

/**
 * Exact (band-limited) resampling of cubes by a factor of two through Fourier padding and cropping.
 * Used to rotate a map with trilinear interpolation on a finer grid, which makes the interpolation
 * blur at the original grid's frequencies small.
 */
public final class FourierResample {
    private FourierResample() {}

    /** The N³ cube sampled on a 2N³ grid (voxel i of the input is voxel 2i of the output). */
    public static Volume upsample2(Volume v) {
        if (!v.isCube() || v.nx % 2 != 0) throw new IllegalArgumentException("upsample2 needs an even cube, got " + v.shape());
        int n = v.nx, m = 2 * n;
        FourierVolume f = Fft.forward(v), g = new FourierVolume(m, m, m);
        copyBand(f, g, n);
        Volume out = Fft.inverse(g);
        for (int i = 0; i < out.data.length; i++) out.data[i] *= 8; // the inverse divides by (2N)³, the forward did not
        return out;
    }

    /** The 2N³ cube reduced to N³ by keeping its frequencies below the N-grid's Nyquist. */
    public static Volume downsample2(Volume v) {
        if (!v.isCube() || v.nx % 4 != 0) throw new IllegalArgumentException("downsample2 needs a cube with a side divisible by 4, got " + v.shape());
        int m = v.nx, n = m / 2;
        FourierVolume f = Fft.forward(v), g = new FourierVolume(n, n, n);
        copyBand(f, g, n);
        Volume out = Fft.inverse(g);
        for (int i = 0; i < out.data.length; i++) out.data[i] /= 8;
        return out;
    }

    /** Copies the coefficients with every |k| &lt; n/2 (the Nyquist planes of the n grid are left zero). */
    private static void copyBand(FourierVolume from, FourierVolume to, int n) {
        int h = n / 2;
        for (int kz = -h + 1; kz < h; kz++)
            for (int ky = -h + 1; ky < h; ky++)
                for (int kx = 0; kx < h; kx++) {
                    int s = from.index(kx, ky, kz), d = to.index(kx, ky, kz);
                    to.data[d] = from.data[s];
                    to.data[d + 1] = from.data[s + 1];
                }
    }
}
