package org.jspt.refine;

import org.jspt.align.AlignResult;
import org.jspt.image.Volume;

/**
 * Aligns one raw (full-size) volume to another with the run's alignment routine (preprocessed copies,
 * coarse and fine stages, translations in raw-box voxels). Used to build references from the data.
 */
@FunctionalInterface
public interface PairAligner {
    /** The transform that brings {@code moving} onto {@code fixed}, and its score (lower is better). */
    AlignResult align(Volume moving, Volume fixed);
}
