package org.jspt.report;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundReportTest {
    /** Counts the writes and the threads they ran on; the first write waits for {@link #release}. */
    private static final class Writes implements Runnable {
        final List<String> threads = new CopyOnWriteArrayList<>();
        final CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);

        @Override
        public void run() {
            threads.add(Thread.currentThread().getName());
            started.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void requestsDuringAWriteMakeOneMoreWriteAndTheFinalPageIsWrittenByTheCaller() throws InterruptedException {
        Writes w = new Writes();
        try (BackgroundReport r = new BackgroundReport(w)) {
            r.request();
            assertTrue(w.started.await(30, TimeUnit.SECONDS));
            r.request();
            r.request();
            r.request();
            w.release.countDown();
            long until = System.nanoTime() + 30_000_000_000L;
            while (w.threads.size() < 2 && System.nanoTime() < until) Thread.sleep(10);
            r.finish();
            // The first write, one for the three requests made during it, and the final page on this thread.
            assertEquals(List.of("jspt-report", "jspt-report", Thread.currentThread().getName()), w.threads);
        }
    }

    @Test
    void closeWaitsForTheWriteInProgressAndNothingStartsAfterIt() throws Exception {
        Writes w = new Writes();
        BackgroundReport r = new BackgroundReport(w);
        r.request();
        assertTrue(w.started.await(30, TimeUnit.SECONDS));
        r.request(); // queued behind the write in progress: dropped by close
        Thread closer = new Thread(r::close);
        closer.start();
        // Released only once close waits: a close that had not yet begun would let the queued write start.
        long until = System.nanoTime() + 30_000_000_000L;
        while (closer.getState() != Thread.State.WAITING && closer.isAlive() && System.nanoTime() < until) Thread.sleep(5);
        assertEquals(Thread.State.WAITING, closer.getState(), "close returned while the page was still being written");
        w.release.countDown();
        closer.join(30_000);
        assertFalse(closer.isAlive());
        r.request();
        Thread.sleep(100);
        assertEquals(1, w.threads.size(), "writes after close: " + w.threads);
    }
}
