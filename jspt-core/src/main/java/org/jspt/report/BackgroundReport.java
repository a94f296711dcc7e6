package org.jspt.report;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Rewrites a run's report ({@link RunReport}) on a thread of its own, so the next iteration's alignment does not wait
 * for the report's pictures: drawn between iterations, they kept every worker idle for about half a second each time
 * (docs/performance.md, "Between the passes"). One writer at a time, as {@link RunReport} requires: a request made
 * while a page is being written makes one more write when it ends, from the files as they are then. A page written
 * while the next iteration writes its files shows what was complete when each section read them (the files are
 * replaced whole, never half-written), and the next write follows anyway.
 */
public final class BackgroundReport implements AutoCloseable {
    /** Writes the page once; never throws ({@link RunReport#writeOrWarn}). */
    private final Runnable write;
    /** A write is running or queued (guarded by this). */
    private boolean busy;
    /** Another write was asked for while one ran (guarded by this). */
    private boolean again;
    /** No more background writes start (guarded by this). */
    private boolean closed;

    /** @param warn where a failed write says so in one line ({@link RunReport#writeOrWarn}) */
    public BackgroundReport(Path runDir, PrintWriter warn) { this(() -> RunReport.writeOrWarn(runDir, warn)); }

    /** @param write writes the page once (tests count and hold the writes) */
    BackgroundReport(Runnable write) { this.write = write; }

    /** Asks for the page to be rewritten from the folder's files; returns at once. */
    public synchronized void request() {
        if (closed) return;
        if (busy) {
            again = true;
            return;
        }
        busy = true;
        Thread t = new Thread(this::writeUntilCurrent, "jspt-report");
        t.setDaemon(true);
        t.start();
    }

    private void writeUntilCurrent() {
        try {
            while (true) {
                write.run();
                synchronized (this) {
                    if (!again || closed) return;
                    again = false;
                }
            }
        } finally {
            synchronized (this) {
                busy = false;
                notifyAll();
            }
        }
    }

    /** Waits for the write in progress, if any (no queued one starts after it). */
    private synchronized void awaitIdle() {
        closed = true;
        boolean interrupted = false;
        while (busy) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Waits for the background write, then writes the page once more on this thread: the run's final page. */
    public void finish() {
        awaitIdle();
        write.run();
    }

    /** Waits for the write in progress, so no report thread outlives the run; starts none. */
    @Override
    public void close() { awaitIdle(); }
}
