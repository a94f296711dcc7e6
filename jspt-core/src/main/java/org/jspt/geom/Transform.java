package org.jspt.geom;

import java.util.Arrays;

/**
 * An immutable EMAN2 Transform: a 3×4 matrix {@code [R | t]} acting on centred voxel coordinates as
 * x' = R·x + t (rotate first, then translate). See {@code docs/reference/alignment.md} §2.
 *
 * <p>NB: EMAN2 stores the matrix in float32; we keep doubles for our own arithmetic and round to float32
 * only where EMAN2's results depend on it (Euler recovery, file output). Scale and mirror are never used
 * by this program; a matrix read from a file is kept exactly as stored.
 */
public final class Transform implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private static final Transform IDENTITY = new Transform(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});

    /** Row-major 3×4: m[4*r + c]; translation at m[3], m[7], m[11]. */
    private final double[] m;

    private Transform(double[] m) { this.m = m; }

    public static Transform identity() { return IDENTITY; }

    /** From 12 row-major numbers (m00 m01 m02 m03 m10 … m23). The array is copied. */
    public static Transform ofMatrix(double... m12) {
        if (m12.length != 12) throw new IllegalArgumentException("a Transform needs 12 numbers, got " + m12.length);
        for (double v : m12) if (!Double.isFinite(v)) throw new IllegalArgumentException("Transform matrix has a non-finite value: " + Arrays.toString(m12));
        return new Transform(m12.clone());
    }

    /** From float32 row-major numbers, as stored in EMAN2 HDF headers. */
    public static Transform ofMatrix(float[] m12) {
        double[] d = new double[12];
        for (int i = 0; i < 12; i++) d[i] = m12[i];
        return ofMatrix(d);
    }

    /** From a 3×3 rotation (rows) and a translation. */
    public static Transform of(double[][] r, double[] t) {
        return new Transform(new double[] {
            r[0][0], r[0][1], r[0][2], t[0], r[1][0], r[1][1], r[1][2], t[1], r[2][0], r[2][1], r[2][2], t[2]});
    }

    public static Transform translation(double tx, double ty, double tz) {
        return new Transform(new double[] {1, 0, 0, tx, 0, 1, 0, ty, 0, 0, 1, tz});
    }

    /**
     * EMAN Euler angles in degrees: R = Rz(phi)·Rx(alt)·Rz(az) with EMAN2's sign conventions
     * (docs/reference/alignment.md §2.3, written out there element by element).
     */
    public static Transform eman(double az, double alt, double phi) { return eman(az, alt, phi, 0, 0, 0); }

    public static Transform eman(double az, double alt, double phi, double tx, double ty, double tz) {
        double a = Math.toRadians(az), b = Math.toRadians(alt), c = Math.toRadians(phi);
        double ca = Math.cos(a), sa = Math.sin(a), cb = Math.cos(b), sb = Math.sin(b), cp = Math.cos(c), sp = Math.sin(c);
        return new Transform(new double[] {
            cp * ca - cb * sa * sp, cp * sa + cb * ca * sp, sb * sp, tx,
            -sp * ca - cb * sa * cp, -sp * sa + cb * ca * cp, sb * cp, ty,
            sb * sa, -sb * ca, cb, tz});
    }

    /**
     * SPIDER Euler angles (phi, theta, psi) in degrees: the EMAN rotation az = phi + 90, alt = theta,
     * phi = psi − 90 (docs/reference/alignment.md §2.3). See {@link EulerConvention} for all conventions.
     */
    public static Transform spider(double phi, double theta, double psi) { return eman(phi + 90, theta, psi - 90); }

    /** Element (row r, column c) of the 3×4 matrix. */
    public double get(int r, int c) { return m[4 * r + c]; }

    /** The 12 row-major numbers (a copy). */
    public double[] matrix() { return m.clone(); }

    /** The 3×3 rotation part, rows (a copy). */
    public double[][] rotation() {
        return new double[][] {{m[0], m[1], m[2]}, {m[4], m[5], m[6]}, {m[8], m[9], m[10]}};
    }

    /** The translation (tx, ty, tz), applied after the rotation. */
    public double[] translation() { return new double[] {m[3], m[7], m[11]}; }

    public double tx() { return m[3]; }
    public double ty() { return m[7]; }
    public double tz() { return m[11]; }

    /** The same rotation with translation t. */
    public Transform withTranslation(double tx, double ty, double tz) {
        double[] n = m.clone();
        n[3] = tx; n[7] = ty; n[11] = tz;
        return new Transform(n);
    }

    /**
     * The matrix rounded element by element to float32, i.e. exactly what EMAN2 would store. Use it before
     * computations that must reproduce EMAN2's float32 results (e.g. its inverse, docs/reference/alignment.md §2.6).
     */
    public Transform roundedToFloat32() {
        double[] n = new double[12];
        for (int i = 0; i < 12; i++) n[i] = (float) m[i];
        return new Transform(n);
    }

    /** The rotation alone (translation zero). */
    public Transform rotationOnly() { return withTranslation(0, 0, 0); }

    /** {@code this * b}: b is applied first. R = Ra·Rb, t = Ra·tb + ta. */
    public Transform compose(Transform b) {
        double[] a = m, q = b.m, r = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double s = a[4 * i] * q[j] + a[4 * i + 1] * q[4 + j] + a[4 * i + 2] * q[8 + j];
                r[4 * i + j] = j == 3 ? s + a[4 * i + 3] : s;
            }
        }
        return new Transform(r);
    }

    /**
     * The inverse transform. The 3×3 part is inverted by cofactors (as EMAN2 does), so a matrix that
     * is not exactly orthonormal is still inverted correctly; t' = −R⁻¹·t.
     */
    public Transform inverse() {
        double a = m[0], b = m[1], c = m[2], d = m[4], e = m[5], f = m[6], g = m[8], h = m[9], k = m[10];
        double c00 = e * k - f * h, c01 = -(d * k - f * g), c02 = d * h - e * g;
        double det = a * c00 + b * c01 + c * c02;
        if (Math.abs(det) < 1e-12) throw new IllegalArgumentException("Transform is singular: " + this);
        double[] r = new double[12];
        r[0] = c00 / det; r[1] = -(b * k - c * h) / det; r[2] = (b * f - c * e) / det;
        r[4] = c01 / det; r[5] = (a * k - c * g) / det; r[6] = -(a * f - c * d) / det;
        r[8] = c02 / det; r[9] = -(a * h - b * g) / det; r[10] = (a * e - b * d) / det;
        for (int i = 0; i < 3; i++) r[4 * i + 3] = -(r[4 * i] * m[3] + r[4 * i + 1] * m[7] + r[4 * i + 2] * m[11]);
        return new Transform(r);
    }

    /** out = R·in + t. {@code in} and {@code out} may be the same array. */
    public void apply(double[] in, double[] out) {
        double x = in[0], y = in[1], z = in[2];
        out[0] = m[0] * x + m[1] * y + m[2] * z + m[3];
        out[1] = m[4] * x + m[5] * y + m[6] * z + m[7];
        out[2] = m[8] * x + m[9] * y + m[10] * z + m[11];
    }

    /** out = R·in (no translation). {@code in} and {@code out} may be the same array. */
    public void rotate(double[] in, double[] out) {
        double x = in[0], y = in[1], z = in[2];
        out[0] = m[0] * x + m[1] * y + m[2] * z;
        out[1] = m[4] * x + m[5] * y + m[6] * z;
        out[2] = m[8] * x + m[9] * y + m[10] * z;
    }

    /**
     * EMAN Euler angles {az, alt, phi} in degrees, reproducing EMAN2's {@code get_rotation("eman")} on the
     * float32 matrix, including glibc's float atan2f for az ({@link Float32Math}) and the alt = 0 / 180 cases (docs/reference/alignment.md §2.3).
     */
    public double[] emanAngles() {
        float r00 = (float) m[0], r01 = (float) m[1], r02 = (float) m[2], r12 = (float) m[6];
        float r20 = (float) m[8], r21 = (float) m[9], r22 = (float) m[10];
        if (r22 >= 1f) return new double[] {0, 0, Math.toDegrees(Math.atan2(r01, r00))};
        if (r22 <= -1f) return new double[] {0, 180, Math.toDegrees(Math.atan2(-r01, r00))};
        // NB: EMAN2 computes az with glibc's float atan2f, which is not correctly rounded (Float32Math);
        // alt and phi are computed in double from the float32 elements.
        float azRad = Float32Math.atan2(r20, -r21);
        double az = azRad * (180.0 / Math.PI);
        double alt = r22 == 0f ? 90.0 : Math.toDegrees(Math.atan(Math.sqrt((double) r20 * r20 + (double) r21 * r21) / Math.abs(r22)));
        if (r22 < 0) alt = 180.0 - alt;
        double phi = Math.toDegrees(Math.atan2(r02, r12));
        return new double[] {az, alt, phi};
    }

    /** Rotation angle (degrees, in [0, 180]) of R alone: cos ω = (trace − 1)/2. */
    public double spinAngle() {
        double c = (m[0] + m[5] + m[10] - 1) / 2;
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    /** The angle (degrees) between the rotations of a and b: the spin angle of a⁻¹·b (docs/reference/alignment.md §2.4). */
    public static double angleBetween(Transform a, Transform b) {
        // For rotations, trace(Ra^T Rb) = sum of element-wise products; avoids building the inverse.
        double tr = 0, d2 = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double x = a.m[4 * i + j], y = b.m[4 * i + j];
                tr += x * y;
                d2 += (x - y) * (x - y);
            }
        }
        double cos = Math.max(-1, Math.min(1, (tr - 1) / 2));
        // NB: acos is ill-conditioned near 0°: matrices rounded to 6 digits (EMAN2 JSON) would show ~0.02°
        // between equal rotations. For small angles use ||Ra − Rb||_F = √8·sin(ω/2), exact for rotations.
        if (cos > 0) return Math.toDegrees(2 * Math.asin(Math.min(1, Math.sqrt(d2 / 8))));
        return Math.toDegrees(Math.acos(cos));
    }

    /** True if every matrix element differs by at most {@code tol}. */
    public boolean approxEquals(Transform o, double tol) {
        for (int i = 0; i < 12; i++) if (Math.abs(m[i] - o.m[i]) > tol) return false;
        return true;
    }

    @Override
    public boolean equals(Object o) { return o instanceof Transform t && Arrays.equals(m, t.m); }

    @Override
    public int hashCode() { return Arrays.hashCode(m); }

    @Override
    public String toString() {
        double[] e = emanAngles();
        return String.format(java.util.Locale.ROOT, "Transform(az=%.3f, alt=%.3f, phi=%.3f, t=(%.3f, %.3f, %.3f))",
                e[0], e[1], e[2], m[3], m[7], m[11]);
    }
}
