package org.jspt.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.jspt.ctf.Ctf;
import org.jspt.ctf.ExposureFilter;
import org.jspt.ctf.SliceInsertion;
import org.jspt.ctf.TiltGeometry;
import org.jspt.ctf.TiltScheme;
import org.jspt.ctf.FourierWeight;
import org.jspt.ctf.WeightConvention;
import org.jspt.geom.RandomRotations;
import org.jspt.geom.Transform;
import org.jspt.image.Fft;
import org.jspt.image.FourierVolume;
import org.jspt.image.Volume;
import org.jspt.io.ImageStackWriter;
import org.jspt.io.mrc.Mrc;

/**
 * Subtomograms made from simulated tilt series ({@code docs/tilt-series.md}). Classes, poses and shifts are those
 * of the default mode with the same seed ({@link Simulator}); each particle is then, in Fourier space,
 * <pre>
 *   D(k) = M(k)·F(k) + Σ_i w_i(k)·N_i(k_u, k_v),     M(k) = Σ_i w_i(k)·CTF_i(k_u, k_v)·E_i(|k_u, k_v|)
 * </pre>
 * where F is the transform of the posed band-limited map (plus any neighbours), i runs over the tilt images,
 * w_i(k) are the normalised central-slice insertion weights ({@link SliceInsertion}), CTF_i the CTF of tilt i at
 * the particle's defocus for that tilt ({@link TiltGeometry}), E_i its exposure attenuation and N_i the transform
 * of tilt i's white noise image. The signal of tilt i at voxel k is taken as F(k) itself: the posed map is
 * band-limited and rendered without interpolation error, so the only approximation is that each slice's
 * sample lands on the voxel it fills (ideal gridding), and a noise-free particle is exactly M·F. M is the
 * particle's 3-D CTF (RELION 3 / Warp convention, data ≈ M·signal).
 *
 * <p>Noise: each tilt image gets white Gaussian noise of variance S/snr per pixel, where S is the mean over
 * classes of the variance of the class's noise-free projection along z (the 0° image without CTF or exposure
 * filter, n × n pixels). Deterministic: a particle's defocus, position and astigmatism come from a generator
 * seeded by (seed, index), its neighbours and noise from two more; any thread order gives identical files.
 * Thread-safe.
 */
public final class TiltSeriesSimulator {
    private static final long SALT_PLAN = 0x1F83D9ABFB41BD6BL, SALT_NEIGHBOURS = 0x5BE0CD19137E2179L, SALT_NOISE = 0x6A09E667F3BCC908L;
    /** Neighbour centres lie at this fraction of the box from the particle's centre (uniform in between). */
    static final double NEIGHBOUR_MIN = 0.40, NEIGHBOUR_MAX = 0.55;

    private final Simulator base;
    private final SimulationParams p;
    private final TiltSeriesParams tp;
    private final List<SliceInsertion> insertions = new ArrayList<>();
    private final List<String> tomogramNames = new ArrayList<>();
    private final List<ParticleCtfTruth> ctfTruth;
    private final double noiseSigma;
    private final ThreadLocal<Workspace> workspace;

    /** One particle's subtomogram and 3-D CTF as the full centred cube ({@link FourierWeight#toCentredCube}). */
    public record Particle(Volume data, Volume weight) {}

    private final class Workspace {
        final FourierVolume f = new FourierVolume(p.box(), p.box(), p.box());
        final FourierWeight m = new FourierWeight(p.box(), WeightConvention.CTF);
        final Volume noiseImage = new Volume(p.box(), p.box(), 1);
        final FourierVolume[][] noise = new FourierVolume[tp.tomograms().size()][];
    }

    public TiltSeriesSimulator(List<ClassSource> classes, SimulationParams params, TiltSeriesParams tiltParams) {
        if (params.box() % 2 != 0) throw new IllegalArgumentException("--box must be even in the tilt-series mode, got " + params.box());
        this.base = new Simulator(classes, params);
        this.p = params;
        this.tp = tiltParams;
        double factor = tp.exposureFilter() ? ExposureFilter.voltageFactor(tp.voltage()) : 0;
        for (int t = 0; t < tp.tomograms().size(); t++) {
            insertions.add(new SliceInsertion(p.box(), p.apix(), tp.tomograms().get(t), factor));
            tomogramNames.add(String.format(Locale.ROOT, "tomo%02d", t + 1));
        }
        double s = 0;
        for (int c = 0; c < classes.size(); c++) s += projectionVariance(base.truthMap(c));
        s /= classes.size();
        this.noiseSigma = Double.isInfinite(p.snr()) ? 0 : Math.sqrt(s / p.snr());
        this.ctfTruth = plan();
        this.workspace = ThreadLocal.withInitial(Workspace::new);
    }

