package org.jspt.sim;

/**
 * The tilt-series truth of one simulated particle. Defocus values in Å (positive underfocus), positions in Å from
 * the tilt axis at the tomogram centre ({@link org.jspt.ctf.TiltGeometry}).
 *
 * @param tomogram the tomogram's name (tomo01, tomo02, …)
 * @param tomogramIndex 0-based
 * @param defocus the defocus at the tilt axis' height, mean of U and V
 * @param defocusU the particle's defocus U in its 0° image: defocus + astigmatism/2 + z
 * @param defocusV defocus V in the 0° image: defocus − astigmatism/2 + z
 * @param defocusAngle direction of U from the image x axis, degrees
 * @param x position across the tilt axis
 * @param y position along the tilt axis
 * @param z height
 * @param tiltMin lowest tilt angle of its tomogram, degrees
 * @param tiltMax highest
 */
public record ParticleCtfTruth(String tomogram, int tomogramIndex, double defocus, double defocusU, double defocusV, double defocusAngle,
        double x, double y, double z, double tiltMin, double tiltMax) {}
