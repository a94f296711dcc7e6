package org.jspt.average;

import org.jspt.image.Volume;

/**
 * A streaming average of volumes ({@code docs/reference/processing.md} §10). Add volumes one by one, optionally merge
 * partial averagers of the same kind (e.g. one per worker, merged on one thread in a fixed order), then
 * {@link #finish}. The output header is a copy of the first added volume's header (for merged averagers:
 * the first non-empty one's, in merge order) plus the keys each implementation documents.
 *
 * <p>Weights follow EMAN2's usage, where a weight is applied by multiplying the volume before adding it:
 * {@code add(v, w)} adds w·v and the counts are <b>not</b> weighted (mean = Σ w·v / n).
 *
 * <p>Not thread-safe: use one averager per thread and {@link #merge}.
 */
public interface Averager extends java.io.Serializable {
    /** The EMAN2 name ({@code mean}, {@code mean.tomo}, {@code median}). */
    String name();

    /** Adds w·v. {@code v} is not modified or kept (except by {@code median}, which copies it). */
    void add(Volume v, double weight);

    default void add(Volume v) { add(v, 1.0); }

    /**
     * Adds everything {@code other} accumulated, as if its volumes had been added here after this one's.
     * {@code other} is not modified.
     * @throws IllegalArgumentException if other is of another kind, has other parameters or another size
     */
    void merge(Averager other);

    /** Number of volumes added (including merged ones). */
    int count();

    /**
     * The average, in a new volume. Does not reset the averager; more volumes may be added afterwards.
     * @throws IllegalStateException if nothing was added
     */
    Volume finish();
}
