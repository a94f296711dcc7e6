package org.jspt.align.tree;

import org.jspt.image.RadialProfile;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;

/**
 * The low-frequency part of a volume's Fourier transform with the phase origin at the centre voxel
 * ({@code docs/reference/alignment.md} §1), stored as a full (Friedel-expanded) cube of complex coefficients so that a
 * rotated copy can be sampled by trilinear interpolation without conjugation logic (§2.7).
 *
 * <p>Coefficient k = (kx, ky, kz) with |k_i| ≤ {@link #h} + 1 lives at
 * {@code (kx + o) + side·((ky + o) + side·(kz + o))}, o = h + 1, side = 2h + 3. Coefficients with any
 * |k_i| ≥ N/2 are zero (the Nyquist planes are dropped, as §2.7 zeroes sources beyond (N+1)/2). A sample at
 * a point within radius h never reads outside the cube. Units: k in Fourier pixels of the N-box.
 *
 * <p>Immutable after construction; thread-safe for reading. Memory: 8·side³ bytes (830 KB for h = 22).
 */
public final class CentredSpectrum {
    /** Box size N of the volume this came from. */
    public final int n;
    /** Largest radius (Fourier px) that may be sampled. */
    public final int h;
    /** Cube side 2h + 3 and offset h + 1. */
    public final int side, offset;
    /** Interleaved (re, im) per coefficient, 2·side³ floats: one cache line serves both parts of a sample. */
    final float[] c;
    /** Population σ of |F| per integer shell (§5.5), shells 0..N/2. */
    public final double[] sigmaProfile;

    /** Transforms {@code v} (cubic, even) and keeps radius ≤ h (clamped to N/2 − 2). */
    public CentredSpectrum(Volume v, int h) {
        this(Fft.forward(v), h);
    }

    /** From an existing transform of an N³ volume (phase origin at voxel 0, as {@link Fft} gives). */
    public CentredSpectrum(FourierVolume f, int h) {
        this.n = f.nx;
        this.h = Math.max(1, Math.min(h, n / 2 - 2));
        this.side = 2 * this.h + 3;
        this.offset = this.h + 1;
        this.c = new float[2 * side * side * side];
        int lim = offset;
        for (int kz = -lim; kz <= lim; kz++) {
            for (int ky = -lim; ky <= lim; ky++) {
                for (int kx = -lim; kx <= lim; kx++) {
                    if (Math.abs(kx) >= n / 2 || Math.abs(ky) >= n / 2 || Math.abs(kz) >= n / 2) continue;
                    // Friedel: F(-k) = conj F(k) for the half with kx < 0.
                    boolean conj = kx < 0;
                    int i = conj ? f.index(-kx, -ky, -kz) : f.index(kx, ky, kz);
                    float r = f.data[i], m = conj ? -f.data[i + 1] : f.data[i + 1];
                    // NB: moving the phase origin to the centre (shift by N/2) multiplies by (−1)^(kx+ky+kz).
                    if (((kx + ky + kz) & 1) != 0) {
                        r = -r;
                        m = -m;
                    }
                    int j = (kx + offset) + side * ((ky + offset) + side * (kz + offset));
                    c[2 * j] = r;
                    c[2 * j + 1] = m;
                }
            }
        }
        this.sigmaProfile = RadialProfile.amplitudeSigma(f, n / 2 + 1);
    }

    /** Linear index of integer coefficient k (|k_i| ≤ h + 1). */
    public int index(int kx, int ky, int kz) { return (kx + offset) + side * ((ky + offset) + side * (kz + offset)); }

    public float re(int kx, int ky, int kz) { return c[2 * index(kx, ky, kz)]; }
    public float im(int kx, int ky, int kz) { return c[2 * index(kx, ky, kz) + 1]; }
}
