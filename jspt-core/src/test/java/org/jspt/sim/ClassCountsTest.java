package org.jspt.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** simulate --per-class: counts as before, fractions of --particles rounded by largest remainder. */
class ClassCountsTest {
    @Test
    void countsStayCounts() {
        assertEquals(List.of(40), ClassCounts.parse(List.of("40"), null, 4));
        assertEquals(List.of(140, 40, 20), ClassCounts.parse(List.of("140", "40", "20"), null, 3));
    }

    @Test
    void fractionsOfTheTotalAddUpExactly() {
        assertEquals(List.of(70, 20, 10), ClassCounts.parse(List.of("0.7", "0.2", "0.1"), 100, 3));
        // 0.5/0.3/0.2 of 11 = 5.5, 3.3, 2.2 → floors 5, 3, 2 (10), the one left goes to the largest remainder (class 0)
        assertEquals(List.of(6, 3, 2), ClassCounts.parse(List.of("0.5", "0.3", "0.2"), 11, 3));
        // about thirds of 10: floors 3, 3, 3; the one left goes to the largest remainder, class 2's .334
        assertEquals(List.of(3, 3, 4), ClassCounts.parse(List.of("0.3333", "0.3333", "0.3334"), 10, 3));
        // exact thirds: equal remainders → the lower class
        assertEquals(List.of(4, 3, 3), ClassCounts.largestRemainder(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, 10));
    }

    @Test
    void badCombinationsAreOneLine() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClassCounts.parse(List.of("0.7", "0.3"), null, 2))
                .getMessage().contains("--particles"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClassCounts.parse(List.of("0.7", "0.2"), 100, 2))
                .getMessage().contains("add up to"));
        assertThrows(IllegalArgumentException.class, () -> ClassCounts.parse(List.of("0.5", "0.5"), 100, 3));
        assertThrows(IllegalArgumentException.class, () -> ClassCounts.parse(List.of("10", "20"), 30, 2));
        assertThrows(IllegalArgumentException.class, () -> ClassCounts.parse(List.of("0.99", "0.01"), 10, 2)); // class 1 gets none
        assertThrows(IllegalArgumentException.class, () -> ClassCounts.parse(List.of("10", "20"), null, 3));
    }
}
