package org.jspt.geom;

/**
 * A particle's pose as a STOPGAP motivelist ({@code .star}, {@code data_stopgap_motivelist}) stores it: Euler
 * angles {@code phi psi the} (degrees, the AV3/TOM convention) and {@code x_shift y_shift z_shift} (pixels).
 *
 * <p>STOPGAP's model (checked in its sources, wan-lab-vanderbilt/STOPGAP): {@code sg_euler2matrix(phi,psi,the)} =
 * Rz(psi)·Rx(the)·Rz(phi) is the rotation of the reference's points onto the particle, and the rotated reference is
 * then shifted by <b>+shift</b>: {@code parallel_average.m} brings a particle onto the reference with
 * {@code sg_rotate_vol(sg_shift_vol(subtomo, -shift), [-psi,-phi,-the])}. STOPGAP's own converters
 * ({@code sg_motl_stopgap_to_dynamo.m}, {@code sg_motl_dynamo_to_stopgap.m}) give the same pose in Dynamo's terms:
 * tdrot = −psi, tilt = −the, narot = −phi, identical shifts; this class uses exactly that relation through
 * {@link DynamoPose}. As an EMAN2 transform, reference → particle is x' = Rz(psi)·Rx(the)·Rz(phi)·x + shift.
 */
public record StopgapPose(double xShift, double yShift, double zShift, double phi, double psi, double the) {
    /** The pose of the transform that takes the reference onto the particle (the inverse of {@code xform.align3d}), pixels. */
    public static StopgapPose of(Transform referenceToParticle) {
        DynamoPose d = DynamoPose.of(referenceToParticle);
        return new StopgapPose(d.dx(), d.dy(), d.dz(), zero(-d.narot()), zero(-d.tdrot()), zero(-d.tilt()));
    }

    /** The EMAN2 transform (pixels) that takes the reference onto the particle. */
    public Transform referenceToParticle() {
        return new DynamoPose(xShift, yShift, zShift, -psi, -the, -phi).referenceToParticle();
    }

    private static double zero(double v) { return v == 0 ? 0 : v; } // no "-0.0000" in the file
}