    /** The variance over pixels of the projection of {@code v} along z. */
    static double projectionVariance(Volume v) {
        double[] img = new double[v.nx * v.ny];
        for (int z = 0; z < v.nz; z++)
            for (int i = 0; i < img.length; i++) img[i] += v.data[i + img.length * z];
        double sum = 0, sum2 = 0;
        for (double x : img) {
            sum += x;
            sum2 += x * x;
        }
        double mean = sum / img.length;
        return sum2 / img.length - mean * mean;
    }

    private List<ParticleCtfTruth> plan() {
        List<ParticleCtfTruth> out = new ArrayList<>(base.count());
        for (int i = 0; i < base.count(); i++) {
            SplittableRandom r = generator(i, SALT_PLAN);
            int t = i % tp.tomograms().size();
            double def = uniform(r, tp.defocusMin(), tp.defocusMax());
            double z = uniform(r, tp.heightMin(), tp.heightMax()), x = uniform(r, tp.xMin(), tp.xMax()), y = uniform(r, tp.xMin(), tp.xMax());
            double angle = tp.astigmatism() > 0 ? 180 * r.nextDouble() : 0;
            TiltScheme s = tp.tomograms().get(t);
            out.add(new ParticleCtfTruth(tomogramNames.get(t), t, def, def + tp.astigmatism() / 2 + z, def - tp.astigmatism() / 2 + z, angle,
                    x, y, z, s.minAngle(), s.maxAngle()));
        }
        return List.copyOf(out);
    }

    private SplittableRandom generator(long index, long salt) {
        return new SplittableRandom(p.seed() * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + salt);
    }

    private static double uniform(SplittableRandom r, double lo, double hi) { return lo + (hi - lo) * r.nextDouble(); }

    public SimulationParams params() { return p; }
    public TiltSeriesParams tiltParams() { return tp; }
    public Simulator base() { return base; }
    public int count() { return base.count(); }
    public List<String> labels() { return base.labels(); }
    public List<ParticleTruth> truth() { return base.truth(); }
    public List<ParticleCtfTruth> ctfTruth() { return ctfTruth; }
    public List<String> tomogramNames() { return List.copyOf(tomogramNames); }
    /** σ of the noise added to each tilt image's pixels (0 for snr = ∞). */
    public double noiseSigma() { return noiseSigma; }
    public TiltSeriesTruth tiltSeriesTruth() { return new TiltSeriesTruth(tp, tomogramNames, ctfTruth); }

    /** The CTF of each tilt image of particle {@code index}, in the order of its tomogram's scheme. */
    public Ctf[] tiltCtfs(int index) {
        ParticleCtfTruth c = ctfTruth.get(index);
        TiltScheme s = tp.tomograms().get(c.tomogramIndex());
        Ctf atAxis = new Ctf(tp.voltage(), tp.cs(), tp.ampContrast(), c.defocus() + tp.astigmatism() / 2, c.defocus() - tp.astigmatism() / 2,
                c.defocusAngle(), tp.phaseShift());
        Ctf[] out = new Ctf[s.size()];
        for (int i = 0; i < out.length; i++) out[i] = atAxis.withDefocusOffset(TiltGeometry.height(c.x(), c.z(), s.tilts().get(i).angle()));
        return out;
    }

    /** The 3-D CTF M of particle {@code index} in the half layout (a new volume). */
    public FourierWeight weight(int index) {
        FourierWeight m = new FourierWeight(p.box(), WeightConvention.CTF);
        insertions.get(ctfTruth.get(index).tomogramIndex()).weights(tiltCtfs(index), m);
        return m;
    }

