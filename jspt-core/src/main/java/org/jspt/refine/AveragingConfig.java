package org.jspt.refine;

import java.util.List;
import org.jspt.average.AveragerFactory;
import org.jspt.geom.Symmetry;
import org.jspt.proc.ProcessorSpec;

/**
 * How class averages are made, per run ({@code docs/reference/refinemulti.md} §7.6); part of {@link RefineConfig}.
 * @param keep fraction kept (or σ multiplier with keepsig)
 * @param tiltAxisX with tiltEdgeWeight: --weighbytiltaxis A,B (tiltAxisX &lt; 0: off)
 * @param symmetry per class; symmetrise unless breaksym
 * @param autocenter xform.centerofmass or xform.centeracf, or null
 * @param anneal jspt --anneal: starting temperature T₀ of annealed membership ({@link SoftAssignment}; 0: hard, EMAN2)
 */
public record AveragingConfig(AveragerFactory averager, double keep, boolean keepsig,
                              ProcessorSpec preavgproc1, ProcessorSpec preavgproc2,
                              int tiltAxisX, double tiltEdgeWeight, boolean weighByScore,
                              List<Symmetry> symmetry, boolean breaksym,
                              ProcessorSpec autocenter, ProcessorSpec autocenterMask, boolean autocenterPreprocess,
                              double anneal) implements java.io.Serializable {
    /** Hard classes (no --anneal), as EMAN2. */
    public AveragingConfig(AveragerFactory averager, double keep, boolean keepsig, ProcessorSpec preavgproc1, ProcessorSpec preavgproc2,
                           int tiltAxisX, double tiltEdgeWeight, boolean weighByScore, List<Symmetry> symmetry, boolean breaksym,
                           ProcessorSpec autocenter, ProcessorSpec autocenterMask, boolean autocenterPreprocess) {
        this(averager, keep, keepsig, preavgproc1, preavgproc2, tiltAxisX, tiltEdgeWeight, weighByScore, symmetry, breaksym,
                autocenter, autocenterMask, autocenterPreprocess, 0);
    }

    /** The same settings with another averager (the CTF-corrected one when the particles carry weights). */
    public AveragingConfig withAverager(AveragerFactory a) {
        return new AveragingConfig(a, keep, keepsig, preavgproc1, preavgproc2, tiltAxisX, tiltEdgeWeight, weighByScore,
                symmetry, breaksym, autocenter, autocenterMask, autocenterPreprocess, anneal);
    }
}
