package org.jspt.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Override
    public <R> List<R> map(int n, IntFunction<R> f) {
        List<Future<List<R>>> futures = new ArrayList<>();
        for (int start = 0; start < n; start += CHUNK) {
            int s = start, e = Math.min(n, start + CHUNK);
            futures.add(pool.submit(() -> {
                List<R> part = new ArrayList<>(e - s);
                for (int i = s; i < e; i++) part.add(f.apply(i));
                return part;
            }));
        }
        List<R> out = new ArrayList<>(n);
        for (Future<List<R>> fu : futures) out.addAll(get(fu));
        return out;
    }

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
