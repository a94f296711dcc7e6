package org.jspt.refine.options;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the K starting references come from ({@code docs/reference/refinemulti.md} §5) and how they are made.
 * Immutable.
 *
 * @param source FILES ({@code --ref}), DATA (built from contiguous groups of the particles) or CLASSMX
 *               (built from the groups of {@code --classmx})
 * @param k number of references (classes), ≥ 2
 * @param files for FILES: the K reference files, one entry per reference (a single {@code --ref} repeated,
 *              or the list cut to / cycled up to K, §5.1); empty otherwise
 * @param refrandphase {@code --refrandphase} in Å; phases are randomised beyond it if {@code (int) value > 0}
 * @param method for DATA and CLASSMX: bt, hac or ssa after the {@code --hacref/--btref/--ssaref} override
 * @param subset4ref {@code --subset4ref}, 0 if not given
 * @param classmx the {@code --classmx} file (CLASSMX only)
 * @param inixforms the {@code --inixforms} JSON file, if given
 * @param refpreprocess {@code --refpreprocess}; the full chain is also used for DATA/CLASSMX references (§4.3)
 * @param grouping jspt {@code --grouping} (§16.1): which particles build DATA references
 */
public record ReferenceParams(Source source, int k, List<Path> files, double refrandphase, RefGenMethod method,
                              int btref, int hacref, int ssaref, int subset4ref, Optional<Path> classmx,
                              Optional<Path> inixforms, boolean refpreprocess, Grouping grouping) {
    public enum Source { FILES, DATA, CLASSMX }

    /** With EMAN2's contiguous groups (no {@code --grouping}). */
    public ReferenceParams(Source source, int k, List<Path> files, double refrandphase, RefGenMethod method, int btref, int hacref,
                           int ssaref, int subset4ref, Optional<Path> classmx, Optional<Path> inixforms, boolean refpreprocess) {
        this(source, k, files, refrandphase, method, btref, hacref, ssaref, subset4ref, classmx, inixforms, refpreprocess, Grouping.CONTIGUOUS);
    }

    /** jspt --grouping (§16.1): which particles build the references from the data. */
    public enum Grouping {
        /** EMAN2: K equal contiguous groups of the stack. */
        CONTIGUOUS,
        /** Each next reference from the particles that fit the references so far worst. */
        FARTHEST,
        /** One reference, then the class whose members differ most is split in two until there are K (§16.4). */
        SPLIT;

        public String word() { return name().toLowerCase(java.util.Locale.ROOT); }

        /** @return the grouping named {@code w}, or null */
        public static Grouping parse(String w) {
            for (Grouping g : values()) if (g.word().equals(w)) return g;
            return null;
        }
    }

    /** bt, hac or ssa. */
    public enum RefGenMethod {
        BT, HAC, SSA;

        /** The lower-case name used on the command line. */
        public String optionValue() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public ReferenceParams {
        files = List.copyOf(files);
    }

    /** True if the references get random phases (§5.1 step 3). */
    public boolean randomPhases() { return (int) refrandphase > 0; }

    /** §5.2.4's subset size for a group. */
    public int subsetSize(int groupSize) {
        return subsetSize(method.optionValue(), btref, hacref, ssaref, subset4ref, groupSize);
    }

    /**
     * The number m of particles of a group (the first m, ascending index) used to build its reference
     * (§5.2.4): bt → btref, else subset4ref, else the group size, then the largest power of 2 ≤ min(m, group);
     * hac/ssa → hacref/ssaref, else subset4ref, else 10, then min(m, group).
     */
    public static int subsetSize(String method, int btref, int hacref, int ssaref, int subset4ref, int groupSize) {
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
