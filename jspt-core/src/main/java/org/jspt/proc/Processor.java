package org.jspt.proc;

import org.jspt.image.Volume;

/**
 * An immutable volume operation with typed parameters, built once from an EMAN2 modifier string by
 * {@link Registry#create}. Implementations are thread-safe (they hold no mutable state) and never read
 * files; a parameter naming a file arrives as a {@link Volume}.
 */
public interface Processor {
    /** The EMAN2 name, e.g. {@code filter.lowpass.gauss}. */
    String name();

    /**
     * The output size {nx, ny, nz} for an input of {@code in}'s size. Default: the same size.
     * Resizing processors (meanshrink, fft.resample, clip) override it.
     */
    default int[] outputShape(Volume in) { return new int[] {in.nx, in.ny, in.nz}; }

    /**
     * Writes the result for {@code in} into {@code out}, which must have {@link #outputShape}. {@code in} is
     * not modified. {@code out} must not be {@code in}. The output header becomes a copy of the input header
     * (plus any keys the processor documents, e.g. changed apix or {@code xform.align3d}).
     * @throws IllegalArgumentException if {@code out} has the wrong size or is {@code in}
     */
    void apply(Volume in, Volume out);

    /** Convenience: the result in a new volume (allocates). {@code in} is not modified. */
    default Volume apply(Volume in) {
        int[] s = outputShape(in);
        Volume out = new Volume(s[0], s[1], s[2]);
        apply(in, out);
        return out;
    }
}
