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
 */
public record AveragingConfig(AveragerFactory averager, double keep, boolean keepsig,
                              ProcessorSpec preavgproc1, ProcessorSpec preavgproc2,
                              int tiltAxisX, double tiltEdgeWeight, boolean weighByScore,
                              List<Symmetry> symmetry, boolean breaksym,
                              ProcessorSpec autocenter, ProcessorSpec autocenterMask, boolean autocenterPreprocess) implements java.io.Serializable {}
