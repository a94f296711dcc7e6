package org.jspt.refine;

import java.util.List;
import java.util.Map;
import org.jspt.geom.Transform;
import org.jspt.proc.ProcessorSpec;

/**
 * Everything one refinemulti run needs, typed and validated ({@code docs/reference/refinemulti.md}). Immutable; made
 * by the command from the parsed options.
 *
 * @param alignPerClass coarse aligner per initial class (with that class's :sym= added); null entries: --align None
 * @param fine the fine chain's settings, or null when there is no fine alignment
 * @param falign fine aligner (refine_3d_grid…) or null
 * @param inixforms particle index → transform applied before building references from the data (empty: none)
 */
public record RefineConfig(String input, int subset, double apix, int iterations,
                           PreprocessChain.Settings coarse, PreprocessChain.Settings fine, boolean refPreprocess, boolean tweak,
                           List<ProcessorSpec> alignPerClass, ProcessorSpec alignCmp, ProcessorSpec falign, ProcessorSpec falignCmp,
                           int npeaks, boolean randomizeWedge,
                           ReferenceSource references, Map<Integer, Transform> inixforms,
                           ClassAverageSettings averaging, ProcessorSpec postprocess, String output,
                           boolean saveali, boolean savesteps, boolean savepreproc, boolean plots, long seed, String weights) {
    /** Without a --weights choice: auto (weights used when the input carries them). */
    public RefineConfig(String input, int subset, double apix, int iterations,
                        PreprocessChain.Settings coarse, PreprocessChain.Settings fine, boolean refPreprocess, boolean tweak,
                        List<ProcessorSpec> alignPerClass, ProcessorSpec alignCmp, ProcessorSpec falign, ProcessorSpec falignCmp,
                        int npeaks, boolean randomizeWedge,
                        ReferenceSource references, Map<Integer, Transform> inixforms,
                        ClassAverageSettings averaging, ProcessorSpec postprocess, String output,
                        boolean saveali, boolean savesteps, boolean savepreproc, boolean plots, long seed) {
        this(input, subset, apix, iterations, coarse, fine, refPreprocess, tweak, alignPerClass, alignCmp, falign, falignCmp, npeaks,
                randomizeWedge, references, inixforms, averaging, postprocess, output, saveali, savesteps, savepreproc, plots, seed, "auto");
    }
}
