package org.jspt.geom;

import java.util.List;

/**
 * Every rotation convention this program reads or writes, in one place (STYLE.md §6). Each constant converts
 * both ways between its parameters and a {@link Transform} (rotation only; translations are left to the
 * caller), and its javadoc gives the formula and where it comes from. Angles are in degrees.
 *
 * <p>All conventions describe EMAN2's rotation matrix R (x' = R·x + t, docs/reference/alignment.md §2.1). Reading
 * angles back reproduces EMAN2's {@code Transform.get_rotation(type)}, which works on the float32 matrix,
 * so values carry float32 rounding (e.g. az = 180.00000500895632 for az = 180) and the alt = 0 / 180
 * singularities are decided on the float32 element R22.
 *
 * <p>{@link #RELION} and {@link #DYNAMO} are the conventions of those packages, computed in double precision
 * (they do not imitate EMAN2's float32 reading). For them the Transform's R is the rotation that takes the
 * <em>reference onto the particle</em>, the direction both packages store: pass the inverse of
 * {@code xform.align3d}. Shifts and their units are in {@link RelionPose} and {@link DynamoPose}. No other
 * class converts angles.
 *
 * <p>Immutable and thread-safe.
 */
public enum EulerConvention {
    /**
     * EMAN (az, alt, phi): R = Rz(phi)·Rx(alt)·Rz(az) with Rz(θ) = [[c, s, 0], [−s, c, 0], [0, 0, 1]] and
     * Rx(θ) = [[1, 0, 0], [0, c, s], [0, −s, c]] (docs/reference/alignment.md §2.3; EMAN2 {@code libEM/transform.cpp}).
     * Reading: {@link Transform#emanAngles()} (az and phi in [−180, 180], alt in [0, 180]; alt = 0 folds az
     * into phi).
     */
    EMAN("az", "alt", "phi") {
        @Override public Transform toTransform(double... v) { return Transform.eman(arg(v, 0), arg(v, 1), arg(v, 2)); }
        @Override public double[] fromTransform(Transform t) { return t.emanAngles(); }
    },

    /**
     * SPIDER (phi, theta, psi) (docs/reference/alignment.md §2.3, EMAN2's "spider" type): EMAN az = phi + 90, alt = theta,
     * phi = psi − 90. Reading: phi = az − 90, theta = alt, psi = phi_EMAN + 90, with phi and psi reduced to
     * [0, 360); at the singularities EMAN2 sets phi = 0 and psi = phi_EMAN (alt = 0) or phi_EMAN + 180
     * (alt = 180), reduced to [0, 360). E.g. EMAN (30, 0, 40) → (0, 0, 70); EMAN (30, 180, 40) → (0, 180, 190).
     */
    SPIDER("phi", "theta", "psi") {
        @Override public Transform toTransform(double... v) { return Transform.spider(arg(v, 0), arg(v, 1), arg(v, 2)); }
        @Override public double[] fromTransform(Transform t) { return spiderAngles(t); }
    },

    /** MRC (phi, theta, omega): the same numbers as {@link #SPIDER} under other names (EMAN2's "mrc" type). */
    MRC("phi", "theta", "omega") {
        @Override public Transform toTransform(double... v) { return SPIDER.toTransform(v); }
        @Override public double[] fromTransform(Transform t) { return spiderAngles(t); }
    },

    /** IMAGIC (alpha, beta, gamma) = EMAN (az, alt, phi) (EMAN2's "imagic" type). */
    IMAGIC("alpha", "beta", "gamma") {
        @Override public Transform toTransform(double... v) { return EMAN.toTransform(v); }
        @Override public double[] fromTransform(Transform t) { return t.emanAngles(); }
    },

    /**
     * Quaternion (e0, e1, e2, e3), EMAN2's "quaternion" type (docs/reference/alignment.md §2.3). With EMAN's handedness R is
     * the <em>transpose</em> of the textbook active rotation of the quaternion:
     * <pre>
     * R00 = e0²+e1²−e2²−e3²   R01 = 2(e1e2+e0e3)       R02 = 2(e1e3−e0e2)
     * R10 = 2(e1e2−e0e3)      R11 = e0²−e1²+e2²−e3²    R12 = 2(e2e3+e0e1)
     * R20 = 2(e1e3+e0e2)      R21 = 2(e2e3−e0e1)       R22 = e0²−e1²−e2²+e3²
     * </pre>
     * so e0 = cos(ω/2), (e1, e2, e3) = sin(ω/2)·n and a point turns by −ω about n. Input is normalised to unit
     * length. Reading uses Shepperd's method on these relations (stable at every angle) and returns e0 ≥ 0,
     * i.e. ω in [0°, 180°]; at ω = 180° the overall sign is arbitrary, as in EMAN2.
     * Example: EMAN (90, 0, 0) ↔ (0.70711, 0, 0, 0.70711).
     */
    QUATERNION("e0", "e1", "e2", "e3") {
        @Override public Transform toTransform(double... v) { return Quaternions.toTransform(arg(v, 0), arg(v, 1), arg(v, 2), arg(v, 3)); }
        @Override public double[] fromTransform(Transform t) { return Quaternions.fromTransform(t); }
    },

