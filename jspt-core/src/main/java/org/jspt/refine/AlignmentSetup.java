package org.jspt.refine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.jspt.proc.ProcessorSpec;

/**
 * Everything aligning a particle needs apart from the iteration's references: plain data, so a worker on
 * another JVM can rebuild the chains and aligners from it ({@link AlignmentContext}).
 *
 * @param alignPerClass coarse aligner per initial class (null entries: --align None)
 * @param fine the fine chain's settings, or null without a fine stage
 */
public record AlignmentSetup(ParticleSpec particles, PreprocessChain.Settings coarse, PreprocessChain.Settings fine,
                             boolean tweak, List<ProcessorSpec> alignPerClass, ProcessorSpec alignCmp,
                             ProcessorSpec falign, ProcessorSpec falignCmp, int npeaks, boolean randomizeWedge,
                             long seed) implements Serializable {
    public static AlignmentSetup of(RefineConfig cfg, ParticleSpec particles) {
        return new AlignmentSetup(particles, cfg.coarse(), cfg.fine(), cfg.tweak(),
                new ArrayList<>(cfg.alignPerClass()), cfg.alignCmp(), cfg.falign(), cfg.falignCmp(),
                cfg.npeaks(), cfg.randomizeWedge(), cfg.seed());
    }
}
