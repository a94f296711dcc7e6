package org.jspt.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Progress of a long pass on the command line: on a terminal one line rewritten in place with the rate
 * and ETA; otherwise (logs, clusters) a plain line at most every 10 seconds and at the end of the pass,
 * e.g. {@code aligning (iteration 02) 120/400 (30%) 11.9/s, 0:10 ETA 0:24}. Nothing is printed in a pass's
 * first second except its end (no rate worth showing yet).
 *
 * <p>NB: kept instead of {@code me.tongfei:progressbar} (DESIGN.md), measured with 0.10.1: when the output
 * is not a terminal it still rewrites one line with {@code \r} at every refresh (a log file gets one
 * ever-growing line), it writes to stderr from its own refresh thread, and it brings jline-terminal and
 * jline-native (450 KB) for width detection we do not need. Thread-safe.
 */
final class Progress {
    private final PrintWriter out;
    private final boolean terminal;
    private final LongSupplier clock;
    private String what;
    private int total;
    private long start;
    private long lastPrint = 0;
    private long nextStart = -1;
    /** The current pass has reported its last item (or there is none yet). */
    private boolean finished = true;

    Progress(PrintWriter out, String what, int total) {
        this(out, what, total, System.console() != null, System::nanoTime);
    }

    /** @param terminal rewrite one line in place; @param clock nanoseconds (tests pass their own) */
    Progress(PrintWriter out, String what, int total, boolean terminal, LongSupplier clock) {
        this.out = out;
        this.what = what;
        this.total = total;
        this.terminal = terminal;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /**
     * Progress of a pass that may change name and size between calls. A new pass restarts the clock: one with
     * another name or size, or the first report after {@link #passStarting} once the last pass has finished
     * (bt's reference-building passes have one name and one size each, and were timed from the first one's start;
     * an iteration's alignment blocks are one pass, so a block does not restart it).
     */
    synchronized void update(String what, int done, int total) {
        if (!what.equals(this.what) || total != this.total || nextStart >= 0 && finished) {
            if (terminal && this.total > 0) out.println();
            this.what = what;
            this.total = total;
            this.lastPrint = 0;
            this.start = nextStart >= 0 ? nextStart : clock.getAsLong();
            this.nextStart = -1;
            this.finished = false;
        }
        update(done);
    }

    /**
     * Marks now as the start of the next pass (the next {@link #update(String, int, int)} with a new name or
     * size): otherwise a pass starts at its first report, which leaves its first item out of the rate.
     */
    synchronized void passStarting() {
        if (finished) nextStart = clock.getAsLong(); // else: a block of the pass under way
    }

    synchronized void update(int done) {
        if (done >= total) finished = true; // threads may report out of order: once true, true for this pass
        long now = clock.getAsLong();
        if (done < total && now - start < 1_000_000_000L) return; // no rate or ETA worth showing yet
        if (done < total && now - lastPrint < (terminal ? 200_000_000L : 10_000_000_000L)) return;
        lastPrint = now;
        double sec = (now - start) * 1e-9, rate = done / Math.max(sec, 1e-9);
        String eta = done > 0 && done < total ? String.format(" ETA %s", hms((total - done) / rate)) : "";
        String line = String.format(java.util.Locale.ROOT, "%s %d/%d (%.0f%%) %.1f/s, %s%s", what, done, total, 100.0 * done / Math.max(total, 1), rate, hms(sec), eta);
        if (terminal) out.print("\r" + line + "   ");
        else out.println(line);
        out.flush();
    }

    synchronized void done() {
        if (terminal) {
            out.println();
            out.flush();
        }
    }

    private static String hms(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format("%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String.format("%d:%02d", t / 60, t % 60);
    }
}
