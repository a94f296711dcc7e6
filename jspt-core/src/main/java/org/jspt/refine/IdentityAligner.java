package org.jspt.refine;

import java.util.List;
import org.jspt.align.AlignResult;
import org.jspt.align.Aligner;
import org.jspt.align.Comparator;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;

/** {@code --align None} (§6.1 Spec): no coarse search; the identity, scored by the comparator on the untransformed pair. */
final class IdentityAligner implements Aligner {
    @Override
    public String name() { return "none"; }

    @Override
    public List<AlignResult> align(Volume particle, Volume reference, Comparator cmp, int nsoln) {
        return List.of(new AlignResult(Transform.identity(), cmp.compare(particle, reference)));
    }
}
