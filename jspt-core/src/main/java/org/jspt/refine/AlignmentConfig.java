package org.jspt.refine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.jspt.proc.ProcessorSpec;

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
 */
public record AlignmentConfig(PreprocessChain.Settings coarse, PreprocessChain.Settings fine, boolean tweak,
                              List<ProcessorSpec> alignPerClass, ProcessorSpec alignCmp, ProcessorSpec falign,
                              ProcessorSpec falignCmp, int npeaks, boolean randomizeWedge, long seed,
                              org.jspt.image.Volume focusMask) implements Serializable {
    public AlignmentConfig {
        alignPerClass = new ArrayList<>(alignPerClass); // serialisable, and keeps the null entries List.copyOf refuses
    }

    /** Without a focus mask. */
    public AlignmentConfig(PreprocessChain.Settings coarse, PreprocessChain.Settings fine, boolean tweak,
                           List<ProcessorSpec> alignPerClass, ProcessorSpec alignCmp, ProcessorSpec falign,
                           ProcessorSpec falignCmp, int npeaks, boolean randomizeWedge, long seed) {
        this(coarse, fine, tweak, alignPerClass, alignCmp, falign, falignCmp, npeaks, randomizeWedge, seed, null);
    }
}
