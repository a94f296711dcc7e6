package org.jspt.cli;

import java.io.PrintWriter;

/**
 * Progress of a long pass on the command line: on a terminal one line rewritten in place with the rate
 * and ETA; otherwise (logs, clusters) a plain line at most every 10 seconds and at the end.
 */
final class Progress {
    private final PrintWriter out;
    private String what;
    private int total;
    private long start = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private long lastPrint = 0;

    Progress(PrintWriter out, String what, int total) {
        this.out = out;
        this.what = what;
        this.total = total;
    }

    /** Progress of a pass that may change name and size between calls (a new pass restarts the clock). */
    synchronized void update(String what, int done, int total) {
        if (!what.equals(this.what) || total != this.total) {
            if (terminal && this.total > 0) out.println();
            this.what = what;
            this.total = total;
            this.lastPrint = 0;
            this.start = System.nanoTime();
        }
        update(done);
    }

    synchronized void update(int done) {
        long now = System.nanoTime();
        if (done < total && now - start < 1_000_000_000L) return; // no rate or ETA worth showing yet
        if (done < total && now - lastPrint < (terminal ? 200_000_000L : 10_000_000_000L)) return;
        lastPrint = now;
        double sec = (now - start) * 1e-9, rate = done / Math.max(sec, 1e-9);
        String eta = done > 0 && done < total ? String.format(" ETA %s", clock((total - done) / rate)) : "";
        String line = String.format(java.util.Locale.ROOT, "%s %d/%d (%.0f%%) %.1f/s, %s%s", what, done, total, 100.0 * done / Math.max(total, 1), rate, clock(sec), eta);
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

    private static String clock(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format("%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String.format("%d:%02d", t / 60, t % 60);
    }
}
