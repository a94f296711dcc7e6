package org.jspt.refine;

import java.nio.file.Path;
import java.util.List;

/** Where the initial references come from ({@code docs/reference/refinemulti.md} §5). */
public sealed interface ReferenceSource {
    /** --ref files (first image each), cycled or cut to nref; each copy phase-randomised beyond randPhase Å if &gt; 0. */
    record Files(List<String> files, int nref, double randPhase) implements ReferenceSource {}

    /**
     * Built from the data: method bt, hac or ssa on nref contiguous groups of particles (or the groups of a
     * --classmx file), with the subset sizes of §5.2.4.
     */
    record FromData(String method, int nref, int btref, int hacref, int ssaref, int subset4ref, Path classmx) implements ReferenceSource {
        /**
         * The number m of particles of a group (the first m, ascending index) used to build its reference
         * (§5.2.4): bt → btref, else subset4ref, else the group size, then the largest power of 2 ≤ min(m, group);
         * hac/ssa → hacref/ssaref, else subset4ref, else 10, then min(m, group).
         */
        public int subsetSize(int groupSize) {
            if (method.equals("bt")) {
                int m = btref > 0 ? btref : subset4ref > 0 ? subset4ref : groupSize;
                m = Math.min(m, groupSize);
                return m < 1 ? 0 : Integer.highestOneBit(m);
            }
            int own = method.equals("hac") ? hacref : ssaref;
            int m = own > 0 ? own : subset4ref > 0 ? subset4ref : 10;
            return Math.min(m, groupSize);
        }
    }
}
