package org.jspt.align;

import org.jspt.image.Volume;

/**
 * An EMAN2 comparator ({@code --aligncmp ccc.tomo.thresh}, …): a score of how well two volumes agree.
 * <b>Lower is better</b> (EMAN2 negates similarities). Parameters are parsed once, when the comparator is
 * made from its {@code name:key=value} string through {@link AlignRegistry#comparators()}.
 * Implementations are immutable and thread-safe.
 */
public interface Comparator {
    /** EMAN2 name, e.g. {@code ccc.tomo.thresh}. */
    String name();

    /**
     * Compares {@code image} ("this" in EMAN2) with {@code with} (same shape). Neither is modified.
     * @return the score, lower is better
     */
    double compare(Volume image, Volume with);
}
