package org.jspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.jspt.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** simulate says, per class, when a model does not fit the box (its turned particles would wrap around the edges). */
class SimulateBoxFitTest {
    @TempDir Path dir;

    @Test
    void aModelLargerThanTheBoxIsWarnedAboutWithTheBoxItNeeds() {
        String lcd = Fixtures.pdb("1LCD.pdb").toString(), a8o = Fixtures.pdb("1A8O.pdb").toString();
        CliRun.Result small = CliTest.run("simulate", "--pdb", lcd, "--pdb", a8o, "--per-class", "1", "--box", "32", "--apix", "1",
                "--shift", "2", "--out", dir.resolve("small").toString());
        assertEquals(0, small.code(), small.err());
        assertTrue(small.err().contains("WARNING: 1LCD reaches 26.7 Å from its centre"), small.err());
        // 26.7 Å at 1 Å/px plus a 2 px shift needs 2·⌈28.7 + 1⌉ = 60 px
        assertTrue(small.err().contains("use --box 60 or more"), small.err());
        assertTrue(small.err().contains("WARNING: 1A8O"), "every class that does not fit: " + small.err());

        CliRun.Result fits = CliTest.run("simulate", "--pdb", lcd, "--per-class", "1", "--box", "32", "--apix", "3",
                "--out", dir.resolve("fits").toString());
        assertEquals(0, fits.code(), fits.err());
        assertFalse(fits.err().contains("WARNING"), fits.err());
    }
}
