package org.jspt.ctf;

/**
 * The geometry of a single-axis tilt series, in the frame of the tomogram (and of a subtomogram cut from it
 * without rotation): the tilt axis is y, the beam is along z at 0°, and the tilt image at angle θ is the
 * projection along z of the specimen rotated by
 * <pre>
 *   R_y(θ) = [[cos θ, 0, sin θ], [0, 1, 0], [−sin θ, 0, cos θ]],
 * </pre>
 * so a point (x, y, z) lands at image coordinates u = x·cos θ + z·sin θ, v = y, at height
 * h = −x·sin θ + z·cos θ along the beam. By the projection-slice theorem the image's 2-D transform at (k_u, k_v)
 * is the specimen's 3-D transform at k_u·(cos θ, 0, sin θ) + k_v·(0, 1, 0): the central plane with normal
 * (−sin θ, 0, cos θ). A series over [θmin, θmax] therefore measures the directions whose angle atan(kz/kx) lies
 * in that range, which is the missing wedge of {@link org.jspt.image.MissingWedge} when θmax = −θmin.
 *
 * <p>Defocus: positive heights are further from the objective's focal plane on the source side, i.e. more
 * underfocus: Δf(θ) = Δf + h (RELION 4/5 {@code Tomogram::getCtf} adds handedness · (depth − centre depth) with
 * the default handedness +1). Δf is the defocus at the tilt axis' height (the tomogram centre), so a particle at
 * (x, z) in Å from the axis has Δf(θ) = Δf − x·sin θ + z·cos θ. Stateless.
 */
public final class TiltGeometry {
    private TiltGeometry() {}

    /** h = −x·sin θ + z·cos θ: the height along the beam, in the units of x and z, of a point at (x, ·, z) in the tilt image at θ degrees. */
    public static double height(double x, double z, double thetaDeg) {
        double t = Math.toRadians(thetaDeg);
        return -x * Math.sin(t) + z * Math.cos(t);
    }

    /** The defocus (Å, positive underfocus) at tilt θ of a point at (x, z) Å from the tilt axis, whose tomogram has defocus {@code defocus} at the axis. */
    public static double defocus(double defocus, double x, double z, double thetaDeg) {
        return defocus + height(x, z, thetaDeg);
    }
}
