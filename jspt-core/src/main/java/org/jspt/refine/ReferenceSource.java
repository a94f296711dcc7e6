package org.jspt.refine;

import java.nio.file.Path;
import java.util.List;
import org.jspt.refine.options.ReferenceParams;

/** Where the initial references come from ({@code docs/reference/refinemulti.md} §5). */
public sealed interface ReferenceSource {
    /** --ref files (first image each), cycled or cut to nref; each copy phase-randomised beyond randPhase Å if &gt; 0. */
    record Files(List<String> files, int nref, double randPhase) implements ReferenceSource {}

    /**
     * Built from the data: method bt, hac or ssa on nref contiguous groups of particles (or the groups of a
     * --classmx file), with the subset sizes of §5.2.4; or by one of jspt's {@code --grouping} alternatives (§16.1).
     */
    record FromData(String method, int nref, int btref, int hacref, int ssaref, int subset4ref, Path classmx, ReferenceParams.Grouping grouping) implements ReferenceSource {
        /** EMAN2's groups: contiguous, or those of --classmx. */
        public FromData(String method, int nref, int btref, int hacref, int ssaref, int subset4ref, Path classmx) {
            this(method, nref, btref, hacref, ssaref, subset4ref, classmx, ReferenceParams.Grouping.CONTIGUOUS);
        }

        /** True for EMAN2's contiguous groups (or --classmx's), the only case that writes classmx_00. */
        public boolean contiguousGroups() { return grouping == ReferenceParams.Grouping.CONTIGUOUS; }

        /** True for references split from the data (--grouping split, §16.4), which share one frame. */
        public boolean splitGroups() { return grouping == ReferenceParams.Grouping.SPLIT; }

        /** §5.2.4's subset size for a group ({@link ReferenceParams#subsetSize(String, int, int, int, int, int)}). */
        public int subsetSize(int groupSize) {
            return ReferenceParams.subsetSize(method, btref, hacref, ssaref, subset4ref, groupSize);
        }
    }
}
