package org.jspt.geom;

/**
 * A particle's pose as a Dynamo table stores it: shifts dx, dy, dz (columns 4–6, pixels, "shift from
 * center") and Euler angles tdrot, tilt, narot (columns 7–9, degrees, {@link EulerConvention#DYNAMO}).
 *
 * <p>Dynamo's model: the template is rotated about the box centre (so that its points move by Mᵀ, see
 * {@link DynamoEulers}) and then shifted by <b>+d</b>: the particle's centre sits at box centre + d, which is
 * why Dynamo's re-centred particle position is table columns 24–26 plus 4–6. As an EMAN2 transform on
 * centred pixel coordinates, template → particle is x' = Mᵀ·x + d.
 */
public record DynamoPose(double dx, double dy, double dz, double tdrot, double tilt, double narot) {
    /** The pose of the transform that takes the reference onto the particle (the inverse of EMAN2's {@code xform.align3d}), pixels. */
    public static DynamoPose of(Transform referenceToParticle) {
        double[] a = EulerConvention.DYNAMO.fromTransform(referenceToParticle);
        double[] t = referenceToParticle.translation();
        return new DynamoPose(t[0], t[1], t[2], a[0], a[1], a[2]);
    }

    /** The EMAN2 transform (pixels) that takes the reference onto the particle. */
    public Transform referenceToParticle() {
        return EulerConvention.DYNAMO.toTransform(tdrot, tilt, narot).withTranslation(dx, dy, dz);
    }
}
