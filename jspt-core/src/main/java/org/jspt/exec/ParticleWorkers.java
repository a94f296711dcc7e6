package org.jspt.exec;

/**
 * Marks the threads on which an executor runs particles side by side. Code that could split its own work
 * over cores (the exhaustive aligners' candidate search) asks {@link #isCurrentThreadOne()}: on such a thread
 * the other cores are already busy with other particles, so it runs its work on the calling thread instead of
 * adding a pool's worth of threads per particle (oversubscription). Results never depend on this choice.
 * {@link ThreadExecutor} marks its workers; another executor marks the threads that run its tasks with
 * {@link #markCurrentThread()}.
 */
public final class ParticleWorkers {
    private static final ThreadLocal<Boolean> WORKER = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private ParticleWorkers() {}

    /** Marks the calling thread as one of several running particles at once (for the thread's lifetime). */
    public static void markCurrentThread() { WORKER.set(Boolean.TRUE); }

    /** True on a thread an executor runs particles on, next to others doing the same. */
    public static boolean isCurrentThreadOne() { return WORKER.get(); }
}
