package org.jspt.refine;

import org.jspt.proc.ProcessorSpec;

/**
 * The optional outputs of a run, per run ({@code docs/reference/refinemulti.md} §7.7, §8); part of {@link RefineConfig}.
 *
 * @param postprocess --postprocess on the final averages (class_avgs_postproc.hdf), or null
 * @param file --output: the final averages also under this name in the run folder, or null
 */
public record OutputConfig(ProcessorSpec postprocess, String file, boolean saveali, boolean savesteps,
                           boolean savepreproc, boolean plots) {}
