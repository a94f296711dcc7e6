package org.jspt.align;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class HelpTopicsTest {
    @Test
    void averagerAndSymmetryListings() {
        String a = HelpTopics.describe("averagers", 1);
        assertTrue(a.contains("mean.tomo : "));
        assertTrue(a.contains("thresh_sigma(float) [default 0.5]"));
        assertTrue(HelpTopics.describe("averagers", 0).lines().toList().containsAll(java.util.List.of("mean", "mean.tomo", "median")));
        String s = HelpTopics.describe("syms", 1);
        for (String n : new String[] {"c<n>", "d<n>", "tet", "oct", "icos", "h<nsym>"}) assertTrue(s.contains(n), n);
    }
}
