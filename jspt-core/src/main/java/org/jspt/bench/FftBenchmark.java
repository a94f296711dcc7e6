package org.jspt.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;
import org.jspt.util.Statistics;

/**
 * Times {@link Fft} r2c and c2r on cubes. Single thread: median wall time of one call. All threads:
 * every thread transforms its own volume in a loop; the figure is wall time divided by the number of
 * transforms done by all threads together (so it falls with more cores), median over several batches.
 */
public final class FftBenchmark {
    /** Median seconds per transform for one box size. */
    public record Result(int box, double r2cSeconds1, double c2rSeconds1, int threads, double r2cSecondsAll, double c2rSecondsAll) {}

    private final int repeats;

    /** @param repeats timed batches per figure (the median is reported) */
    public FftBenchmark(int repeats) {
        if (repeats < 1) throw new IllegalArgumentException("repeats must be >= 1");
        this.repeats = repeats;
    }

    public Result run(int box, int threads) throws Exception {
        int callsPerBatch = Math.max(2, (int) (2_000_000L / ((long) box * box * box)));
        double r1 = Statistics.median(batch(box, 1, callsPerBatch, true));
        double c1 = Statistics.median(batch(box, 1, callsPerBatch, false));
        double rn = Statistics.median(batch(box, threads, callsPerBatch, true));
        double cn = Statistics.median(batch(box, threads, callsPerBatch, false));
        return new Result(box, r1, c1, threads, rn, cn);
    }

    private double[] batch(int box, int threads, int calls, boolean forward) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Volume v = randomCube(box, t);
                FourierVolume f = Fft.forward(v);
                work.add(() -> {
                    for (int i = 0; i < calls; i++) {
                        if (forward) Fft.forward(v, f);
                        else Fft.inverse(f, v);
                    }
                    return null;
                });
            }
            runAll(pool, work); // warm-up: plans, JIT
            double[] perCall = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                runAll(pool, work);
                perCall[r] = (System.nanoTime() - t0) * 1e-9 / ((double) calls * threads);
            }
            return perCall;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void runAll(ExecutorService pool, List<Callable<Void>> work) throws Exception {
        for (Future<Void> f : pool.invokeAll(work)) f.get();
    }

    private static Volume randomCube(int n, long seed) {
        Random r = new Random(seed);
        Volume v = Volume.cube(n);
        for (int i = 0; i < v.data.length; i++) v.data[i] = (float) r.nextGaussian();
        return v;
    }

}
