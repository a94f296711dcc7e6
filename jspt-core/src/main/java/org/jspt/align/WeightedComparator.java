package org.jspt.align;

import org.jspt.ctf.FourierWeight;
import org.jspt.image.FourierVolume;

/**
 * A {@link FourierComparator} that can use the particle's own Fourier weight M (its 3-D CTF or wedge,
 * docs/weights.md) instead of guessing the missing wedge from the data: it compares the particle D with the
 * reference multiplied by M, M·F, over the coefficients the particle measured (M ≠ 0) and normalises over
 * those. Since the particle's data are d ≈ M·s in either {@link org.jspt.ctf.WeightConvention}, one form
 * serves both. Immutable and thread-safe.
 */
public interface WeightedComparator extends FourierComparator {
    /**
     * @param particle the particle's transform (image 1, "this")
     * @param weight its weight, on the same n³ grid
     * @param reference the reference's transform, in the particle's frame, same phase origin
     * @param apix Å/px of the particle
     * @return the score, lower is better
     */
    double compareWeighted(FourierVolume particle, FourierWeight weight, FourierVolume reference, double apix);
}
