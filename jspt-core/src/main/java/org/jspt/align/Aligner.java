package org.jspt.align;

import java.util.List;
import org.jspt.image.Volume;

/**
 * An EMAN2 aligner ({@code --align rotate_translate_3d_tree}, …). The particle moves, the reference is
 * fixed; every result's transform is the particle's ({@code xform.align3d}). Parameters are parsed once,
 * when the aligner is made from its {@code name:key=value} string through {@link AlignRegistry#aligners()}.
 * Implementations are immutable and thread-safe; they write no files and print nothing.
 */
public interface Aligner {
    /** EMAN2 name, e.g. {@code rotate_translate_3d_tree}. */
    String name();

    /**
     * Aligns {@code particle} to {@code reference} (same cubic shape).
     * @param cmp the comparator for the final score (aligners that EMAN2 lets ignore it, such as the tree
     *            aligner, may ignore it too, and say so in their javadoc)
     * @param nsoln number of best solutions wanted (≥ 1)
     * @return up to nsoln solutions, best (lowest score) first
     */
    List<AlignResult> align(Volume particle, Volume reference, Comparator cmp, int nsoln);

    /** The best solution. */
    default AlignResult alignBest(Volume particle, Volume reference, Comparator cmp) {
        return align(particle, reference, cmp, 1).get(0);
    }
}
