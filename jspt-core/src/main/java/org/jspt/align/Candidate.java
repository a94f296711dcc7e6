package org.jspt.align;

import org.jspt.geom.Transform;

/**
 * One scored candidate of a search, with its position {@code index} in the search order (EMAN2 visits
 * candidates in that order and keeps the earlier one on a tie). Immutable.
 */
record Candidate(int index, Transform xform, double score, double coverage) {
    /** True if this one ranks before {@code o}: lower score, or equal score and earlier. */
    boolean before(Candidate o) {
        return score < o.score || (score == o.score && index < o.index);
    }

    AlignResult toResult() { return new AlignResult(xform, score, coverage); }
}