    /**
     * Spin axis and angle (omega, n1, n2, n3), EMAN2's "spin" type: the same rotation as the quaternion
     * e0 = cos(ω/2), e = sin(ω/2)·n/|n| (so, on points, a rotation by −ω about n). Reading gives ω in [0, 180]
     * and a unit n, n = (0, 0, 1) when ω = 0. Example: EMAN (90, 0, 0) ↔ ω = 90, n = (0, 0, 1).
     */
    SPIN("omega", "n1", "n2", "n3") {
        @Override public Transform toTransform(double... v) { return Quaternions.fromSpin(arg(v, 0), arg(v, 1), arg(v, 2), arg(v, 3)); }
        @Override public double[] fromTransform(Transform t) { return Quaternions.toSpin(Quaternions.fromTransform(t)); }
    },

    /**
     * RELION (rot, tilt, psi), STAR labels rlnAngleRot/Tilt/Psi: ZYZ, R = RELION's {@code Euler_angles2matrix}
     * A = Rz'(psi)·Ry'(tilt)·Rz'(rot) (formula and source in {@link RelionEulers}). A takes the reference onto
     * the particle, as EMAN2's R does on points, so R = A with no transpose; the numbers are those of
     * {@link #SPIDER} for the same matrix (EMAN az = rot + 90, alt = tilt, phi = psi − 90). Reading gives tilt
     * in [0, 180], rot and psi in (−180, 180]; at tilt 0 or 180, rot = 0 (RELION's own choice).
     * Example: EMAN (90, 30, −90) ↔ RELION (0, 30, 0).
     */
    RELION("rot", "tilt", "psi") {
        @Override public Transform toTransform(double... v) { return rotation(RelionEulers.matrix(arg(v, 0), arg(v, 1), arg(v, 2))); }
        @Override public double[] fromTransform(Transform t) { return RelionEulers.angles(t.rotation()); }
    },

    /**
     * Dynamo (tdrot, tilt, narot), table columns 7–9: ZXZ, Dynamo's {@code dynamo_euler2matrix}
     * M = Rz(narot)·Rx(tilt)·Rz(tdrot) (formula and source in {@link DynamoEulers}). M takes the particle onto
     * the template; the template → particle rotation on points is Mᵀ, so <b>R = Mᵀ</b>. Reading gives tilt in
     * [0, 180], tdrot and narot in (−180, 180]; at tilt 0 or 180, tdrot = 0. Relation to RELION for the same R:
     * tdrot = psi − 90, tilt = tilt, narot = rot + 90. Example: RELION (137.7, 1.1777, 42.727) ↔ Dynamo
     * (−47.273, 1.1777, −132.3).
     */
    DYNAMO("tdrot", "tilt", "narot") {
        @Override public Transform toTransform(double... v) { return rotation(transpose(DynamoEulers.matrix(arg(v, 0), arg(v, 1), arg(v, 2)))); }
        @Override public double[] fromTransform(Transform t) { return DynamoEulers.angles(transpose(t.rotation())); }
    };

    private final List<String> names;

    EulerConvention(String... names) { this.names = List.of(names); }

    /** The parameter names in order, as EMAN2 spells them in its dictionaries (e.g. az, alt, phi). */
    public List<String> names() { return names; }

    /** The rotation given by the parameters, in the order of {@link #names()}; no translation. */
    public abstract Transform toTransform(double... values);

    /** The parameters of the rotation part of {@code t}, in the order of {@link #names()}, as EMAN2 reports them. */
    public abstract double[] fromTransform(Transform t);

    /** {@code v[i]}, after checking the count once (the first index asks for all of them). */
    final double arg(double[] v, int i) {
        if (i == 0 && v.length != names.size()) {
            throw new IllegalArgumentException(name() + " needs " + names.size() + " values " + names + ", got " + v.length);
        }
        return v[i];
    }

    private static Transform rotation(double[][] r) { return Transform.of(r, new double[3]); }

    private static double[][] transpose(double[][] r) {
        return new double[][] {{r[0][0], r[1][0], r[2][0]}, {r[0][1], r[1][1], r[2][1]}, {r[0][2], r[1][2], r[2][2]}};
    }

    private static double[] spiderAngles(Transform t) {
        double[] e = t.emanAngles();
        float r22 = (float) t.get(2, 2);
        // NB: at the singularities EMAN2 does not apply the general formula to the recovered angles
        // (which would give phi = 270): it puts the whole in-plane rotation into psi.
        if (r22 >= 1f) return new double[] {0, 0, reduce360(e[2])};
        if (r22 <= -1f) return new double[] {0, 180, reduce360(e[2] + 180)};
        return new double[] {reduce360(e[0] - 90), e[1], reduce360(e[2] + 90)};
    }

    /** An angle in degrees reduced to [0, 360). */
    static double reduce360(double a) {
        double r = a % 360.0;
        if (r < 0) r += 360.0;
        return r >= 360.0 ? 0.0 : r; // −1e-17 + 360 rounds to 360
    }
}
