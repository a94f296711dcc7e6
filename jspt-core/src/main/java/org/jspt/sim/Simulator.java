package org.jspt.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.jspt.geom.RandomRotations;
import org.jspt.geom.Transform;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.MissingWedge;
import org.jspt.image.Volume;
import org.jspt.io.ImageStackWriter;

/**
 * Makes particles whose classes and poses are known. Each particle is its class's atoms moved by a pose
 * uniform on SO(3) with a uniform shift, rendered band-limited ({@link DensityRenderer}), plus white
 * Gaussian noise of σ² = (mean over classes of the truth maps' variance) / snr, after which the missing
 * wedge is applied to signal and noise together, as in a real subtomogram.
 *
 * <p>Deterministic: the class order and poses come from one generator seeded with {@code seed}; each
 * particle's noise from a generator seeded by (seed, index), so particles can be made in any order and on
 * any number of threads with identical results. Thread-safe.
 */
public final class Simulator {
    private final List<ClassSource> classes;
    private final SimulationParams p;
    private final int[] counts; // particles per class
    private final List<ParticleTruth> truth;
    private final List<Volume> truthMaps = new ArrayList<>();
    private final double noiseSigma;
    private final ThreadLocal<Workspace> workspace;

    private final class Workspace {
        final DensityRenderer renderer = new DensityRenderer(p.box(), p.apix(), p.res());
        final FourierVolume f = new FourierVolume(p.box(), p.box(), p.box());
    }

    public Simulator(List<ClassSource> classes, SimulationParams params) {
        this(classes, params, null);
    }

    /**
     * @param perClass particles of each class, one count per class in class order (imbalanced classes), or
     *                 null for {@code params.perClass()} of every class
     */
    public Simulator(List<ClassSource> classes, SimulationParams params, List<Integer> perClass) {
        if (classes.isEmpty()) throw new IllegalArgumentException("no classes to simulate: give --pdb or --phantom");
        this.classes = List.copyOf(classes);
        this.p = params;
        this.counts = new int[classes.size()];
        if (perClass == null) {
            Arrays.fill(counts, params.perClass());
        } else {
            if (perClass.size() != classes.size()) {
                throw new IllegalArgumentException("--per-class gives " + perClass.size() + " counts for " + classes.size() + " classes");
            }
            for (int c = 0; c < counts.length; c++) {
                if (perClass.get(c) < 0) throw new IllegalArgumentException("--per-class: count " + perClass.get(c) + " of class " + (c + 1) + " is negative");
                counts[c] = perClass.get(c);
            }
            if (Arrays.stream(counts).sum() < 1) throw new IllegalArgumentException("--per-class: no particles to simulate");
        }
        this.workspace = ThreadLocal.withInitial(Workspace::new);
        for (int c = 0; c < classes.size(); c++) {
            Volume v = render(c, Transform.identity());
            v.setApix(p.apix());
            truthMaps.add(v);
        }
        double var = 0;
        for (Volume v : truthMaps) {
            double s = v.sigma();
            var += s * s;
        }
        var /= truthMaps.size();
        this.noiseSigma = Double.isInfinite(p.snr()) ? 0 : Math.sqrt(var / p.snr());
        this.truth = plan();
    }

