package org.jspt.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The ROC AUC on cases counted by hand (the fraction of right/wrong pairs ordered correctly, ties one half). */
class StatisticsAucTest {
    @Test
    void countsOrderedPairs() {
        // positives 0.4, 0.8; negatives 0.2, 0.6: pairs (0.4>0.2) (0.4<0.6) (0.8>0.2) (0.8>0.6) → 3 of 4
        assertEquals(0.75, Statistics.auc(new double[] {0.2, 0.4, 0.6, 0.8}, new boolean[] {false, true, false, true}), 1e-12);
        assertEquals(1.0, Statistics.auc(new double[] {1, 2, 3}, new boolean[] {false, true, true}), 1e-12);
        assertEquals(0.0, Statistics.auc(new double[] {1, 2, 3}, new boolean[] {true, false, false}), 1e-12);
    }

    @Test
    void tiesCountOneHalf() {
        // positive 1.0; negatives 1.0 (tie: ½) and 0.5 (below: 1) → 0.75
        assertEquals(0.75, Statistics.auc(new double[] {1, 1, 0.5}, new boolean[] {true, false, false}), 1e-12);
        // stabilities of 5 runs: right ones 1, 1, 0.8, 0.6; wrong ones 0.6, 0.4
        // pairs: 1>0.6,1>0.4 (×2) = 4; 0.8 > both = 2; 0.6 = 0.6 (½), 0.6 > 0.4 (1) → 7.5 of 8
        assertEquals(7.5 / 8, Statistics.auc(new double[] {1, 0.6, 1, 0.8, 0.4, 0.6}, new boolean[] {true, false, true, true, false, true}), 1e-12);
    }

    @Test
    void noNegativesOrNoPositivesHasNoAuc() {
        assertTrue(Double.isNaN(Statistics.auc(new double[] {1, 2}, new boolean[] {true, true})));
        assertTrue(Double.isNaN(Statistics.auc(new double[] {1, 2}, new boolean[] {false, false})));
    }
}
