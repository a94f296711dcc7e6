package org.jspt.geom;

/**
 * RELION's Euler angles (rot, tilt, psi), degrees, and their rotation matrix, as RELION defines them in
 * {@code Euler_angles2matrix} ({@code src/euler.cpp}, inherited from Xmipp): with c/s the cosines/sines of
 * a = rot, b = tilt, g = psi,
 * <pre>
 * A = [  cg·cb·ca − sg·sa    cg·cb·sa + sg·ca   −cg·sb ]
 *     [ −sg·cb·ca − cg·sa   −sg·cb·sa + cg·ca    sg·sb ]
 *     [  sb·ca               sb·sa               cb    ]
 * </pre>
 * i.e. A = Rz'(psi)·Ry'(tilt)·Rz'(rot) with the "passive" elementary matrices Rz'(θ) = [[c, s, 0], [−s, c, 0],
 * [0, 0, 1]] and Ry'(θ) = [[c, 0, −s], [0, 1, 0], [s, 0, c]]. This is the SPIDER/Xmipp/FREALIGN convention
 * (RELION wiki, "Conventions": RELION uses the same Euler angles as XMIPP, SPIDER and FREALIGN), so the
 * numbers equal EMAN2's "spider" type of the same matrix.
 *
 * <p>Direction: A acts on points as x' = A·x and takes the <em>reference</em> onto the <em>particle</em>
 * (RELION's projector samples the reference at Aᵀ·x; RELION wiki: orientations "rotate the reference into
 * observations"). Stateless, thread-safe; double precision throughout.
 */
final class RelionEulers {
    private RelionEulers() {}

    /** Below this |sin tilt| the angles are at gimbal lock: rot is set to 0 and psi carries the in-plane turn, as RELION does. */
    static final double GIMBAL = 1e-12;

    /** RELION's matrix A for (rot, tilt, psi) in degrees (rows). */
    static double[][] matrix(double rot, double tilt, double psi) {
        double a = Math.toRadians(rot), b = Math.toRadians(tilt), g = Math.toRadians(psi);
        double ca = Math.cos(a), sa = Math.sin(a), cb = Math.cos(b), sb = Math.sin(b), cg = Math.cos(g), sg = Math.sin(g);
        return new double[][] {
            {cg * cb * ca - sg * sa, cg * cb * sa + sg * ca, -cg * sb},
            {-sg * cb * ca - cg * sa, -sg * cb * sa + cg * ca, sg * sb},
            {sb * ca, sb * sa, cb}};
    }

    /**
     * (rot, tilt, psi) in degrees with {@code matrix(rot, tilt, psi) == a}: tilt in [0, 180], rot and psi in
     * [−180, 180]. tilt comes from atan2 of |sin tilt| and cos tilt (accurate near 0 and 180); rot from the
     * third row; psi is then solved from A·Rz'(rot)ᵀ = Rz'(psi)·Ry'(tilt), whose middle column is
     * (sin psi, cos psi, 0), so the angles rebuild the matrix to rounding error even close to gimbal lock.
     */
    static double[] angles(double[][] a) {
        double s = Math.hypot(a[2][0], a[2][1]);
        double tilt = Math.atan2(s, a[2][2]);
        double rot = s > GIMBAL ? Math.atan2(a[2][1], a[2][0]) : 0;
        double cr = Math.cos(rot), sr = Math.sin(rot);
        double sinPsi = -sr * a[0][0] + cr * a[0][1], cosPsi = -sr * a[1][0] + cr * a[1][1];
        return new double[] {Math.toDegrees(rot), Math.toDegrees(tilt), Math.toDegrees(Math.atan2(sinPsi, cosPsi))};
    }
}
