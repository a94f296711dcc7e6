package org.jspt.geom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** glibc-compatible atan2f: within an ulp of the correctly rounded value, with the C special cases. */
class Float32MathTest {
    @Test
    void withinOneUlpOfTheCorrectlyRoundedValue() {
        Random rnd = new Random(345);
        for (int i = 0; i < 200_000; i++) {
            float y = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4));
            float x = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(9) - 4));
            float want = (float) Math.atan2(y, x), got = Float32Math.atan2(y, x);
            assertTrue(Math.abs(want - got) <= Math.ulp(want), "atan2(" + y + ", " + x + ") = " + got + ", want " + want);
        }
    }

    @Test
    void differsFromRoundedDoubleWhereEman2Does() {
        // fixture stack.hdf image 1: EMAN2 reports az = 15.000000417413029 (one float ulp above the rounded double)
        float r20 = 0.09275244921445847f, r21 = -0.34615686535835266f;
        assertEquals(15.000000417413029, Float32Math.atan2(r20, -r21) * (180.0 / Math.PI), 0);
    }

    @Test
    void specialCases() {
        assertEquals((float) Math.PI, Float32Math.atan2(0f, -1f));
        assertEquals(-(float) Math.PI, Float32Math.atan2(-0f, -1f));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Float32Math.atan2(-0f, 1f)));
        assertEquals((float) (Math.PI / 2), Float32Math.atan2(1f, 0f));
        assertEquals((float) (Math.PI / 4), Float32Math.atan2(1f, 1f));
        assertEquals(0.75f * (float) Math.PI, Float32Math.atan2(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(Float32Math.atan2(Float.NaN, 1f)));
        assertEquals(1e-30f, Float32Math.atan(1e-30f));
    }
}
