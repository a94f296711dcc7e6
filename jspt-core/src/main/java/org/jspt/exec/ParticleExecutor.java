package org.jspt.exec;

import java.io.Serializable;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Runs per-particle work. {@link #map} and {@link #reduce} run in this JVM (any lambda will do);
 * {@link #mapParticles} and {@link #reduceParticles} take serializable tasks and may run on a cluster. Results never depend on the executor or its parallelism: {@link #map} returns
 * results in index order, and {@link #reduce} forms partial results over fixed-size index chunks and
 * merges them in chunk order, so floating-point sums are the same whatever the thread count.
 */
public interface ParticleExecutor extends AutoCloseable {
    /** Fixed chunk size for reductions (part of the result's definition: do not change lightly). */
    int CHUNK = 16;

    /** Number of workers. */
    int parallelism();

    /**
     * The workers for the run's banner, e.g. "4 threads". An executor whose workers come and go (a cluster)
     * says what it has now and that this may change.
     */
    default String describeWorkers() {
        int n = parallelism();
        return n + " thread" + (n == 1 ? "" : "s");
    }

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

    /**
     * {@code task(i)} for i in [0, n), in index order, where the work may leave this JVM (a cluster
     * executor ships {@code task} to its workers; the thread executor runs it here).
     * @param done told how many more particles have finished, from any thread (may be null)
     */
    default <R extends Serializable> List<R> mapParticles(int n, ParticleTask<R> task, DoneListener done) {
        return map(n, i -> {
            R r = task.apply(i);
            if (done != null) done.finished(1);
            return r;
        });
    }

    /**
     * As {@link #reduce}, where the work may leave this JVM. Partial results are formed over the same fixed
     * chunks; a distributed executor may merge them in a different grouping (a tree), which changes float
     * sums only by rounding (accumulators are double).
     */
    default <A extends Serializable> A reduceParticles(int n, ParticleReduction<A> reduction) {
        return reduce(n, reduction::identity, reduction::add, reduction::merge);
    }

    /** Progress of {@link #mapParticles}. */
    @FunctionalInterface
    interface DoneListener {
        void finished(int count);
    }

    @Override
    void close();
}
