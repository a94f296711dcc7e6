package org.jspt.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench align}'s on/off option for the weighted rows parses as its help says. */
class BenchAlignOptionsTest {
    private static boolean weighted(String... args) {
        BenchCommand.Align a = new BenchCommand.Align();
        new CommandLine(a).parseArgs(args);
        return a.weighted;
    }

    @Test
    void weightedRowsAreOnByDefaultAndNoWeightedTurnsThemOff() {
        assertTrue(weighted());
        assertFalse(weighted("--no-weighted"));
        assertTrue(weighted("--weighted"));
        assertFalse(weighted("--weighted=false"), "--weighted=false");
    }
}
