package org.jspt.exec;

/**
 * Particles [first, first + n) of a larger pass as a pass of its own (index i runs {@code task(first + i)}):
 * how a pass is cut into blocks that are checkpointed one by one.
 */
public record OffsetTask<R>(ParticleTask<R> task, int first) implements ParticleTask<R> {
    @Override
    public R apply(int i) { return task.apply(first + i); }
}
