package org.jspt.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspt.io.star.Star;

/**
 * The RELION 3.1 particle STAR file of a tilt-series simulation: {@code data_optics} with one optics group
 * (rlnOpticsGroup, rlnOpticsGroupName, rlnVoltage, rlnSphericalAberration, rlnAmplitudeContrast,
 * rlnImagePixelSize, rlnImageSize, rlnImageDimensionality 3) and {@code data_particles} with, per particle in index
 * order, rlnImageName and rlnCtfImage (paths relative to the STAR file), rlnMicrographName (the tomogram: RELION 3.1
 * names a subtomogram's tomogram so; its reader warns about RELION 4's rlnTomoName, an unknown label in 3.1),
 * rlnCoordinateX/Y/Z (pixels in the tomogram, whose centre is the tilt axis at height 0), rlnDefocusU/V/Angle (the
 * particle's 0° image), rlnPhaseShift when a phase shift is set, and rlnOpticsGroup. No angles or origins: those are
 * what refinement finds.
 */
public final class TiltSeriesStar {
    private TiltSeriesStar() {}

    public static List<Star.Block> blocks(TiltSeriesSimulator sim) {
        SimulationParams p = sim.params();
        TiltSeriesParams tp = sim.tiltParams();
        Star.Table optics = new Star.Table(List.of("rlnOpticsGroup", "rlnOpticsGroupName", "rlnVoltage", "rlnSphericalAberration", "rlnAmplitudeContrast",
                "rlnImagePixelSize", "rlnImageSize", "rlnImageDimensionality"),
                List.of(List.of("1", "opticsGroup1", f(tp.voltage()), f(tp.cs()), f(tp.ampContrast()), f(p.apix()), String.valueOf(p.box()), "3")));
        List<String> labels = new ArrayList<>(List.of("rlnImageName", "rlnCtfImage", "rlnMicrographName", "rlnCoordinateX", "rlnCoordinateY",
                "rlnCoordinateZ", "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle"));
        boolean phase = tp.phaseShift() != 0;
        if (phase) labels.add("rlnPhaseShift");
        labels.add("rlnOpticsGroup");
        double[] centre = tomogramCentre(p, tp);
        List<List<String>> rows = new ArrayList<>(sim.count());
        for (int i = 0; i < sim.count(); i++) {
            ParticleCtfTruth c = sim.ctfTruth().get(i);
            List<String> row = new ArrayList<>(List.of(TiltSeriesSimulator.particleName(i), TiltSeriesSimulator.weightName(i), c.tomogram(),
                    f(centre[0] + c.x() / p.apix()), f(centre[1] + c.y() / p.apix()), f(centre[2] + c.z() / p.apix()),
                    f(c.defocusU()), f(c.defocusV()), f(c.defocusAngle())));
            if (phase) row.add(f(tp.phaseShift()));
            row.add("1");
            rows.add(row);
        }
        Map<String, String> none = new LinkedHashMap<>();
        return List.of(new Star.Block("optics", none, optics), new Star.Block("particles", none, new Star.Table(labels, rows)));
    }

    /**
     * The pixel of a nominal tomogram that holds the tilt axis at height 0: half of a tomogram just large enough for
     * the --x-range and --height ranges plus a box, so every coordinate is positive.
     */
    static double[] tomogramCentre(SimulationParams p, TiltSeriesParams tp) {
        double ax = Math.max(Math.abs(tp.xMin()), Math.abs(tp.xMax())) / p.apix(), az = Math.max(Math.abs(tp.heightMin()), Math.abs(tp.heightMax())) / p.apix();
        double wx = 2 * Math.ceil(ax) + p.box(), wz = 2 * Math.ceil(az) + p.box();
        return new double[] {wx / 2, wx / 2, wz / 2};
    }

    private static String f(double v) { return String.format(Locale.ROOT, "%.6f", v); }
}
