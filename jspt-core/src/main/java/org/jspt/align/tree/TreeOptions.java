package org.jspt.align.tree;

import java.util.List;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;

/**
 * Per-call options of the tree search that EMAN2 passes as aligner parameters.
 *
 * @param initxform start transforms of the <b>particle</b> (xform.align3d of a previous iteration); empty
 *                  for a global search
 * @param maxang    if &gt; 0: only orientations within maxang degrees of a start are considered (local search;
 *                  without initxform the start is the identity)
 * @param randphi   also start from every phi (steps of the coarse angular step) of each start's az/alt
 *                  (deterministic stand-in for EMAN2's random phi)
 * @param rand180   also start from each start turned by 180° about x (deterministic stand-in for EMAN2's
 *                  random flip)
 * @param mask      if not null, the particle is {@code normalize.mask}-ed with it ({@code apply_mask=1}) first
 */
public record TreeOptions(List<Transform> initxform, double maxang, boolean randphi, boolean rand180, Volume mask) {
    public static final TreeOptions GLOBAL = new TreeOptions(List.of(), 0, false, false, null);

    public TreeOptions {
        initxform = initxform == null ? List.of() : List.copyOf(initxform);
    }

    /** True if the search is local (EMAN2 skips its global level when initxform or maxang is given). */
    public boolean local() { return !initxform.isEmpty() || maxang > 0; }
}
