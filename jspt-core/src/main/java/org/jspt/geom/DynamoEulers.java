package org.jspt.geom;

/**
 * Dynamo's Euler angles (tdrot, tilt, narot), degrees, and their rotation matrix, as Dynamo defines them in
 * {@code dynamo_euler2matrix.m}: with c/s the cosines/sines of t = tdrot, b = tilt, n = narot,
 * <pre>
 * M = [ cn·ct − sn·cb·st   −cn·st − sn·cb·ct    sn·sb ]
 *     [ sn·ct + cn·cb·st   −sn·st + cn·cb·ct   −cn·sb ]
 *     [ st·sb               ct·sb               cb    ]
 * </pre>
 * i.e. M = Rz(narot)·Rx(tilt)·Rz(tdrot) with the right-handed elementary rotations Rz(θ) = [[c, −s, 0],
 * [s, c, 0], [0, 0, 1]], Rx(θ) = [[1, 0, 0], [0, c, −s], [0, s, c]] (Dynamo wiki, "Euler angles convention":
 * ZXZ, tdrot about z, tilt about the new x, narot about the new z). Published value this reproduces:
 * dynamo_euler2matrix([30, 60, 75]) = [[−0.0173, −0.5477, 0.8365], [0.9012, −0.3709, −0.2241],
 * [0.4330, 0.7500, 0.5000]] (tests of the {@code eulerangles} Python package).
 *
 * <p>Direction: the table angles are "the rotation that we need to operate on the template in order to
 * align it with the particle" (Dynamo wiki); Dynamo rotates a volume by sampling it at M·x, so on points the
 * template → particle rotation is <b>Mᵀ</b> (x' = Mᵀ·x), and M takes the particle onto the template. Checked
 * against the published equivalent pair Dynamo (−47.273, 1.1777, −132.3) ≡ RELION (137.7, 1.1777, 42.727)
 * ("give identical reconstructions", {@code eulerangles} examples): Mᵀ equals RELION's reference → particle A.
 * Stateless, thread-safe; double precision throughout.
 */
final class DynamoEulers {
    private DynamoEulers() {}

    /** Below this |sin tilt| the angles are at gimbal lock: tdrot is set to 0 and narot carries the in-plane turn. */
    static final double GIMBAL = 1e-12;

    /** Dynamo's matrix M for (tdrot, tilt, narot) in degrees (rows). */
    static double[][] matrix(double tdrot, double tilt, double narot) {
        double t = Math.toRadians(tdrot), b = Math.toRadians(tilt), n = Math.toRadians(narot);
        double ct = Math.cos(t), st = Math.sin(t), cb = Math.cos(b), sb = Math.sin(b), cn = Math.cos(n), sn = Math.sin(n);
        return new double[][] {
            {cn * ct - sn * cb * st, -cn * st - sn * cb * ct, sn * sb},
            {sn * ct + cn * cb * st, -sn * st + cn * cb * ct, -cn * sb},
            {st * sb, ct * sb, cb}};
    }

    /**
     * (tdrot, tilt, narot) in degrees with {@code matrix(tdrot, tilt, narot) == m}: tilt in [0, 180], tdrot and
     * narot in [−180, 180]. tdrot comes from the third row; narot is then solved from M·Rz(tdrot)ᵀ =
     * Rz(narot)·Rx(tilt), whose first column is (cos narot, sin narot, 0), so the angles rebuild the matrix to
     * rounding error even close to gimbal lock.
     */
    static double[] angles(double[][] m) {
        double s = Math.hypot(m[2][0], m[2][1]);
        double tilt = Math.atan2(s, m[2][2]);
        double td = s > GIMBAL ? Math.atan2(m[2][0], m[2][1]) : 0;
        double c = Math.cos(td), sn = Math.sin(td);
        double cosN = c * m[0][0] - sn * m[0][1], sinN = c * m[1][0] - sn * m[1][1];
        return new double[] {Math.toDegrees(td), Math.toDegrees(tilt), Math.toDegrees(Math.atan2(sinN, cosN))};
    }
}
