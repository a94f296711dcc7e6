package org.jspt.geom;

/**
 * Quaternion and spin-axis arithmetic with EMAN2's handedness, used by {@link EulerConvention}; see the
 * javadoc of {@link EulerConvention#QUATERNION} for the matrix. Stateless and thread-safe.
 */
final class Quaternions {
    private Quaternions() {}

    /** The rotation of the quaternion (normalised first). */
    static Transform toTransform(double e0, double e1, double e2, double e3) {
        double norm = Math.sqrt(e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("quaternion must be non-zero and finite, got (" + e0 + ", " + e1 + ", " + e2 + ", " + e3 + ")");
        }
        e0 /= norm; e1 /= norm; e2 /= norm; e3 /= norm;
        return Transform.ofMatrix(
                e0 * e0 + e1 * e1 - e2 * e2 - e3 * e3, 2 * (e1 * e2 + e0 * e3), 2 * (e1 * e3 - e0 * e2), 0,
                2 * (e1 * e2 - e0 * e3), e0 * e0 - e1 * e1 + e2 * e2 - e3 * e3, 2 * (e2 * e3 + e0 * e1), 0,
                2 * (e1 * e3 + e0 * e2), 2 * (e2 * e3 - e0 * e1), e0 * e0 - e1 * e1 - e2 * e2 + e3 * e3, 0);
    }

    /**
     * The unit quaternion (e0 ≥ 0) of the rotation part of t. Shepperd's method: take the square root of the
     * largest of 4e0², 4e1², 4e2², 4e3² (from the trace and diagonal) and the others from the off-diagonal
     * sums and differences, which avoids dividing by a small number near 0° and 180°.
     */
    static double[] fromTransform(Transform t) {
        double r00 = t.get(0, 0), r01 = t.get(0, 1), r02 = t.get(0, 2);
        double r10 = t.get(1, 0), r11 = t.get(1, 1), r12 = t.get(1, 2);
        double r20 = t.get(2, 0), r21 = t.get(2, 1), r22 = t.get(2, 2);
        double tr = r00 + r11 + r22;
        double e0, e1, e2, e3;
        if (tr >= r00 && tr >= r11 && tr >= r22) {
            e0 = Math.sqrt(Math.max(0, 1 + tr)) / 2;
            double f = 4 * e0;
            e1 = (r12 - r21) / f; e2 = (r20 - r02) / f; e3 = (r01 - r10) / f;
        } else if (r00 >= r11 && r00 >= r22) {
            e1 = Math.sqrt(Math.max(0, 1 + r00 - r11 - r22)) / 2;
            double f = 4 * e1;
            e0 = (r12 - r21) / f; e2 = (r01 + r10) / f; e3 = (r02 + r20) / f;
        } else if (r11 >= r22) {
            e2 = Math.sqrt(Math.max(0, 1 - r00 + r11 - r22)) / 2;
            double f = 4 * e2;
            e0 = (r20 - r02) / f; e1 = (r01 + r10) / f; e3 = (r12 + r21) / f;
        } else {
            e3 = Math.sqrt(Math.max(0, 1 - r00 - r11 + r22)) / 2;
            double f = 4 * e3;
            e0 = (r01 - r10) / f; e1 = (r02 + r20) / f; e2 = (r12 + r21) / f;
        }
        if (e0 < 0) { e0 = -e0; e1 = -e1; e2 = -e2; e3 = -e3; }
        double n = Math.sqrt(e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3);
        return new double[] {e0 / n, e1 / n, e2 / n, e3 / n};
    }

    /** (omega, n1, n2, n3) of a unit quaternion with e0 ≥ 0: ω = 2·atan2(|e|, e0), n = e/|e| or (0, 0, 1). */
    static double[] toSpin(double[] q) {
        double s = Math.sqrt(q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        double omega = Math.toDegrees(2 * Math.atan2(s, q[0]));
        if (s == 0) return new double[] {omega, 0, 0, 1};
        return new double[] {omega, q[1] / s, q[2] / s, q[3] / s};
    }

    /** The rotation by spin angle ω (degrees) about n (normalised first; ignored when ω = 0). */
    static Transform fromSpin(double omega, double n1, double n2, double n3) {
        double h = Math.toRadians(omega) / 2, c = Math.cos(h), s = Math.sin(h);
        double n = Math.sqrt(n1 * n1 + n2 * n2 + n3 * n3);
        if (s == 0) return toTransform(c, 0, 0, 0);
        if (!(n > 0) || !Double.isFinite(n)) throw new IllegalArgumentException("spin axis must be non-zero, got (" + n1 + ", " + n2 + ", " + n3 + ")");
        return toTransform(c, s * n1 / n, s * n2 / n, s * n3 / n);
    }
}
