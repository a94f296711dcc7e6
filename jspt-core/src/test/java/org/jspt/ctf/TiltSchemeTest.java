package org.jspt.ctf;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspt.io.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TiltSchemeTest {
    @TempDir Path tmp;

    private static double[] first(TiltScheme s, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = s.tilts().get(i).angle();
        return a;
    }

    private static TiltScheme.Tilt at(TiltScheme s, double angle) {
        return s.tilts().stream().filter(t -> Math.abs(t.angle() - angle) < 1e-9).findFirst().orElseThrow();
    }

    @Test
    void doseSymmetricIsHagensOrderAndAccumulatesDose() {
        TiltScheme s = TiltScheme.parse("-60:60:3", TiltOrder.DOSE_SYMMETRIC, 3.0);
        assertEquals(41, s.size());
        assertArrayEquals(new double[] {0, 3, -3, -6, 6, 9, -9, -12, 12, 15, -15}, first(s, 11), 1e-12);
        assertEquals(-60, s.tilts().get(39).angle(), 1e-12);
        assertEquals(60, s.tilts().get(40).angle(), 1e-12);
        assertEquals(123, s.totalDose(), 1e-9);
        assertEquals(0, at(s, 0).preExposure(), 1e-12);
        assertEquals(3, at(s, 3).preExposure(), 1e-12);
        assertEquals(6, at(s, -3).preExposure(), 1e-12);
        assertEquals(117, at(s, -60).preExposure(), 1e-12);
        assertEquals(120, at(s, 60).preExposure(), 1e-12);
        // The dose is symmetric: ±a are recorded within two tilts of each other.
        for (int k = 1; k <= 20; k++) assertTrue(Math.abs(at(s, 3 * k).preExposure() - at(s, -3 * k).preExposure()) <= 6 + 1e-9, "±" + 3 * k);
    }

    @Test
    void asymmetricRangesStopAtTheLastStepInside() {
        TiltScheme s = TiltScheme.parse("-54:62:3", TiltOrder.DOSE_SYMMETRIC, 2.5);
        assertEquals(-54, s.minAngle(), 1e-12);
        assertEquals(60, s.maxAngle(), 1e-12, "62 is not a multiple of 3 from 0");
        assertEquals(39, s.size());
        assertEquals(60, s.tilts().get(38).angle(), 1e-12, "the longer side finishes alone");
        TiltScheme shifted = TiltScheme.parse("-54:62:3:2", TiltOrder.DOSE_SYMMETRIC, 2.5);
        assertEquals(2, shifted.tilts().get(0).angle(), 1e-12);
        assertEquals(62, shifted.maxAngle(), 1e-12);
        assertEquals(-52, shifted.minAngle(), 1e-12);
    }

    @Test
    void sequentialAndBidirectionalOrders() {
        TiltScheme seq = TiltScheme.parse("-9:9:3", TiltOrder.SEQUENTIAL, 1);
        assertArrayEquals(new double[] {-9, -6, -3, 0, 3, 6, 9}, seq.angles(), 1e-12);
        assertEquals(6, at(seq, 9).preExposure(), 1e-12);
        TiltScheme bi = TiltScheme.parse("-9:9:3", TiltOrder.BIDIRECTIONAL, 1);
        assertArrayEquals(new double[] {0, -3, -6, -9, 3, 6, 9}, bi.angles(), 1e-12);
        assertEquals(TiltOrder.SEQUENTIAL, TiltOrder.parse("Sequential"));
        assertThrows(IllegalArgumentException.class, () -> TiltOrder.parse("random"));
    }

    @Test
    void fileRoundTripsAndBadFilesNameTheLine() throws Exception {
        TiltScheme s = TiltScheme.parse("-60:60:3", TiltOrder.DOSE_SYMMETRIC, 2.7);
        Path f = tmp.resolve("t.tilts");
        s.write(f);
        TiltScheme r = TiltScheme.read(f);
        assertEquals(s.size(), r.size());
        for (int i = 0; i < s.size(); i++) {
            assertEquals(s.tilts().get(i).angle(), r.tilts().get(i).angle(), 1e-4);
            assertEquals(s.tilts().get(i).preExposure(), r.tilts().get(i).preExposure(), 1e-3);
        }
        Files.writeString(tmp.resolve("hand.txt"), "# my scheme\n0 3.5\n 2 3.5  # comment\n\n-2 4\n");
        TiltScheme h = TiltScheme.read(tmp.resolve("hand.txt"));
        assertArrayEquals(new double[] {0, 2, -2}, h.angles(), 0);
        assertEquals(7, h.tilts().get(2).preExposure(), 1e-12);
        Files.writeString(tmp.resolve("bad.txt"), "0 3\n3\n");
        FormatException e = assertThrows(FormatException.class, () -> TiltScheme.read(tmp.resolve("bad.txt")));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        Files.writeString(tmp.resolve("dup.txt"), "0 3\n0 3\n");
        assertThrows(FormatException.class, () -> TiltScheme.read(tmp.resolve("dup.txt")));
    }

    @Test
    void badCompactSchemesAreRejected() {
        for (String bad : List.of("-60:60", "-60:60:0", "60:-60:3", "-95:60:3", "a:b:c", "-60:60:3:70")) {
            assertThrows(IllegalArgumentException.class, () -> TiltScheme.parse(bad, TiltOrder.DOSE_SYMMETRIC, 3), bad);
        }
    }
}
