package org.jspt.exec;

import java.io.Serializable;

/**
 * Per-particle work that can run on another JVM: a serializable description (references, settings,
 * the iteration) whose heavy state (open stacks, prepared reference tables) is rebuilt lazily, once per
 * JVM, in transient fields. The Spark executor ships one instance to every executor as a broadcast; the
 * thread executor calls it directly.
 *
 * @param <R> the per-particle result (must be serializable to travel back to the driver)
 */
@FunctionalInterface
public interface ParticleTask<R> extends Serializable {
    R apply(int particle);
}
