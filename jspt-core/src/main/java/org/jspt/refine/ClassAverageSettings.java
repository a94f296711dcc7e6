package org.jspt.refine;

import java.util.List;
import org.jspt.average.AveragerFactory;
import org.jspt.geom.Symmetry;
import org.jspt.proc.ProcessorSpec;

/**
 * How class averages are made ({@code docs/reference/refinemulti.md} §7.6).
 * @param keep fraction kept (or σ multiplier with keepsig)
 * @param tiltAxisX with tiltEdgeWeight: --weighbytiltaxis A,B (tiltAxisX &lt; 0: off)
 * @param symmetry per class; symmetrise unless breaksym
 * @param autocenter xform.centerofmass or xform.centeracf, or null
 */
public record ClassAverageSettings(AveragerFactory averager, double keep, boolean keepsig,
                                   ProcessorSpec preavgproc1, ProcessorSpec preavgproc2,
                                   int tiltAxisX, double tiltEdgeWeight, boolean weighByScore,
                                   List<Symmetry> symmetry, boolean breaksym,
                                   ProcessorSpec autocenter, ProcessorSpec autocenterMask, boolean autocenterPreprocess) implements java.io.Serializable {
    /** The same settings with another averager (the CTF-corrected one when the particles carry weights). */
    public ClassAverageSettings withAverager(AveragerFactory a) {
        return new ClassAverageSettings(a, keep, keepsig, preavgproc1, preavgproc2, tiltAxisX, tiltEdgeWeight, weighByScore,
                symmetry, breaksym, autocenter, autocenterMask, autocenterPreprocess);
    }
}
