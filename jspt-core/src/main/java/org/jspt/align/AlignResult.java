package org.jspt.align;

import org.jspt.geom.Transform;

/**
 * One alignment solution.
 * @param xform the transform that, applied to the particle (EMAN2 {@code xform} semantics), brings it onto the
 *              reference: EMAN2's {@code xform.align3d}; translation in voxels of the box that was aligned
 * @param score lower is better (the comparator's value, or the aligner's internal score where EMAN2 uses one)
 * @param coverage fraction of Fourier space both volumes share (EMAN2's {@code fft_overlap}), or NaN if the
 *                 aligner does not measure it
 */
public record AlignResult(Transform xform, double score, double coverage) implements java.lang.Comparable<AlignResult>, java.io.Serializable {
    public AlignResult(Transform xform, double score) { this(xform, score, Double.NaN); }

    /** Orders best (lowest score) first. */
    @Override
    public int compareTo(AlignResult o) { return Double.compare(score, o.score); }
}
