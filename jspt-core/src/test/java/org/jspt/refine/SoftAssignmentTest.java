package org.jspt.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jspt.align.AlignResult;
import org.jspt.geom.Transform;
import org.jspt.run.Assignment;
import org.junit.jupiter.api.Test;

class SoftAssignmentTest {
    private static Assignment scores(double[][] s, boolean[] active) {
        AlignResult[][] r = new AlignResult[s.length][];
        for (int p = 0; p < s.length; p++) {
            r[p] = new AlignResult[s[p].length];
            for (int c = 0; c < s[p].length; c++) r[p][c] = Double.isNaN(s[p][c]) ? null : new AlignResult(Transform.identity(), s[p][c]);
        }
        return Assignment.classify(r, active);
    }

    @Test
    void temperatureFallsLinearlyOverTheFirstHalfThenIsHard() {
        assertEquals(2.0, SoftAssignment.temperature(2, 0, 6), 1e-12);
        assertEquals(2.0 * 2 / 3, SoftAssignment.temperature(2, 1, 6), 1e-12);
        assertEquals(2.0 / 3, SoftAssignment.temperature(2, 2, 6), 1e-12);
        assertEquals(0.0, SoftAssignment.temperature(2, 3, 6), 0);
        assertEquals(0.0, SoftAssignment.temperature(2, 5, 6), 0);
        assertEquals(2.0, SoftAssignment.temperature(2, 0, 3), 0);
        assertEquals(0.0, SoftAssignment.temperature(2, 1, 3), 0);
        assertEquals(0.0, SoftAssignment.temperature(2, 0, 1), 0, "a single iteration is hard");
        assertEquals(0.0, SoftAssignment.temperature(0, 0, 6), 0, "T0 = 0 is EMAN2's hard classes");
    }

    @Test
    void weightsFollowTheScoreGapInUnitsOfTheMedianGap() {
        boolean[] all = {true, true, true};
        // Gaps best → second: 0.1, 0.2, 0.3: median 0.2.
        Assignment a = scores(new double[][] {{-0.9, -0.8, -0.5}, {-0.4, -0.6, -0.2}, {-0.1, 0.6, -0.4}}, all);
        assertEquals(0.2, SoftAssignment.medianGap(a, all), 1e-12);
        double[][] w = SoftAssignment.weights(a, all, 3, 1.0);
        assertArrayEquals(new double[] {1, Math.exp(-0.5), Math.exp(-2)}, w[0], 1e-12);
        assertArrayEquals(new double[] {Math.exp(-1), 1, Math.exp(-2)}, w[1], 1e-12);
        assertArrayEquals(new double[] {Math.exp(-1.5), 0, 1}, w[2], 1e-12, "exp(-5) is below MIN_WEIGHT: left out");
    }

    @Test
    void inactiveOrMissingClassesGetNothingAndZeroTemperatureIsHard() {
        boolean[] active = {true, false, true};
        Assignment a = scores(new double[][] {{-0.9, -0.95, -0.8}, {-0.5, Double.NaN, -0.7}}, active);
        double[][] w = SoftAssignment.weights(a, active, 3, 1.0);
        assertEquals(0, w[0][1], 0, "inactive class");
        assertEquals(0, w[1][1], 0, "no result");
        assertEquals(1, w[0][0], 0);
        assertNull(SoftAssignment.weights(a, active, 3, 0), "T = 0: hard");
    }
}
