package org.jspt.align.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * One level of the tree aligner's schedule ({@code docs/reference/alignment.md} §7.4.1). A level is a Fourier crop to
 * ss³; since a crop keeps coefficient values (no rescaling) and the scores only use coefficients within
 * radius {@code rmax} ≤ ss/3, a level is represented here by its radius band, in Fourier pixels of the
 * full N-box, and its angular step.
 *
 * @param ss     crop size (24, 48, 64, … capped at N)
 * @param rmin   smallest shell used (EMAN2's pmin, 4 at refinement levels)
 * @param rmax   largest shell used (EMAN2's pmax = ss/3)
 * @param astep  angular step in degrees: 89.999 / floor(π / (3·atan(2/ss)))
 */
public record Level(int ss, int rmin, int rmax, double astep) {
    /** EMAN2's angular step for a crop size. */
    public static double astep(int ss) {
        return 89.999 / Math.floor(Math.PI / (3 * Math.atan(2.0 / ss)));
    }

    /**
     * The schedule for an N-box: ss = 2^e for e = 4…9, capped at N, raised to 24 (or 48), stopping after the
     * first level with ss ≥ N that is not the first; for N &lt; 48 the sizes are capped at N (spec fix).
     */
    public static List<Level> schedule(int n) {
        List<Level> out = new ArrayList<>();
        int prev = -1;
        for (int e = 4; e <= 9; e++) {
            int ss = Math.min(1 << e, n);
            if (ss < 24) ss = 24;
            else if (ss < 48) ss = 48;
            ss = Math.min(ss, n);
            if (ss == prev) continue;
            out.add(new Level(ss, 4, Math.max(5, ss / 3), astep(ss)));
            prev = ss;
            if (ss >= n) break;
        }
        return out;
    }
}
