package org.jspt.geom;

/**
 * A particle's pose as RELION 3.1+ stores it in a particle STAR file: Euler angles rlnAngleRot/Tilt/Psi
 * (degrees, {@link EulerConvention#RELION}) and origin offsets rlnOriginX/Y/ZAngst (Å).
 *
 * <p>RELION's model: the particle is the reference rotated by A (= {@link RelionEulers#matrix}) about the box
 * centre and then shifted by <b>−origin</b>: the particle's centre sits at (box centre − origin), and shifting
 * the particle by +origin puts it back onto the rotated reference (RELION docs: "translations shift
 * observations into the reference projection"; re-centred coordinate = rlnCoordinate − rlnOrigin). As an
 * EMAN2 transform on centred pixel coordinates, reference → particle is x' = A·x − origin/apix.
 * Before RELION 3.1 the offsets were rlnOriginX/Y/Z in pixels with the same sign.
 *
 * @param originXAngst rlnOriginXAngst, Å (likewise Y, Z)
 */
public record RelionPose(double rot, double tilt, double psi, double originXAngst, double originYAngst, double originZAngst) {
    /**
     * The pose of the transform that takes the reference onto the particle (the inverse of EMAN2's
     * {@code xform.align3d}); its translation is in pixels of {@code apix} Å.
     */
    public static RelionPose of(Transform referenceToParticle, double apix) {
        checkApix(apix);
        double[] a = EulerConvention.RELION.fromTransform(referenceToParticle);
        double[] t = referenceToParticle.translation();
        return new RelionPose(a[0], a[1], a[2], -t[0] * apix, -t[1] * apix, -t[2] * apix);
    }

    /** The EMAN2 transform (pixels of {@code apix} Å) that takes the reference onto the particle. */
    public Transform referenceToParticle(double apix) {
        checkApix(apix);
        return EulerConvention.RELION.toTransform(rot, tilt, psi).withTranslation(-originXAngst / apix, -originYAngst / apix, -originZAngst / apix);
    }

    /**
     * RELION 5: the rotation that takes the reference into the <b>tomogram</b>, A_subtomogram · A, where A_subtomogram
     * comes from rlnTomoSubtomogramRot/Tilt/Psi (the frame of the extracted box in the tomogram) and A from this
     * pose's rlnAngleRot/Tilt/Psi (the particle in its box); RELION 5's ParticleSet::getMatrix3x3
     * (src/jaz/tomography/particle_set.cpp) composes them so. The subtomogram angles also turn the origin offsets
     * into tomogram coordinates (ParticleSet::getPosition: coordinate − A_subtomogram · origin).
     */
    public Transform rotationInTomogram(double subtomogramRot, double subtomogramTilt, double subtomogramPsi) {
        return EulerConvention.RELION.toTransform(subtomogramRot, subtomogramTilt, subtomogramPsi).compose(EulerConvention.RELION.toTransform(rot, tilt, psi));
    }

    private static void checkApix(double apix) {
        if (!(apix > 0) || !Double.isFinite(apix)) throw new IllegalArgumentException("pixel size must be positive, got " + apix);
    }
}
