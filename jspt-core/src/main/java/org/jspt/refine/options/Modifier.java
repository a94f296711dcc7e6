package org.jspt.refine.options;

import org.jspt.proc.ProcessorSpec;

/**
 * A validated modifier option: the parsed {@code name:key=value} string and the object built from it
 * (a Processor, Aligner, Comparator or AveragerFactory). The spec stays available for steps that must
 * rebuild the object with extra values (e.g. {@code refine_3d_grid} with a starting
 * {@code xform.align3d}, or {@code --tweak} doubling a low-pass cutoff). Immutable if T is.
 */
public record Modifier<T>(ProcessorSpec spec, T value) {
    /** The string as given (after the §6.2 edits for aligners). */
    public String text() { return spec.text(); }

    /** The name before the first ':'. */
    public String name() { return spec.name(); }

    @Override
    public String toString() { return spec.text(); }
}
