package org.jspt.align;

import java.util.function.Function;
import org.jspt.image.Volume;
import org.jspt.proc.ProcessorSpec;

/**
 * Library entry points for a {@code jspt align}-style command: build comparators and aligners from EMAN2
 * {@code name:key=value} strings and run a coarse alignment optionally followed by a local refinement.
 * Stateless and thread-safe.
 */
public final class Alignments {
    /** EMAN2's default {@code --aligncmp} / {@code --faligncmp}. */
    public static final String DEFAULT_CMP = CccTomoThresh.NAME;

    /** The outcome of a coarse alignment and its optional refinement (null if none was asked). */
    public record Outcome(AlignResult coarse, AlignResult fine) {
        /** The final solution: the refined one if any, else the coarse one. */
        public AlignResult best() { return fine != null ? fine : coarse; }
    }

    private Alignments() {}

    /**
     * A comparator from a spec string; null, empty or "none" give {@link #DEFAULT_CMP}.
     * @param resolver loads VOLUME parameters given as file names (e.g. ccc's mask); may be null
     * @throws IllegalArgumentException for an unknown name or key (listing the valid ones) or a bad value
     */
    public static Comparator comparator(String spec, Function<String, Volume> resolver) {
        ProcessorSpec s = ProcessorSpec.parse(spec).orElse(ProcessorSpec.of(DEFAULT_CMP));
        return AlignRegistry.comparators().create(s, resolver);
    }

    /**
     * An aligner from a spec string, or null for null/empty/"none".
     * @param sym if non-null and the aligner declares {@code sym} and the spec does not set it, it is set to
     *            this (what EMAN2's programs do with their {@code --sym} option)
     * @throws IllegalArgumentException for an unknown name or key (listing the valid ones) or a bad value
     */
    public static Aligner aligner(String spec, String sym, Function<String, Volume> resolver) {
        ProcessorSpec s = ProcessorSpec.parse(spec).orElse(null);
        if (s == null) return null;
        if (sym != null && !s.values().containsKey("sym")
                && AlignRegistry.aligners().descriptor(s.name(), s.text()).param("sym") != null) {
            s = s.with("sym", sym);
        }
        return AlignRegistry.aligners().create(s, resolver);
    }

    /**
     * Aligns the particle to the reference with {@code align}/{@code cmp}, then, if {@code falign} is
     * non-null, refines: a {@link Refine3dGrid} starts from the coarse solution; another aligner is simply run
     * again with {@code fcmp}. Neither volume is modified.
     * @return the coarse best and the refined best (or null)
     */
    public static Outcome align(Volume particle, Volume reference, Aligner align, Comparator cmp, Aligner falign, Comparator fcmp) {
        AlignResult coarse = align.alignBest(particle, reference, cmp);
        if (falign == null) return new Outcome(coarse, null);
        Aligner f = falign instanceof Refine3dGrid r ? r.withStart(coarse.xform()) : falign;
        return new Outcome(coarse, f.alignBest(particle, reference, fcmp == null ? cmp : fcmp));
    }
}
