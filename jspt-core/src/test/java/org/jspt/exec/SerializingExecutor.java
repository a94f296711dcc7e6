package org.jspt.exec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A stand-in for a cluster executor in tests: every distributed task is serialised and run from a fresh
 * copy (as a remote JVM would see it), results travel back serialised, and partial sums are formed per
 * "partition" of several chunks and merged as a pairwise tree, not left to right.
 */
public final class SerializingExecutor implements ParticleExecutor {
    private final ThreadExecutor local;
    private final int partitionChunks;
    public int distributedPasses;

    public SerializingExecutor(int threads, int partitionChunks) {
        this.local = new ThreadExecutor(threads);
        this.partitionChunks = partitionChunks;
    }

    @Override public int parallelism() { return local.parallelism(); }

    @Override public <R> List<R> map(int n, IntFunction<R> f) { return local.map(n, f); }

    @Override
    public <A> A reduce(int n, Supplier<A> identity, ChunkAccumulator<A> accumulate, BinaryOperator<A> merge) {
        return local.reduce(n, identity, accumulate, merge);
    }

    @Override
    public <R extends Serializable> List<R> mapParticles(int n, ParticleTask<R> task, DoneListener done) {
        distributedPasses++;
        ParticleTask<R> remote = copy(task);
        List<R> out = new ArrayList<>();
        for (R r : local.map(n, i -> copy(remote.apply(i)))) out.add(r);
        if (done != null) done.finished(n);
        return out;
    }

    @Override
    public <A extends Serializable> A reduceParticles(int n, ParticleReduction<A> reduction) {
        distributedPasses++;
        ParticleReduction<A> remote = copy(reduction);
        int per = partitionChunks * CHUNK, parts = Math.max(1, (n + per - 1) / per);
        List<A> partials = local.map(parts, q -> {
            int s = q * per, e = Math.min(n, s + per);
            A acc = null;
            for (int c = s; c < e; c += CHUNK) {
                A chunk = remote.identity();
                for (int i = c; i < Math.min(e, c + CHUNK); i++) chunk = remote.add(chunk, i);
                acc = acc == null ? chunk : remote.merge(acc, chunk);
            }
            return copy(acc == null ? remote.identity() : acc);
        });
        while (partials.size() > 1) {
            List<A> next = new ArrayList<>();
            for (int i = 0; i < partials.size(); i += 2) {
                next.add(i + 1 < partials.size() ? reduction.merge(partials.get(i), partials.get(i + 1)) : partials.get(i));
            }
            partials = next;
        }
        return partials.get(0);
    }

    @SuppressWarnings("unchecked")
    static <T> T copy(T o) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(b)) {
                out.writeObject(o);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override public void close() { local.close(); }
}
