package org.jspt.exec;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Runs per-particle work. Results never depend on the executor or its parallelism: {@link #map} returns
 * results in index order, and {@link #reduce} forms partial results over fixed-size index chunks and
 * merges them in chunk order, so floating-point sums are the same whatever the thread count.
 */
public interface ParticleExecutor extends AutoCloseable {
    /** Fixed chunk size for reductions (part of the result's definition: do not change lightly). */
    int CHUNK = 16;

    /** Number of workers. */
    int parallelism();

    /** {@code f(i)} for i in [0, n), in index order. */
    <R> List<R> map(int n, IntFunction<R> f);

    /**
     * Reduces [0, n): each chunk [c·CHUNK, (c+1)·CHUNK) starts from {@code identity.get()} and folds its
     * indices in order with {@code accumulate}; chunk results are then merged left to right with
     * {@code merge}. Returns {@code identity.get()} for n = 0.
     */
    <A> A reduce(int n, Supplier<A> identity, ChunkAccumulator<A> accumulate, BinaryOperator<A> merge);

    /** Adds index i's contribution to an accumulator (and may return a different one). */
    @FunctionalInterface
    interface ChunkAccumulator<A> {
        A add(A acc, int i);
    }

    @Override
    void close();
}
