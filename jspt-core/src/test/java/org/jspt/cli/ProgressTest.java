package org.jspt.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.jspt.exec.ParticleReduction;
import org.jspt.exec.SerializingExecutor;
import org.jspt.exec.ThreadExecutor;
import org.junit.jupiter.api.Test;

/** Progress lines when the output is not a terminal (logs, batch jobs), on a clock the test moves. */
class ProgressTest {
    private long now = 0;

    private Progress plain(StringWriter sw, String what, int total) {
        return new Progress(new PrintWriter(sw), what, total, false, () -> now);
    }

    private static final long S = 1_000_000_000L;

    @Test
    void plainLinesAtMostEveryTenSecondsWithRateAndEta() {
        StringWriter sw = new StringWriter();
        Progress p = plain(sw, "aligning (iteration 02)", 400);
        now = S / 2;
        p.update(10); // first second: nothing yet
        now = 10 * S;
        p.update(120);
        now = 15 * S;
        p.update(200); // 5 s after the last line: nothing
        now = 20 * S;
        p.update(300);
        now = 25 * S;
        p.update(400); // the end is always shown
        p.done();
        assertEquals(List.of(
                "aligning (iteration 02) 120/400 (30%) 12.0/s, 0:10 ETA 0:23",
                "aligning (iteration 02) 300/400 (75%) 15.0/s, 0:20 ETA 0:07",
                "aligning (iteration 02) 400/400 (100%) 16.0/s, 0:25"), sw.toString().lines().toList());
        assertFalse(sw.toString().contains("\r"), "no carriage returns outside a terminal");
    }

    @Test
    void aNewPassRestartsTheClockAndAShortPassShowsOnlyItsEnd() {
        StringWriter sw = new StringWriter();
        Progress p = plain(sw, "", 0);
        p.update("building references", 1, 2);
        now = S / 4;
        p.update("building references", 2, 2);
        now = S / 2;
        p.update("averaging (iteration 01)", 30, 60);
        now = 2 * S;
        p.update("averaging (iteration 01)", 60, 60);
        assertEquals(List.of("building references 2/2 (100%) 8.0/s, 0:00", "averaging (iteration 01) 60/60 (100%) 40.0/s, 0:02"),
                sw.toString().lines().toList());
    }

    @Test
    void passesOfOneNameAndSizeAreTimedEachFromItsOwnStart() {
        StringWriter sw = new StringWriter();
        Progress p = plain(sw, "", 0);
        for (int r = 0; r < 3; r++) { // bt: one pass of 32 pair alignments per reference, 4 s each
            now = 4 * r * S;
            p.passStarting();
            now = (4 * r + 4) * S;
            p.update("building references", 32, 32);
        }
        assertEquals(List.of("building references 32/32 (100%) 8.0/s, 0:04"), sw.toString().lines().distinct().toList(), sw.toString());
    }

    @Test
    void blocksOfOnePassDoNotRestartItsClock() {
        StringWriter sw = new StringWriter();
        Progress p = plain(sw, "", 0);
        p.passStarting();
        for (int b = 0; b < 4; b++) { // an iteration's alignment, saved in blocks of 100 particles, 10 s each
            if (b > 0) p.passStarting();
            now = 10L * (b + 1) * S;
            p.update("aligning (iteration 01)", 100 * (b + 1), 400);
        }
        assertEquals("aligning (iteration 01) 400/400 (100%) 10.0/s, 0:40", sw.toString().lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void aPassMarkedAsStartingCountsItsFirstItemInTheRate() {
        StringWriter sw = new StringWriter();
        Progress p = plain(sw, "", 0);
        now = 10 * S;
        p.passStarting();
        now = 12 * S;
        p.update("averaging (iteration 01)", 1, 1);
        assertEquals("averaging (iteration 01) 1/1 (100%) 0.5/s, 0:02", sw.toString().strip());
    }

    /** 0 + 1 + … + (n − 1), as a distributable reduction. */
    static final class Sum implements ParticleReduction<Integer> {
        @Override public Integer identity() { return 0; }
        @Override public Integer add(Integer acc, int i) { return acc + i; }
        @Override public Integer merge(Integer a, Integer b) { return a + b; }
    }

    @Test
    void distributablePassesStillTravelThroughTheWrappedExecutor() {
        StringWriter sw = new StringWriter();
        try (SerializingExecutor inner = new SerializingExecutor(2, 1); ProgressExecutor ex = new ProgressExecutor(inner, plain(sw, "", 0))) {
            assertEquals(45, ex.reduceParticles(10, new Sum()));
            assertEquals(List.of(0, 2, 4), ex.mapParticles(3, i -> 2 * i, null));
            assertEquals(2, inner.distributedPasses, "both passes were serialised, as for a cluster");
        }
        // The copies that travelled carry no progress counter; the map's listener reports on this side.
        assertEquals(List.of("working 3/3 (100%)"), sw.toString().lines().map(l -> l.replaceFirst(" [0-9.]+/s, 0:00$", "")).toList());
    }

    @Test
    void passesAreShownUnderTheRunsPhaseButSelfReportedOnesNotTwice() {
        StringWriter sw = new StringWriter();
        Progress bar = plain(sw, "", 0);
        try (ProgressExecutor ex = new ProgressExecutor(new ThreadExecutor(2), bar)) {
            var sink = ex.sink();
            sink.phase("building references");
            ex.map(4, i -> i);
            int[] done = {0};
            ex.map(3, i -> {
                synchronized (done) {
                    sink.update("aligning (iteration 01)", ++done[0], 3);
                }
                return i;
            });
            sink.phase("averaging (iteration 01)");
            int sum = ex.reduceParticles(5, new Sum());
            assertEquals(10, sum, "results are the wrapped executor's");
        }
        assertEquals(List.of("building references 4/4 (100%)", "aligning (iteration 01) 3/3 (100%)", "averaging (iteration 01) 5/5 (100%)"),
                sw.toString().lines().map(l -> l.replaceFirst(" [0-9.]+/s, 0:00$", "")).toList());
    }
}
