package org.jspt.refine.options;

import java.util.Optional;
import org.jspt.proc.Processor;

/**
 * The per-stage part of the preprocessing chain ({@code docs/reference/refinemulti.md} §4.1 steps 5–9) for the coarse or
 * the fine alignment copies: its filters, its shrink factor and the box it produces. The fine chain's
 * filters are already resolved with {@code --procfinelikecoarse} (§4.2). Immutable.
 *
 * @param shrink the factor s (≤ 1: none)
 * @param box the box after {@code --clip} and the shrink: {@code floor(N'/s + 0.5)} (even)
 */
public record FilterChain(Optional<Modifier<Processor>> lowpass, Optional<Modifier<Processor>> highpass,
                          Optional<Modifier<Processor>> preprocess, int shrink, int box) {
    /** True if any filter is set or the chain shrinks. */
    public boolean hasFilters() { return lowpass.isPresent() || highpass.isPresent() || preprocess.isPresent(); }
}
