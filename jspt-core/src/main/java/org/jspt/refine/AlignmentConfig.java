package org.jspt.refine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.jspt.proc.ProcessorSpec;
import org.jspt.refine.mask.ReferenceMask;

/**
 * How particles are aligned, per run ({@code docs/reference/refinemulti.md} §4, §6, §7.1): plain data, part of
 * {@link RefineConfig} and shipped with every {@link AlignPass}, so a worker on another JVM can build its
 * {@link AlignmentTools} from it.
 *
 * @param fine the fine chain's settings, or null without a fine stage
 * @param alignPerClass coarse aligner per initial class (with that class's :sym= added); null entries: --align None
 * @param falign fine aligner (refine_3d_grid…) or null
 * @param seed --seed, the base of every random choice
 * @param focusMask jspt --focusmask (§16.2): the mask, on the particles' box in the references' frame, that the
 *                  classification score is restricted to; null: the alignment score classifies (EMAN2)
 * @param refMask jspt --refmask (§16.7): the mask each pass's references are multiplied by; null: none (EMAN2)
 */
public record AlignmentConfig(PreprocessChain.Settings coarse, PreprocessChain.Settings fine, boolean tweak,
                              List<ProcessorSpec> alignPerClass, ProcessorSpec alignCmp, ProcessorSpec falign,
                              ProcessorSpec falignCmp, int npeaks, boolean randomizeWedge, long seed,
                              org.jspt.image.Volume focusMask, ReferenceMask refMask) implements Serializable {
    public AlignmentConfig {
        alignPerClass = new ArrayList<>(alignPerClass); // serialisable, and keeps the null entries List.copyOf refuses
    }

    /** Without a reference mask. */
    public AlignmentConfig(PreprocessChain.Settings coarse, PreprocessChain.Settings fine, boolean tweak,
                           List<ProcessorSpec> alignPerClass, ProcessorSpec alignCmp, ProcessorSpec falign,
                           ProcessorSpec falignCmp, int npeaks, boolean randomizeWedge, long seed, org.jspt.image.Volume focusMask) {
        this(coarse, fine, tweak, alignPerClass, alignCmp, falign, falignCmp, npeaks, randomizeWedge, seed, focusMask, null);
    }

    /** The references as a pass aligns to them: multiplied by {@link #refMask} (the list itself without one; null entries kept). */
    public List<org.jspt.image.Volume> maskedReferences(List<org.jspt.image.Volume> refs) {
        return refMask == null ? refs : refMask.apply(refs);
    }

    /** Without a focus mask. */
    public AlignmentConfig(PreprocessChain.Settings coarse, PreprocessChain.Settings fine, boolean tweak,
                           List<ProcessorSpec> alignPerClass, ProcessorSpec alignCmp, ProcessorSpec falign,
                           ProcessorSpec falignCmp, int npeaks, boolean randomizeWedge, long seed) {
        this(coarse, fine, tweak, alignPerClass, alignCmp, falign, falignCmp, npeaks, randomizeWedge, seed, null, null);
    }
}
