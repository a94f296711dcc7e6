package org.jspt.exec;

import java.io.Serializable;

/**
 * A sum over particles that can run on another JVM (see {@link ParticleTask} for how state travels).
 * Each fixed chunk of {@link ParticleExecutor#CHUNK} indices folds into a fresh {@link #identity()};
 * chunk results are merged in index order ({@link ParticleExecutor#reduceParticles}).
 *
 * @param <A> the accumulator (serializable: partial sums travel between JVMs)
 */
public interface ParticleReduction<A> extends Serializable {
    A identity();

    /** Adds particle i to {@code acc} (and may return a different accumulator). */
    A add(A acc, int i);

    /** Combines two partial results; {@code left} holds the lower indices. */
    A merge(A left, A right);
}
