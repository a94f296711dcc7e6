package org.jspt.align.tree;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pre-score table's rounding ({@link PreparedReference#fixedPoint}) is rint and clamp to short, as defined. */
class FixedPointTest {
    private static short reference(float v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.rint(v)));
    }

    @Test
    void roundsHalfToEvenAndClampsLikeRint() {
        float[] edges = {0f, -0f, 0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 0.49999997f, 32766.5f, 32767.4f, 32767.5f, 32768f,
                -32767.5f, -32768.5f, -32769f, 1e7f, -1e7f, 3e38f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        for (float v : edges) assertEquals(reference(v), PreparedReference.fixedPoint(v), "at " + v);
        Random r = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            float v = (float) (r.nextGaussian() * (i % 2 == 0 ? 3000 : 60000));
            if (i % 3 == 0) v = (float) Math.floor(v) + 0.5f;
            assertEquals(reference(v), PreparedReference.fixedPoint(v), "at " + v);
        }
    }
}
