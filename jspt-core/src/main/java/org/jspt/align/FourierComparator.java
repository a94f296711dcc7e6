package org.jspt.align;

import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;

/**
 * A {@link Comparator} that works on Fourier transforms, so an aligner that already holds the transforms
 * need not compute them again. Both transforms must use the same phase origin (these comparators only
 * evaluate zero lag, so which origin does not matter as long as it is shared).
 *
 * <p>Implementations are immutable and thread-safe; the Fourier form reads its inputs only.
 */
public interface FourierComparator extends Comparator {
    /**
     * Compares the transforms, image ("this") first.
     * @param apix Å/px of {@code image} (EMAN2 reads the header {@code apix_x} of image 1); only comparators
     *             with resolution parameters use it
     * @return the score, lower is better
     */
    double compare(FourierVolume image, FourierVolume with, double apix);

    /**
     * A transform together with what this comparator measures of that one volume alone (e.g. the σ of
     * {@code ccc.tomo.thresh}), so a volume compared many times pays for it once.
     * @param statistic the comparator's own per-volume value (NaN for comparators that keep none)
     */
    record Prepared(FourierVolume transform, double statistic) {}

    /** {@code f} with this comparator's per-volume statistic. {@code f} is kept, not copied: do not modify it while in use. */
    default Prepared prepare(FourierVolume f) { return new Prepared(f, Double.NaN); }

    /** {@link #compare(FourierVolume, FourierVolume, double)} of the prepared transforms, bit for bit. */
    default double compare(Prepared image, Prepared with, double apix) { return compare(image.transform(), with.transform(), apix); }

    /** The real-space form: transforms both (allocating) and calls the Fourier form with image's apix. */
    @Override
    default double compare(Volume image, Volume with) {
        if (!image.sameShape(with)) throw new IllegalArgumentException(name() + ": shapes differ, " + image.shape() + " vs " + with.shape());
        return compare(Fft.forward(image), Fft.forward(with), image.apix());
    }
}
