package org.jspt.sim;

import java.util.List;
import org.jspt.ctf.ExposureFilter;
import org.jspt.ctf.TiltScheme;

/**
 * The tilt-series physics of a simulation (see {@code docs/tilt-series.md}). Units: defocus, astigmatism,
 * heights and positions in Å; voltage kV; Cs mm; phase shift degrees. Particle i belongs to tomogram
 * i mod tomograms.size().
 *
 * @param tomograms one tilt scheme per tomogram
 * @param defocusMin lowest defocus at the tilt axis' height (positive underfocus), drawn uniformly per particle
 * @param defocusMax highest such defocus
 * @param heightMin lowest particle height z above the tilt axis, uniform per particle
 * @param heightMax highest height
 * @param xMin lowest position across the tilt axis (x), uniform per particle
 * @param xMax highest such position
 * @param astigmatism ΔfU − ΔfV, with the astigmatism angle uniform in [0°, 180°) per particle; 0 = none
 * @param exposureFilter attenuate each tilt by its accumulated exposure (Grant &amp; Grigorieff 2015)
 * @param neighbours other particles whose centres lie near the box edge, per particle
 */
public record TiltSeriesParams(List<TiltScheme> tomograms, double defocusMin, double defocusMax, double heightMin, double heightMax,
        double xMin, double xMax, double voltage, double cs, double ampContrast, double phaseShift, double astigmatism,
        boolean exposureFilter, int neighbours) {
    public static final double DEFAULT_VOLTAGE = 300, DEFAULT_CS = 2.7, DEFAULT_AMP_CONTRAST = 0.07;

    public TiltSeriesParams {
        if (tomograms.isEmpty()) throw new IllegalArgumentException("no tilt scheme");
        tomograms = List.copyOf(tomograms);
        range("--defocus", defocusMin, defocusMax);
        if (defocusMin < 0) throw new IllegalArgumentException("--defocus must be >= 0 (underfocus positive), got " + defocusMin / 1e4 + " µm");
        range("--height", heightMin, heightMax);
        range("--x-range", xMin, xMax);
        if (!(voltage > 0) || Double.isInfinite(voltage)) throw new IllegalArgumentException("--voltage must be > 0 kV, got " + voltage);
        if (!(cs >= 0) || Double.isInfinite(cs)) throw new IllegalArgumentException("--cs must be >= 0 mm, got " + cs);
        if (!(ampContrast >= 0 && ampContrast < 1)) throw new IllegalArgumentException("--amp-contrast must be in [0, 1), got " + ampContrast);
        if (!Double.isFinite(phaseShift)) throw new IllegalArgumentException("--phase-shift must be finite");
        if (!(astigmatism >= 0) || Double.isInfinite(astigmatism)) throw new IllegalArgumentException("--astigmatism must be >= 0 Å, got " + astigmatism);
        if (astigmatism / 2 > defocusMin) throw new IllegalArgumentException("--astigmatism " + astigmatism + " Å is more than twice the lowest defocus");
        if (exposureFilter) ExposureFilter.voltageFactor(voltage); // fails early for a voltage without a published factor
        if (neighbours < 0) throw new IllegalArgumentException("--neighbours must be >= 0, got " + neighbours);
    }

    private static void range(String name, double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) throw new IllegalArgumentException(name + " range " + lo + ":" + hi + " must be finite with MIN <= MAX");
    }
}
