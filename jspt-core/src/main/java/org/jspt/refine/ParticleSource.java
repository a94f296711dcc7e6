package org.jspt.refine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jspt.ctf.FourierWeight;
import org.jspt.ctf.ParticleWeights;
import org.jspt.image.Header;
import org.jspt.image.Volume;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStacks;

/**
 * The raw particles of a run, read on demand (never all in memory), with each particle's Fourier weight
 * when the input carries weights (a STAR file's {@code rlnCtfImage}, chosen by {@code --weights};
 * docs/weights.md). Thread-safe: each thread reads through its own open stack; weights come through a
 * bounded cache. Applies {@code --apix} (when &gt; 0) to every particle read and limits the stack to
 * {@code --subset} particles (when &gt; 0).
 */
public final class ParticleSource implements AutoCloseable {
    private final String input;
    private final ParticleSpec spec;
    private final int count;
    private final double apix;
    private final Header firstHeader;
    private final List<ImageStack> opened = new ArrayList<>();
    private final ThreadLocal<ImageStack> stacks;
    private final ParticleWeights weights;

    public ParticleSource(String input, int subset, double apix) throws IOException { this(input, subset, apix, "auto"); }

    /** @param weights the --weights choice: auto, ctf, premultiplied or none */
    public ParticleSource(String input, int subset, double apix, String weights) throws IOException {
        this.input = input;
        this.apix = apix;
        ParticleWeights.Mode mode = ParticleWeights.Mode.parse(weights);
        this.spec = new ParticleSpec(java.nio.file.Path.of(input).toAbsolutePath().normalize().toString(), subset, apix, weights);
        try (ImageStack s = ImageStacks.open(input)) {
            int n = s.size();
            this.count = subset > 0 ? Math.min(subset, n) : n;
            if (count == 0) throw new IOException(input + ": the stack holds no particles");
            this.firstHeader = s.readHeader(0);
        }
        this.weights = input.toLowerCase(java.util.Locale.ROOT).endsWith(".star")
                ? ParticleWeights.fromStar(java.nio.file.Path.of(input), mode, box(), count) : null;
        this.stacks = ThreadLocal.withInitial(() -> {
            try {
                ImageStack s = ImageStacks.open(input);
                synchronized (opened) {
                    opened.add(s);
                }
                return s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The input as the user gave it (recorded in headers as class_ptcl_src). */
    public String input() { return input; }

    public int size() { return count; }

    /** How another JVM opens the same particles (absolute path). */
    public ParticleSpec spec() { return spec; }

    /** The box of the particles (from the first header). */
    public int box() { return firstHeader.getInt("nx", 0); }

    /** Pixel size: --apix if given, else the first particle's apix_x. */
    public double apix() { return apix > 0 ? apix : firstHeader.getDouble("apix_x", 1.0); }

    /** Raw particle i. */
    public Volume read(int i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException("particle " + i + " of " + count);
        try {
            Volume v = stacks.get().read(i);
            if (apix > 0) v.setApix(apix);
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True if the particles carry Fourier weights (and --weights is not none). */
    public boolean hasWeights() { return weights != null; }

    /** Particle i's Fourier weight on its raw box, or null (no weights, or none for this particle). */
    public FourierWeight weight(int i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException("particle " + i + " of " + count);
        return weights == null ? null : weights.weight(i);
    }

    /** Weights read or built so far (0 without weights). */
    public long weightLoads() { return weights == null ? 0 : weights.loads(); }

    @Override
    public void close() throws IOException {
        synchronized (opened) {
            for (ImageStack s : opened) s.close();
            opened.clear();
        }
    }
}
