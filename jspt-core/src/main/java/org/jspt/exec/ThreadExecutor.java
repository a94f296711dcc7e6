package org.jspt.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BinaryOperator;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/** The in-process executor: a fixed pool of daemon threads (default: all cores). */
public final class ThreadExecutor implements ParticleExecutor {
    private final int threads;
    private final ExecutorService pool;

    public ThreadExecutor(int threads) {
        if (threads < 1) throw new IllegalArgumentException("thread count must be >= 1, got " + threads);
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            // With more than one thread, particles run side by side: inner searches stay on their thread.
            Runnable body = threads > 1 ? () -> {
                ParticleWorkers.markCurrentThread();
                r.run();
            } : r;
            Thread t = new Thread(body, "jspt-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, tf);
    }

    /** All cores. */
    public static ThreadExecutor allCores() { return new ThreadExecutor(Runtime.getRuntime().availableProcessors()); }

    @Override
    public int parallelism() { return threads; }

    /**
     * Each worker takes the next index as soon as it is free, so the pass ends when its last particle does: with
     * fixed chunks of {@link #CHUNK}, the last chunk kept one worker busy for up to sixteen particles while the others
     * waited (an alignment pass's tail, about a second per iteration at 48³). A result depends only on its index.
     * After a failure no new index is started; the failure of the lowest index is thrown.
     */
    @Override
    public <R> List<R> map(int n, IntFunction<R> f) {
        Object[] out = new Object[n];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<IndexedFailure> failure = new AtomicReference<>();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(threads, n); w++) {
            workers.add(pool.submit(() -> {
                // An index taken is always run, so the lowest failing index is always reached: indices are taken in
                // order, and none is taken after a failure is recorded except by a worker already past the check.
                while (failure.get() == null) {
                    int i = next.getAndIncrement();
                    if (i >= n) break;
                    try {
                        out[i] = f.apply(i);
                    } catch (RuntimeException | Error e) {
                        IndexedFailure mine = new IndexedFailure(i, e);
                        failure.accumulateAndGet(mine, (a, b) -> a == null || b.index < a.index ? b : a);
                    }
                }
            }));
        }
        for (Future<?> w : workers) get(w);
        IndexedFailure e = failure.get();
        if (e != null) {
            if (e.cause instanceof RuntimeException re) throw re;
            throw (Error) e.cause;
        }
        @SuppressWarnings("unchecked")
        List<R> results = (List<R>) java.util.Arrays.asList(out);
        return new ArrayList<>(results);
    }

    private record IndexedFailure(int index, Throwable cause) {}

    @Override
    public <A> A reduce(int n, Supplier<A> identity, ChunkAccumulator<A> accumulate, BinaryOperator<A> merge) {
        // Chunks are submitted in a sliding window and merged in order as they finish, so at most
        // ~window partial results (e.g. Fourier accumulators) exist at once, however many particles.
        int chunks = (n + CHUNK - 1) / CHUNK, window = 2 * threads;
        java.util.ArrayDeque<Future<A>> inFlight = new java.util.ArrayDeque<>();
        A result = null;
        int next = 0;
        while (next < chunks || !inFlight.isEmpty()) {
            while (next < chunks && inFlight.size() < window) {
                int s = next * CHUNK, e = Math.min(n, s + CHUNK);
                inFlight.add(pool.submit(() -> {
                    A acc = identity.get();
                    for (int i = s; i < e; i++) acc = accumulate.add(acc, i);
                    return acc;
                }));
                next++;
            }
            A part = get(inFlight.poll());
            result = result == null ? part : merge.apply(result, part);
        }
        return result == null ? identity.get() : result;
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error er) throw er;
            throw new IllegalStateException(c);
        }
    }

    @Override
    public void close() { pool.shutdownNow(); }
}
