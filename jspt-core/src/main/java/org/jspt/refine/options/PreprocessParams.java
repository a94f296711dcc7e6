package org.jspt.refine.options;

import java.nio.file.Path;
import java.util.Optional;
import org.jspt.image.Volume;
import org.jspt.proc.Processor;
import org.jspt.proc.ProcessorSpec;
import org.jspt.proc.Registry;

/**
 * The preprocessing of the alignment copies ({@code docs/reference/refinemulti.md} §4): the shared steps 1–4 and 8 and
 * one {@link FilterChain} per stage. Immutable.
 *
 * @param mask {@code --mask} (applied to a volume of ones to make the mask M)
 * @param maskfile {@code --maskfile}, multiplied into M (checked readable and cubic)
 * @param normproc {@code --normproc} as a checked spec; build it with {@link #normproc(Volume)} because
 *                 {@code normalize.mask} needs M
 * @param threshold {@code --threshold}
 * @param clip {@code --clip} (≤ 0: none)
 * @param rawBox the particles' box N
 * @param fineNeeded true if fine alignment is on (the fine chain is used)
 * @param savepreproc {@code --savepreproc}
 */
public record PreprocessParams(Optional<Modifier<Processor>> mask, Optional<Path> maskfile, Optional<ProcessorSpec> normproc,
                               Optional<Modifier<Processor>> threshold, int clip, int rawBox, FilterChain coarse,
                               FilterChain fine, boolean fineNeeded, boolean procfinelikecoarse, boolean savepreproc) {
    /** The box after {@code --clip} (N' of §4.1), before shrinking. */
    public int clippedBox() { return clip > 0 ? clip : rawBox; }

    /**
     * The normalisation processor; {@code normalize.mask} gets {@code mask} as its mask parameter (§4.1 step 2).
     * Empty if {@code --normproc} is not set.
     */
    public Optional<Processor> normproc(Volume mask) {
        return normproc.map(s -> Registry.create(s.name().equals("normalize.mask") && !s.values().containsKey("mask")
                ? s.with("mask", mask) : s, null));
    }

    /** The box after clip and shrink s: {@code floor(N'/s + 0.5)} for s > 1 (fft.resample's size). */
    public static int shrunkBox(int clippedBox, int shrink) {
        return shrink > 1 ? (int) Math.floor(clippedBox / (double) shrink + 0.5) : clippedBox;
    }
}
