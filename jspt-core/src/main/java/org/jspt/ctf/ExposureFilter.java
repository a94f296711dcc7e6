package org.jspt.ctf;

/**
 * Radiation damage as a function of accumulated exposure, after Grant &amp; Grigorieff 2015 (eLife 4:e06980,
 * doi:10.7554/eLife.06980, Eq. 3 and 5): the critical exposure at spatial frequency k (1/Å) is
 * N_e(k) = a·k^b + c with a = 0.245, b = −1.665, c = 2.81 (e/Å²), and the amplitude of a Fourier component
 * after an exposure N is attenuated by exp(−N / (2·N_e(k))). The constants were fitted at 300 kV; at 200 kV
 * and 100 kV an exposure counts as N/0.8 and N/0.64 (RELION 3.1.3 {@code MotioncorrRunner::doseWeighting} and
 * its caller use the same constants and factors). Stateless.
 */
public final class ExposureFilter {
    public static final double A = 0.245, B = -1.665, C = 2.81;

    private ExposureFilter() {}

    /** N_e(k) in e/Å² for k in 1/Å; +∞ at k = 0 (no damage to the mean). */
    public static double criticalExposure(double k) {
        if (k <= 0) return Double.POSITIVE_INFINITY;
        return A * Math.pow(k, B) + C;
    }

    /** exp(−N / (2·N_e(k))): the amplitude left at frequency k (1/Å) after an exposure N (e/Å², 300 kV equivalent). */
    public static double attenuation(double k, double exposure) {
        if (k <= 0 || exposure <= 0) return 1;
        return Math.exp(-exposure / (2 * criticalExposure(k)));
    }

    /**
     * The mean attenuation over an image's own exposure, from {@code before} to {@code before + dose} (e/Å², 300 kV
     * equivalent): an image integrates the signal while it is being damaged, so its amplitude at k is
     * (1/d)·∫ exp(−N/(2N_e)) dN over [before, before + d] = (2N_e/d)·(e^{−before/2N_e} − e^{−(before+d)/2N_e}).
     * For dose → 0 this is {@link #attenuation}(k, before).
     */
    public static double meanAttenuation(double k, double before, double dose) {
        if (k <= 0) return 1;
        double twoNe = 2 * criticalExposure(k);
        if (dose <= 1e-9 * twoNe) return Math.exp(-before / twoNe);
        return twoNe / dose * (Math.exp(-before / twoNe) - Math.exp(-(before + dose) / twoNe));
    }

    /**
     * The factor an exposure is divided by to make it 300 kV-equivalent: 1 at 300 kV, 0.8 at 200 kV, 0.64 at 100 kV
     * (within ±2 kV, as RELION). @throws IllegalArgumentException for other voltages (no published factor)
     */
    public static double voltageFactor(double voltageKv) {
        if (Math.abs(voltageKv - 300) <= 2) return 1;
        if (Math.abs(voltageKv - 200) <= 2) return 0.8;
        if (Math.abs(voltageKv - 100) <= 2) return 0.64;
        throw new IllegalArgumentException("the exposure filter is defined for 300, 200 or 100 kV (Grant & Grigorieff 2015, RELION), got " + voltageKv
                + " kV; turn it off with --exposure-filter off");
    }
}