    private List<ParticleTruth> plan() {
        SplittableRandom rng = new SplittableRandom(p.seed());
        int n = Arrays.stream(counts).sum();
        int[] order = new int[n];
        // Round robin over the classes that still have particles to place: for equal counts this is
        // i % K, the order every earlier simulation used, so their seeds give the same data.
        int[] left = counts.clone();
        for (int i = 0, c = 0; i < n; c = (c + 1) % counts.length) {
            if (left[c] == 0) continue;
            left[c]--;
            order[i++] = c;
        }
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = rng.nextInt(i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<ParticleTruth> list = new ArrayList<>(n);
        double s = p.maxShift();
        for (int i = 0; i < n; i++) {
            double tx = s * (2 * rng.nextDouble() - 1), ty = s * (2 * rng.nextDouble() - 1), tz = s * (2 * rng.nextDouble() - 1);
            Transform pose = RandomRotations.next(rng, tx, ty, tz);
            list.add(new ParticleTruth(i, order[i], classes.get(order[i]).label(), pose));
        }
        return List.copyOf(list);
    }

    public SimulationParams params() { return p; }
    public List<String> labels() { return classes.stream().map(ClassSource::label).toList(); }
    public List<ParticleTruth> truth() { return truth; }
    /** Particles of each class, in class order. */
    public List<Integer> perClass() { return Arrays.stream(counts).boxed().toList(); }
    public int count() { return truth.size(); }
    /** σ of the added noise (0 for snr = ∞). */
    public double noiseSigma() { return noiseSigma; }

    /** The noise-free map of class c in its reference frame (a copy). */
    public Volume truthMap(int c) { return truthMaps.get(c).copy(); }

    /** Class c's atoms moved by {@code pose}, rendered band-limited, no noise, no wedge. */
    public Volume render(int c, Transform pose) {
        return renderScene(new int[] {c}, new Transform[] {pose}, false);
    }

    /**
     * Several classes' atoms, class {@code classes[i]} moved by {@code poses[i]}, rendered band-limited into one
     * box. With {@code clip}, atoms outside the box (a centred coordinate not in [−N/2, N/2)) are left out instead
     * of wrapping around the periodic box: neighbours cut by the box edge, as in a subtomogram.
     */
    public Volume renderScene(int[] classes, Transform[] poses, boolean clip) {
        int total = 0;
        for (int c : classes) total += this.classes.get(c).atoms().size();
        double[] x = new double[total], y = new double[total], z = new double[total], w = new double[total], q = new double[3];
        double half = p.box() / 2.0;
        int m = 0;
        for (int k = 0; k < classes.length; k++) {
            ClassSource src = this.classes.get(classes[k]);
            AtomModel a = src.atoms();
            double[] o = src.origin();
            for (int i = 0; i < a.size(); i++) {
                q[0] = (a.x(i) - o[0]) / p.apix();
                q[1] = (a.y(i) - o[1]) / p.apix();
                q[2] = (a.z(i) - o[2]) / p.apix();
                poses[k].apply(q, q);
                if (clip && (q[0] < -half || q[0] >= half || q[1] < -half || q[1] >= half || q[2] < -half || q[2] >= half)) continue;
                x[m] = q[0]; y[m] = q[1]; z[m] = q[2]; w[m] = a.weight(i);
                m++;
            }
        }
        if (m < total) {
            x = java.util.Arrays.copyOf(x, m);
            y = java.util.Arrays.copyOf(y, m);
            z = java.util.Arrays.copyOf(z, m);
            w = java.util.Arrays.copyOf(w, m);
        }
        Volume v = Volume.cube(p.box());
        workspace.get().renderer.render(x, y, z, w, v);
        return v;
    }

    /** Particle {@code index}: rendered, noise added, wedge applied. */
    public Volume particle(int index) {
        ParticleTruth t = truth.get(index);
        Volume v = render(t.classIndex(), t.pose());
        if (noiseSigma > 0) {
            SplittableRandom rng = new SplittableRandom(p.seed() * 0x9E3779B97F4A7C15L + index);
            float[] d = v.data;
            for (int i = 0; i < d.length; i++) d[i] += (float) (noiseSigma * rng.nextGaussian());
        }
        if (p.tilt() < 90) {
            FourierVolume f = workspace.get().f;
            Fft.forward(v, f);
            MissingWedge.apply(f, p.tilt());
            Fft.inverse(f, v);
        }
        v.setApix(p.apix());
        return v;
    }

    /**
     * Writes every particle, in index order, to {@code out}, computing up to {@code threads} at once and
     * holding at most a few per thread in memory. {@code progress} receives the number written so far.
     */
    public void writeParticles(ImageStackWriter out, int threads, IntConsumer progress) throws IOException {
        int chunk = Math.max(1, 2 * threads);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            for (int start = 0; start < count(); start += chunk) {
                List<Future<Volume>> batch = new ArrayList<>();
                for (int i = start; i < Math.min(count(), start + chunk); i++) {
                    int idx = i;
                    batch.add(pool.submit(() -> particle(idx)));
                }
                for (Future<Volume> f : batch) {
                    try {
                        out.append(f.get());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (e.getCause() instanceof RuntimeException re) throw re;
                        throw new IOException(e.getCause());
                    }
                }
                if (progress != null) progress.accept(Math.min(count(), start + chunk));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
