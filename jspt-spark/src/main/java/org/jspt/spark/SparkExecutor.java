package org.jspt.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BinaryOperator;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.spark.HashPartitioner;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.jspt.JsptException;
import org.jspt.exec.ParticleExecutor;
import org.jspt.exec.ParticleReduction;
import org.jspt.exec.ParticleTask;
import org.jspt.exec.ThreadExecutor;
import org.jspt.image.FftPlans;
import scala.Tuple2;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * A {@link ParticleExecutor} on Apache Spark. The distributable passes ({@link #mapParticles},
 * {@link #reduceParticles}) run on the cluster's executors: the task is broadcast once, particle index
 * ranges aligned to {@link #CHUNK} are spread over a few partitions per executor core, and each executor
 * JVM rebuilds the task's heavy state once (see {@link ParticleTask}). The executors read the particle
 * stack themselves, by its absolute path: it must be on a file system every worker sees under the same
 * path. {@link #map} and {@link #reduce} (reference building, file writing) run on a thread pool in the
 * driver. Closing stops the SparkContext when this executor started it.
 *
 * <p>Results do not depend on timing: map results come back in index order, and reductions fold each
 * chunk in index order, chunks in order within a partition, then merge partitions as a fixed pairwise
 * tree keyed by partition index (a shuffle per level), never in the order tasks happen to finish.
 */
public final class SparkExecutor implements ParticleExecutor {
    /** Partitions per executor core: several, so that a slow partition does not hold up a pass. */
    static final int PARTITIONS_PER_CORE = 2;

    private final JavaSparkContext sc;
    private final boolean ownsContext;
    private final ThreadExecutor driverPool;
    /** Map passes run so far (names them for the test-only {@link TaskMarkers}). */
    private final AtomicInteger mapPasses = new AtomicInteger();

    /**
     * @param sc the context to run on
     * @param ownsContext stop {@code sc} on {@link #close()}
     * @param driverThreads threads for {@link #map} and {@link #reduce} in the driver
     */
    public SparkExecutor(JavaSparkContext sc, boolean ownsContext, int driverThreads) {
        this.sc = sc;
        this.ownsContext = ownsContext;
        this.driverPool = new ThreadExecutor(driverThreads);
    }

    /** The context (for tests and callers that run their own jobs). */
    public JavaSparkContext context() { return sc; }

    /** Total cores of the executors now registered (in local mode, local[N]'s N). */
    @Override
    public int parallelism() { return ExecutorCores.total(sc); }

    /**
     * Local mode: its task slots. A cluster: the cores registered now, which is what the next pass is cut for;
     * executors that register later take work from the pass after they join ({@link ExecutorChanges} tells).
     */
    @Override
    public String describeWorkers() {
        int cores = parallelism();
        if (sc.isLocal()) return cores + " Spark task slot" + (cores == 1 ? "" : "s");
        int executors = ExecutorCores.executors(sc);
        return cores + " core" + (cores == 1 ? "" : "s") + " on " + executors + " Spark executor" + (executors == 1 ? "" : "s")
                + " registered so far";
    }

    @Override
    public <R> List<R> map(int n, IntFunction<R> f) { return driverPool.map(n, f); }

    @Override
    public <A> A reduce(int n, Supplier<A> identity, ChunkAccumulator<A> accumulate, BinaryOperator<A> merge) {
        return driverPool.reduce(n, identity, accumulate, merge);
    }

    @Override
    public <R extends Serializable> List<R> mapParticles(int n, ParticleTask<R> task, DoneListener done) {
        if (n == 0) return new ArrayList<>();
        List<Slice> slices = Slice.split(n, parallelism() * PARTITIONS_PER_CORE);
        Broadcast<ParticleTask<R>> b = sc.broadcast(task);
        try {
            JavaRDD<Slice> rdd = sc.parallelize(slices, slices.size());
            AtomicReferenceArray<ArrayList<R>> parts = new AtomicReferenceArray<>(slices.size());
            // runJob's result handler runs on the driver as each partition finishes: progress as it happens.
            try {
                sc.sc().runJob(rdd.rdd(), new MapSlices<>(b, ExecutorCores.perExecutor(sc), FftPlans.current(), TaskMarkers.forPass(mapPasses.incrementAndGet())), new Collect<>(parts, done), ClassTag$.MODULE$.apply(ArrayList.class));
            } catch (Exception e) { // NB: Scala methods throw the checked SparkException undeclared
                throw unwrap(e);
            }
            List<R> out = new ArrayList<>(n);
            for (int q = 0; q < parts.length(); q++) out.addAll(parts.get(q));
            return out;
        } finally {
            b.destroy();
        }
    }

    @Override
    public <A extends Serializable> A reduceParticles(int n, ParticleReduction<A> reduction) {
        if (n == 0) return reduction.identity();
        List<Slice> slices = Slice.split(n, parallelism() * PARTITIONS_PER_CORE);
        Broadcast<ParticleReduction<A>> b = sc.broadcast(reduction);
        HashMap<String, Integer> cores = ExecutorCores.perExecutor(sc);
        FftPlans.Wisdom plans = FftPlans.current();
        try {
            JavaPairRDD<Integer, A> level = sc.parallelize(slices, slices.size())
                    .mapToPair(s -> {
                        ExecutorCores.grantToThisJvm(cores);
                        FftPlans.adopt(plans);
                        return new Tuple2<>(s.index(), s.fold(b.value()));
                    });
            for (int m = slices.size(); m > 1; m = (m + 1) / 2) {
                // Level-wise pairwise merge: partials 2j and 2j+1 meet under key j, merged lower index first.
                level = level.mapToPair(t -> new Tuple2<>(t._1() / 2, t))
                        .groupByKey(new HashPartitioner((m + 1) / 2))
                        .mapToPair(g -> new Tuple2<>(g._1(), mergeInOrder(g._2(), b.value())));
            }
            List<A> result;
            try {
                result = level.values().collect();
            } catch (Exception e) { // NB: Scala methods throw the checked SparkException undeclared
                throw unwrap(e);
            }
            if (result.size() != 1) throw new IllegalStateException("tree merge left " + result.size() + " partial results, expected 1");
            return result.get(0);
        } finally {
            b.destroy();
        }
    }

    /** Merges one or two partial results keyed by their partition index, the lower index on the left. */
    static <A> A mergeInOrder(Iterable<Tuple2<Integer, A>> parts, ParticleReduction<A> r) {
        List<Tuple2<Integer, A>> l = new ArrayList<>();
        parts.forEach(l::add);
        l.sort((x, y) -> Integer.compare(x._1(), y._1()));
        if (l.size() == 1) return l.get(0)._2();
        if (l.size() != 2) throw new IllegalStateException("expected 1 or 2 partial results per key, got " + l.size());
        return r.merge(l.get(0)._2(), l.get(1)._2());
    }

    /**
     * A failed job as the error an executor raised, where it says what is wrong with the set-up or the
     * input: jspt classes missing on the executors, an unreadable file (on a cluster, most often a stack
     * not on a file system the workers share) or a bad argument. Anything else is rethrown as it is, a checked SparkException wrapped (a bug or a
     * cluster failure).
     */
    static RuntimeException unwrap(Exception e) {
        if (!(e instanceof SparkException)) return e instanceof RuntimeException re ? re : new IllegalStateException(e);
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ClassNotFoundException || t instanceof NoClassDefFoundError) {
                return new JsptException("a Spark executor could not load " + t.getMessage() + ": the executors need jspt.jar and"
                        + " jspt-spark.jar (spark.jars, or spark-submit --jars)", e);
            }
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof UncheckedIOException || t instanceof IOException) {
                return new UncheckedIOException(t.getMessage() + " (on a Spark executor: is the particle stack on a file system"
                        + " every worker reads under the same path?)", t instanceof IOException io ? io : ((UncheckedIOException) t).getCause());
            }
            if (t instanceof IllegalArgumentException || t instanceof JsptException) return (RuntimeException) t;
        }
        return new IllegalStateException(e.getMessage(), e);
    }

    @Override
    public void close() {
        driverPool.close();
        if (ownsContext) sc.stop();
    }

    /** Runs a task over every index of a partition's slices, in order (on an executor). */
    static final class MapSlices<R> extends AbstractFunction1<scala.collection.Iterator<Slice>, ArrayList<R>> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Broadcast<ParticleTask<R>> task;
        private final HashMap<String, Integer> cores;
        /** The driver's FFT plans: the executor computes with the same ones (results do not depend on the executor). */
        private final FftPlans.Wisdom plans;
        /** Null except in the fault tests. */
        private final TaskMarkers markers;

        MapSlices(Broadcast<ParticleTask<R>> task, HashMap<String, Integer> cores, FftPlans.Wisdom plans, TaskMarkers markers) {
            this.task = task;
            this.cores = cores;
            this.plans = plans;
            this.markers = markers;
        }

        @Override
        public ArrayList<R> apply(scala.collection.Iterator<Slice> it) {
            ExecutorCores.grantToThisJvm(cores);
            FftPlans.adopt(plans);
            ParticleTask<R> t = task.value();
            ArrayList<R> out = new ArrayList<>();
            while (it.hasNext()) {
                Slice s = it.next();
                if (markers != null) markers.started(s.index());
                for (int i = s.start(); i < s.end(); i++) out.add(t.apply(i));
            }
            return out;
        }
    }

    /** Keeps each partition's results in its place and reports progress (on the driver). */
    static final class Collect<R> extends AbstractFunction2<Object, ArrayList<R>, BoxedUnit> {
        private final AtomicReferenceArray<ArrayList<R>> parts;
        private final DoneListener done;

        Collect(AtomicReferenceArray<ArrayList<R>> parts, DoneListener done) {
            this.parts = parts;
            this.done = done;
        }

        @Override
        public BoxedUnit apply(Object partition, ArrayList<R> result) {
            parts.set((Integer) partition, result);
            if (done != null) done.finished(result.size());
            return BoxedUnit.UNIT;
        }
    }

    /**
     * Particles [start, end) of partition {@code index}; starts are multiples of {@link #CHUNK}.
     */
    record Slice(int index, int start, int end) implements Serializable {
        /** At most {@code maxParts} slices of whole chunks (the last may be short), in index order. */
        static List<Slice> split(int n, int maxParts) {
            int chunks = (n + CHUNK - 1) / CHUNK, parts = Math.max(1, Math.min(chunks, maxParts));
            List<Slice> out = new ArrayList<>(parts);
            for (int q = 0; q < parts; q++) {
                int c0 = (int) ((long) q * chunks / parts), c1 = (int) ((long) (q + 1) * chunks / parts);
                out.add(new Slice(q, c0 * CHUNK, Math.min(n, c1 * CHUNK)));
            }
            return out;
        }

        /** Folds each chunk from identity in index order and merges the chunks left to right. */
        <A> A fold(ParticleReduction<A> r) {
            A acc = null;
            for (int c = start; c < end; c += CHUNK) {
                A chunk = r.identity();
                for (int i = c, e = Math.min(end, c + CHUNK); i < e; i++) chunk = r.add(chunk, i);
                acc = acc == null ? chunk : r.merge(acc, chunk);
            }
            return acc == null ? r.identity() : acc;
        }
    }
}
