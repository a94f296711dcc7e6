package org.jspt.sim;

/**
 * Parameters of a simulation (units: box in voxels, apix in Å/voxel, res in Å, tilt in degrees,
 * maxShift in voxels per axis). snr = signal variance / noise variance; +∞ means no noise.
 */
public record SimulationParams(int box, double apix, double res, double snr, double tilt, double maxShift, long seed, int perClass) {
    public static final int DEFAULT_BOX = 48;
    public static final double DEFAULT_APIX = 4.0, DEFAULT_RES = 10, DEFAULT_SNR = 0.1, DEFAULT_TILT = 60, DEFAULT_SHIFT = 3;
    public static final int DEFAULT_PER_CLASS = 20;

    public SimulationParams {
        if (box < 8) throw new IllegalArgumentException("--box must be at least 8, got " + box);
        if (!(apix > 0) || Double.isInfinite(apix)) throw new IllegalArgumentException("--apix must be a positive number, got " + apix);
        if (!(res >= 0) || Double.isInfinite(res)) throw new IllegalArgumentException("--res must be >= 0 Å, got " + res);
        if (!(snr > 0)) throw new IllegalArgumentException("--snr must be > 0 (or inf for no noise), got " + snr);
        if (!(tilt > 0 && tilt <= 90)) throw new IllegalArgumentException("--tilt must be in (0, 90] degrees (90 = no wedge), got " + tilt);
        if (!(maxShift >= 0) || maxShift > box / 4.0) throw new IllegalArgumentException("--shift must be in [0, box/4] = [0, " + box / 4.0 + "] voxels, got " + maxShift);
        if (perClass < 1) throw new IllegalArgumentException("--per-class must be >= 1, got " + perClass);
    }
}
