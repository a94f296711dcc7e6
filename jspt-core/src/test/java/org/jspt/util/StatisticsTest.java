package org.jspt.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatisticsTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2, Statistics.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Statistics.median(new double[] {4, 1, 3, 2}));
    }

    @Test
    void medianOfNothingIsNaNAndLeavesItsInputAlone() {
        assertEquals(Double.NaN, Statistics.median(new double[0]));
        double[] v = {3, 1, 2};
        Statistics.median(v);
        assertArrayEquals(new double[] {3, 1, 2}, v);
    }
}
