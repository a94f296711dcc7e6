package org.jspt.refine;

import java.util.ArrayList;
import java.util.List;
import org.jspt.align.AlignResult;
import org.jspt.align.Aligner;
import org.jspt.align.Comparator;
import org.jspt.image.Volume;

/**
 * The coarse search of one particle against all K references of an iteration. Prepared once per
 * iteration (so implementations can precompute what depends only on the references) and shared by all
 * particles. Thread-safe.
 */
public interface ReferenceAligner {
    /** Number of references. */
    int size();

    /**
     * Coarse solutions of the (preprocessed) particle against every reference, best first per reference,
     * each with the particle's transform in voxels of the coarse box.
     */
    List<List<AlignResult>> align(Volume particle, int nsoln);

    /**
     * As {@link #align(Volume, int)} for a particle measured with Fourier weight {@code weight} (on the
     * particle's box; null: none). Searches that cannot use a weight ignore it (this default): only the tree
     * aligner's does (docs/weights.md).
     */
    default List<List<AlignResult>> align(Volume particle, org.jspt.ctf.FourierWeight weight, int nsoln) { return align(particle, nsoln); }

    /**
     * A local search against each reference k within {@code maxang} degrees of {@code starts.get(k)} (the particle's
     * transform in voxels of the coarse box), for --goldstandard (§7.9); null if this search has no local form.
     */
    default List<List<AlignResult>> alignLocal(Volume particle, org.jspt.ctf.FourierWeight weight, List<org.jspt.geom.Transform> starts,
                                               double maxang, int nsoln) { return null; }

    /** True if {@link #align(Volume, org.jspt.ctf.FourierWeight, int)} uses the weight. */
    default boolean usesWeights() { return false; }

    /** The straightforward implementation: one {@link Aligner} per reference (they may differ by symmetry). */
    static ReferenceAligner perReference(List<Aligner> aligners, List<Volume> references, Comparator cmp) {
        if (aligners.size() != references.size()) throw new IllegalArgumentException("one aligner per reference needed");
        List<Volume> refs = List.copyOf(references);
        List<Aligner> al = List.copyOf(aligners);
        return new ReferenceAligner() {
            @Override public int size() { return refs.size(); }

            @Override
            public List<List<AlignResult>> align(Volume particle, int nsoln) {
                List<List<AlignResult>> out = new ArrayList<>(refs.size());
                for (int k = 0; k < refs.size(); k++) out.add(al.get(k).align(particle, refs.get(k), cmp, nsoln));
                return out;
            }
        };
    }
}
