package org.jspt.interop;

import org.jspt.refine.ParticleExport;

/**
 * What {@code jspt export} writes besides the poses.
 *
 * @param wedgeMin Dynamo's ymintilt (degrees) for particles whose input gives no wedge; likewise wedgeMax
 * @param particles whether to write particle files a program cannot read from the input (one MRC or EM per particle)
 * @param optics RELION's microscope values where the input STAR file gives none
 * @param relionScore whether RELION files get the jsptScore column (EMAN2's score; RELION warns about the unknown label)
 */
public record ExportOptions(double wedgeMin, double wedgeMax, boolean particles, ParticleExport.Optics optics, boolean relionScore) {
    /** Wedge −60..60, particles written, RELION optics 300 kV / 2.7 mm / 0.1. */
    public static final ExportOptions DEFAULT = new ExportOptions(ParticleExport.DEFAULT_WEDGE_MIN, ParticleExport.DEFAULT_WEDGE_MAX, true,
            ParticleExport.Optics.DEFAULT, false);
}