    /** Particle {@code index}: its subtomogram and its 3-D CTF. */
    public Particle particle(int index) {
        ParticleTruth t = base.truth().get(index);
        ParticleCtfTruth c = ctfTruth.get(index);
        SliceInsertion ins = insertions.get(c.tomogramIndex());
        Workspace ws = workspace.get();
        Volume v = scene(t);
        Fft.forward(v, ws.f);
        ins.weights(tiltCtfs(index), ws.m);
        ws.m.applyTo(ws.f);
        if (noiseSigma > 0) {
            int nt = ins.scheme().size();
            FourierVolume[] noise = ws.noise[c.tomogramIndex()];
            if (noise == null) {
                noise = new FourierVolume[nt];
                for (int i = 0; i < nt; i++) noise[i] = new FourierVolume(p.box(), p.box(), 1);
                ws.noise[c.tomogramIndex()] = noise;
            }
            SplittableRandom r = generator(index, SALT_NOISE);
            float[] d = ws.noiseImage.data;
            for (int i = 0; i < nt; i++) {
                for (int j = 0; j < d.length; j++) d[j] = (float) (noiseSigma * r.nextGaussian());
                Fft.forward(ws.noiseImage, noise[i]);
            }
            ins.addNoise(noise, ws.f);
        }
        Fft.inverse(ws.f, v);
        v.setApix(p.apix());
        Volume w = ws.m.toCentredCube();
        w.setApix(p.apix());
        return new Particle(v, w);
    }

    /** The particle's posed map plus its neighbours, cut by the box. */
    private Volume scene(ParticleTruth t) {
        int k = tp.neighbours();
        if (k == 0) return base.render(t.classIndex(), t.pose());
        int[] cls = new int[k + 1];
        Transform[] poses = new Transform[k + 1];
        cls[0] = t.classIndex();
        poses[0] = t.pose();
        SplittableRandom r = generator(t.index(), SALT_NEIGHBOURS);
        int classes = base.labels().size();
        for (int i = 1; i <= k; i++) {
            double gx, gy, gz, len;
            do {
                gx = r.nextGaussian(); gy = r.nextGaussian(); gz = r.nextGaussian();
                len = Math.sqrt(gx * gx + gy * gy + gz * gz);
            } while (len < 1e-6);
            double dist = p.box() * uniform(r, NEIGHBOUR_MIN, NEIGHBOUR_MAX) / len;
            cls[i] = r.nextInt(classes);
            poses[i] = RandomRotations.next(r, gx * dist + t.pose().tx(), gy * dist + t.pose().ty(), gz * dist + t.pose().tz());
        }
        return base.renderScene(cls, poses, true);
    }

    /** Where particle {@code index} is written, relative to the output folder. */
    public static String particleName(int index) { return String.format(Locale.ROOT, "particles/ptcl_%06d.mrc", index); }
    /** Where particle {@code index}'s 3-D CTF is written, relative to the output folder. */
    public static String weightName(int index) { return String.format(Locale.ROOT, "ctf/ptcl_%06d_ctf.mrc", index); }
    /** The tilt-scheme file of tomogram {@code name}, relative to the output folder. */
    public static String schemeName(String name) { return "tomograms/" + name + ".tilts"; }

    /**
     * Writes every particle and its 3-D CTF as MRC files under {@code dir} ({@link #particleName}, {@link #weightName}),
     * the particles also to {@code stack} in index order, and each tomogram's tilt-scheme file; up to {@code threads}
     * particles are made at once and at most three per thread are held in memory.
     */
    public void write(Path dir, ImageStackWriter stack, int threads, IntConsumer progress) throws IOException {
        Files.createDirectories(dir.resolve("particles"));
        Files.createDirectories(dir.resolve("ctf"));
        Files.createDirectories(dir.resolve("tomograms"));
        for (int t = 0; t < tomogramNames.size(); t++) tp.tomograms().get(t).write(dir.resolve(schemeName(tomogramNames.get(t))));
        // A sliding window: the next particles are computed while this thread writes the finished ones in order.
        int window = Math.max(2, 3 * threads);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            java.util.ArrayDeque<Future<Particle>> pending = new java.util.ArrayDeque<>();
            int next = 0;
            for (int i = 0; i < count(); i++) {
                while (next < count() && pending.size() < window) {
                    int idx = next++;
                    pending.add(pool.submit(() -> particle(idx)));
                }
                Particle q = get(pending.poll());
                Mrc.write(dir.resolve(particleName(i)), q.data());
                Mrc.write(dir.resolve(weightName(i)), q.weight());
                stack.append(q.data());
                if (progress != null) progress.accept(i + 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Particle get(Future<Particle> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IOException(e.getCause());
        }
    }
}
