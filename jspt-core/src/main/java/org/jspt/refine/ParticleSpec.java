package org.jspt.refine;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Which particles a run reads: the stack (an absolute path, so another JVM with the same shared file
 * system finds it), --subset, --apix and --weights (auto, ctf, premultiplied or none; docs/weights.md).
 * Serializable.
 */
public record ParticleSpec(String input, int subset, double apix, String weights) implements Serializable {
    private static final Map<ParticleSpec, ParticleSource> SHARED = new HashMap<>();

    /** Without a --weights choice: auto. */
    public ParticleSpec(String input, int subset, double apix) { this(input, subset, apix, "auto"); }

    /** Opens the particles (the caller closes them). */
    public ParticleSource open() throws IOException { return new ParticleSource(input, subset, apix, weights); }

    /**
     * One open source per spec for the life of this JVM: for workers that run many passes over the same
     * stack (a Spark executor); its per-thread handles close when the JVM exits.
     */
    public static ParticleSource shared(ParticleSpec spec) {
        synchronized (SHARED) {
            return SHARED.computeIfAbsent(spec, s -> {
                try {
                    return s.open();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
