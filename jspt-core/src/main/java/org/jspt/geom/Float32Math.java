package org.jspt.geom;

/**
 * Single-precision math that reproduces, bit for bit, the C library functions EMAN2 calls on float32 values.
 *
 * <p>Why: EMAN2's {@code get_rotation("eman")} calls {@code atan2} with float arguments, which in C++ is
 * glibc's {@code atan2f}. That function is not correctly rounded, so {@code (float) Math.atan2(y, x)} differs
 * from it by one ulp for some inputs (e.g. fixture image 1 of {@code stack.hdf}: az = 15.000000417413029 in
 * EMAN2 vs 14.999998709865736 from the rounded double). The algorithm below is the classic one of Sun's fdlibm
 * ({@code e_atan2f.c}, {@code s_atanf.c}, as carried in glibc's {@code sysdeps/ieee754/flt-32}): argument
 * reduction to |x| ≤ 7/16 around four break points, then an odd polynomial, all in float arithmetic. Java
 * float arithmetic is IEEE single precision with round-to-nearest and no fused multiply-add, which is what
 * that C code does on x86-64, so every intermediate rounding is the same. Verified against all EMAN2 angles
 * in {@code fixtures/eman2/expected.json} and the reference's (180, 30, 180) example.
 *
 * <p>Stateless and thread-safe.
 */
public final class Float32Math {
    private Float32Math() {}

    // atan of the break points 0.5, 1, 1.5, +inf, split into a float head and a float tail
    private static final float[] ATAN_HI = {4.6364760399e-01f, 7.8539812565e-01f, 9.8279368877e-01f, 1.5707962513e+00f};
    private static final float[] ATAN_LO = {5.0121582440e-09f, 3.7748947079e-08f, 3.4473217170e-08f, 7.5497894159e-08f};
    // odd polynomial coefficients for atan on [−7/16, 7/16]
    private static final float T0 = 3.3333334327e-01f, T1 = -2.0000000298e-01f, T2 = 1.4285714924e-01f,
            T3 = -1.1111110449e-01f, T4 = 9.0908870101e-02f, T5 = -7.6918758452e-02f, T6 = 6.6610731184e-02f,
            T7 = -5.8335702866e-02f, T8 = 4.9768779427e-02f, T9 = -3.6531571299e-02f, T10 = 1.6285819933e-02f;
    private static final float PI = 3.1415927410e+00f, PI_LO = -8.7422776573e-08f, PI_HALF = 1.5707963705e+00f;

    /** glibc's {@code atanf(x)}, radians. */
    public static float atan(float x) {
        int hx = Float.floatToRawIntBits(x), ix = hx & 0x7fffffff;
        if (ix > 0x7f800000) return x + x; // NaN
        if (ix >= 0x4c000000) return hx > 0 ? ATAN_HI[3] + ATAN_LO[3] : -ATAN_HI[3] - ATAN_LO[3]; // |x| ≥ 2^25
        int id;
        if (ix < 0x3ee00000) { // |x| < 7/16
            if (ix < 0x31000000) return x; // |x| < 2^-29: atan(x) = x in float
            id = -1;
        } else {
            x = Math.abs(x);
            if (ix < 0x3f980000) { // |x| < 19/16
                if (ix < 0x3f300000) { id = 0; x = (2.0f * x - 1.0f) / (2.0f + x); }
                else { id = 1; x = (x - 1.0f) / (x + 1.0f); }
            } else if (ix < 0x401c0000) { // |x| < 39/16
                id = 2; x = (x - 1.5f) / (1.0f + 1.5f * x);
            } else {
                id = 3; x = -1.0f / x;
            }
        }
        float z = x * x, w = z * z;
        float s1 = z * (T0 + w * (T2 + w * (T4 + w * (T6 + w * (T8 + w * T10)))));
        float s2 = w * (T1 + w * (T3 + w * (T5 + w * (T7 + w * T9))));
        if (id < 0) return x - x * (s1 + s2);
        z = ATAN_HI[id] - ((x * (s1 + s2) - ATAN_LO[id]) - x);
        return hx < 0 ? -z : z;
    }

    /** glibc's {@code atan2f(y, x)}, radians in [−π, π] (float π = 3.1415927). */
    public static float atan2(float y, float x) {
        int hx = Float.floatToRawIntBits(x), ix = hx & 0x7fffffff;
        int hy = Float.floatToRawIntBits(y), iy = hy & 0x7fffffff;
        if (ix > 0x7f800000 || iy > 0x7f800000) return x + y; // NaN
        if (x == 1.0f) return atan(y);
        int m = ((hy >>> 31) & 1) | ((hx >>> 30) & 2); // 2·sign(x) + sign(y)
        if (iy == 0) { // y = ±0
            switch (m) {
                case 0: case 1: return y;
                case 2: return PI;
                default: return -PI;
            }
        }
        if (ix == 0) return hy < 0 ? -PI_HALF : PI_HALF;
        if (ix == 0x7f800000) { // x = ±inf
            if (iy == 0x7f800000) {
                switch (m) {
                    case 0: return 0.25f * PI;
                    case 1: return -0.25f * PI;
                    case 2: return 0.75f * PI;
                    default: return -0.75f * PI;
                }
            }
            switch (m) {
                case 0: return 0.0f;
                case 1: return -0.0f;
                case 2: return PI;
                default: return -PI;
            }
        }
        if (iy == 0x7f800000) return hy < 0 ? -PI_HALF : PI_HALF;
        int k = (iy - ix) >> 23; // difference of binary exponents
        float z;
        if (k > 26) { // |y/x| > 2^26
            z = PI_HALF + 0.5f * PI_LO;
            m &= 1;
        } else if (hx < 0 && k < -26) { // |y|/x < -2^-26, x < 0
            z = 0.0f;
        } else {
            z = atan(Math.abs(y / x));
        }
        switch (m) {
            case 0: return z;
            case 1: return -z;
            case 2: return PI - (z - PI_LO);
            default: return (z - PI_LO) - PI;
        }
    }
}
