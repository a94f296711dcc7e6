package org.jspt.refine.options;

import java.util.List;

/**
 * jspt {@code --restarts N} and {@code --minstability F} ({@code docs/reference/refinemulti.md} §16.5). Immutable.
 *
 * @param restarts number of classifications (1: one run, EMAN2's behaviour)
 * @param minStability particles whose stability is below this are left out of the final averages (0: none)
 */
public record RestartParams(int restarts, double minStability) implements java.io.Serializable {
    /** One run, every particle averaged: EMAN2's behaviour. */
    public static final RestartParams NONE = new RestartParams(1, 0);

    /** The values if valid; otherwise a problem is added and {@link #NONE} returned. */
    static RestartParams check(int restarts, double minStability, List<String> problems) {
        boolean ok = true;
        if (restarts < 1 || restarts > 100) {
            problems.add("--restarts: must be between 1 and 100 (1: one run), got " + restarts);
            ok = false;
        }
        if (!(minStability >= 0 && minStability <= 1)) {
            problems.add("--minstability: must be a fraction in [0, 1], got " + minStability);
            ok = false;
        } else if (minStability > 0 && restarts == 1) {
            problems.add("--minstability needs --restarts 2 or more: with one run every particle's stability is 1");
            ok = false;
        }
        return ok ? new RestartParams(restarts, minStability) : NONE;
    }
}
