package org.jspt.refine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassSplitterTest {
    /** n members, the first `rare` of them carry +d along a hidden direction, all with white noise of σ = 1. */
    private static float[][] twoGroups(int n, int rare, int dim, double d, long seed) {
        Random r = new Random(seed);
        float[] dir = new float[dim];
        double norm = 0;
        for (int k = 0; k < dim; k++) {
            dir[k] = (float) r.nextGaussian();
            norm += dir[k] * dir[k];
        }
        float[][] f = new float[n][dim];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dim; k++) {
                f[i][k] = (float) (r.nextGaussian() + (i < rare ? d * dir[k] / Math.sqrt(norm) : 0));
            }
        }
        return f;
    }

    @Test
    void aRareGroupBecomesTheSmallSide() {
        // 10 of 100 differ by 12σ along one direction of 400: the noise's largest direction carries about
        // (1 + sqrt(400/100))² = 9 units of variance, the difference 12²·0.1·0.9 ≈ 13.
        float[][] f = twoGroups(100, 10, 400, 12, 5);
        ClassSplitter.Split s = ClassSplitter.split(f, 3);
        for (int i = 0; i < 100; i++) assertEquals(i < 10 ? 1 : 0, s.side()[i], "member " + i);
        assertEquals(10, s.count(1));
        assertTrue(s.explained() > 0 && s.explained() < 1);
    }

    @Test
    void equalGroupsSplitInHalves() {
        float[][] f = twoGroups(60, 30, 200, 10, 8);
        ClassSplitter.Split s = ClassSplitter.split(f, 3);
        int side0 = s.side()[0];
        for (int i = 0; i < 60; i++) assertEquals(i < 30 ? side0 : 1 - side0, s.side()[i], "member " + i);
    }

    @Test
    void oneOutlierIsNotAClass() {
        float[][] f = twoGroups(50, 1, 100, 40, 3);
        ClassSplitter.Split s = ClassSplitter.split(f, 3);
        assertTrue(s.count(1) >= 3, "both sides have at least minSize members");
        assertNull(ClassSplitter.split(twoGroups(5, 2, 10, 5, 1), 3), "too few members to split");
    }

    @Test
    void twoMeansFindsTheGapOfSortedCoordinates() {
        ClassSplitter.Split s = ClassSplitter.twoMeans(new double[] {0.1, 5.2, 0.0, 5.0, -0.1, 0.2, 4.9}, 1, 0.5);
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 0, 1}, s.side());
        // between-group sum of squares: 4·3/7·(0.05 − 5.0333)²
        assertEquals(4 * 3 / 7.0 * Math.pow(0.05 - 15.1 / 3, 2), s.gain(), 1e-9);
    }

    @Test
    void firstEigenvectorOfADiagonalMatrix() {
        double[] v = ClassSplitter.firstEigenvector(new double[][] {{1, 0, 0}, {0, 3, 0}, {0, 0, 2}});
        assertEquals(0, v[0], 1e-6);
        assertEquals(1, v[1], 1e-6);
        assertEquals(0, v[2], 1e-6);
    }

    @Test
    void theRecommendedKCountsTheSupportedSplitsBeforeTheFirstUnsupportedOne() {
        String yes = "1 0 40 40 22 18 1 0.1 0.8 0.7 yes", no = "3 0 20 20 10 10 1 0.1 0.8 0.1 no";
        assertTrue(ClassSplitting.verdict(java.util.List.of(yes, yes, no, yes, no), 6).contains("support K = 3 (split 3 is the first"));
        assertTrue(ClassSplitting.verdict(java.util.List.of(yes, yes, yes), 4).contains("all 3 splits are supported"));
        assertTrue(ClassSplitting.verdict(java.util.List.of(no), 2).contains("support K = 1"));
        assertTrue(ClassSplitting.verdict(java.util.List.of(yes), 4).contains("no class could be split further"));
    }

    @Test
    void standardisingGivesEveryVaryingCoefficientUnitSpread() {
        float[][] s = ClassSplitter.standardised(new float[][] {{1, 5, 2}, {3, 5, 2}, {5, 5, -2}});
        double m = (s[0][0] + s[1][0] + s[2][0]) / 3, v = 0;
        for (float[] row : s) v += (row[0] - m) * (row[0] - m);
        assertEquals(1, v / 3, 1e-6);
        assertEquals(0, s[1][1], 0, "a constant coefficient carries nothing");
    }
}
