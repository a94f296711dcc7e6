package org.jspt.cli;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BinaryOperator;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.jspt.exec.ParticleExecutor;
import org.jspt.exec.ParticleReduction;
import org.jspt.exec.ParticleTask;
import org.jspt.refine.RefineMulti;

/**
 * The executor of a refinemulti run, with progress for the passes that do not report their own: the
 * refinement reports its alignment passes through {@link #sink()} and names its other phases there
 * ({@link RefineMulti.ProgressSink#phase}: building references, averaging, …); every other pass is shown
 * under the current phase's name. A pass that reports itself is never shown twice. Every call goes to the
 * wrapped executor, distributable passes included, so results and where the work runs are unchanged.
 */
final class ProgressExecutor implements ParticleExecutor {
    private final ParticleExecutor inner;
    private final Progress bar;
    private final AtomicLong namedReports = new AtomicLong();
    private volatile String phase = "working";

    ProgressExecutor(ParticleExecutor inner, Progress bar) {
        this.inner = inner;
        this.bar = bar;
    }

    /** The refinement's own progress reports (its alignment passes). */
    RefineMulti.ProgressSink sink() {
        return new RefineMulti.ProgressSink() {
            @Override
            public void update(String what, int done, int total) {
                namedReports.incrementAndGet();
                bar.update(what, done, total);
            }

            @Override
            public void phase(String name) { phase = name; }
        };
    }

    @Override
    public int parallelism() { return inner.parallelism(); }

    @Override
    public String describeWorkers() { return inner.describeWorkers(); }

    @Override
    public <R> List<R> map(int n, IntFunction<R> f) {
        long before = namedReports.get();
        String what = phase;
        AtomicInteger done = new AtomicInteger();
        bar.passStarting();
        return inner.map(n, i -> {
            R r = f.apply(i);
            int d = done.incrementAndGet();
            if (namedReports.get() == before) bar.update(what, d, n); // the pass did not report itself
            return r;
        });
    }

    @Override
    public <A> A reduce(int n, Supplier<A> identity, ChunkAccumulator<A> accumulate, BinaryOperator<A> merge) {
        IntConsumer tick = ticker(phase, n);
        return inner.reduce(n, identity, (acc, i) -> {
            A r = accumulate.add(acc, i);
            tick.accept(1);
            return r;
        }, merge);
    }

    @Override
    public <R extends Serializable> List<R> mapParticles(int n, ParticleTask<R> task, DoneListener done) {
        bar.passStarting();
        if (done != null) return inner.mapParticles(n, task, done); // reports itself
        IntConsumer tick = ticker(phase, n);
        return inner.mapParticles(n, task, tick::accept);
    }

    @Override
    public <A extends Serializable> A reduceParticles(int n, ParticleReduction<A> reduction) {
        return inner.reduceParticles(n, new Counted<>(reduction, ticker(phase, n)));
    }

    @Override
    public void close() { inner.close(); }

    /** Starts a pass and returns what counts its finished particles. */
    private IntConsumer ticker(String what, int n) {
        AtomicInteger done = new AtomicInteger();
        bar.passStarting();
        return c -> bar.update(what, done.addAndGet(c), n);
    }

    /**
     * A reduction that also counts its particles. NB: the counter is transient: where the reduction runs in
     * this JVM it reports; a copy sent to another JVM (a cluster) arrives without it and only sums.
     */
    private static final class Counted<A> implements ParticleReduction<A> {
        private static final long serialVersionUID = 1L;
        private final ParticleReduction<A> inner;
        private final transient IntConsumer tick;

        Counted(ParticleReduction<A> inner, IntConsumer tick) {
            this.inner = inner;
            this.tick = tick;
        }

        @Override public A identity() { return inner.identity(); }

        @Override
        public A add(A acc, int i) {
            A r = inner.add(acc, i);
            if (tick != null) tick.accept(1);
            return r;
        }

        @Override public A merge(A left, A right) { return inner.merge(left, right); }
    }
}
