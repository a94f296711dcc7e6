package org.jspt.refine.options;

import java.util.ArrayList;
import java.util.List;
import org.jspt.io.eman2.PythonRepr;

/**
 * EMAN2's edits of the aligner strings before they are parsed ({@code sptParseAligner} and
 * {@code calcAliStep}, {@code docs/reference/refinemulti.md} §6.2–§6.3), on plain strings, with the reference's fixes: a
 * {@code search=} value is replaced in place (EMAN2 dropped the parameters between it and the last one)
 * and the {@code --radius} coarse step uses the shrunk pixel size. Pure functions.
 */
public final class AlignerStrings {
    /** EMAN2's default of {@code --search}: with it, a {@code search=} in the aligner string wins. */
    public static final int DEFAULT_SEARCH = 8;
    /** EMAN2's default of {@code --searchfine}. */
    public static final int DEFAULT_SEARCHFINE = 2;

    private AlignerStrings() {}

    /** An edited aligner string and the search value the option takes from it. */
    public record Edited(String text, int search) {}

    /** The aligner name: the text before the first ':'. */
    public static String name(String modifier) {
        int c = modifier.indexOf(':');
        return c < 0 ? modifier : modifier.substring(0, c);
    }

    /** True if the string is empty, null or None/none (the option is off). */
    public static boolean isOff(String modifier) {
        return modifier == null || modifier.isEmpty() || modifier.equalsIgnoreCase("none");
    }

    /** True for the tree aligner, whose presence forces fine alignment off (§6.1). */
    public static boolean isTree(String align) {
        return !isOff(align) && align.contains("rotate_translate_3d_tree");
    }

    /**
     * §6.2 step 1, the {@code search} part, for {@code rotate_translate_3d} and {@code rotate_translate_3d_grid}
     * (the aligners with a {@code search} parameter): no search key → append {@code :search=<search>} if
     * search ≠ 0; {@code search=v} given → {@code --search} ≠ 8 replaces v in place, else v wins.
     * @throws IllegalArgumentException if v is not an int
     */
    public static Edited reconcileSearch(String align, int search) {
        if (isOff(align)) return new Edited(align, search);
        String n = name(align);
        if (!n.equals("rotate_translate_3d") && !n.equals("rotate_translate_3d_grid")) return new Edited(align, search);
        return reconcile(align, search, DEFAULT_SEARCH, search != 0);
    }

    /**
     * §6.2 step 2, for {@code refine_3d_grid}: no search key → append {@code :search=<searchfine>};
     * otherwise {@code --searchfine} ≠ 2 replaces the value in place, and 2 lets the string win.
     */
    public static Edited reconcileSearchFine(String falign, int searchfine) {
        if (isOff(falign) || !name(falign).equals("refine_3d_grid")) return new Edited(falign, searchfine);
        return reconcile(falign, searchfine, DEFAULT_SEARCHFINE, true);
    }

    private static Edited reconcile(String s, int option, int optionDefault, boolean appendIfAbsent) {
        String[] tok = s.split(":", -1);
        int at = -1;
        boolean anySearch = false;
        for (int i = 1; i < tok.length; i++) {
            String key = key(tok[i]);
            if (key.equals("search")) at = i;
            if (key.startsWith("search")) anySearch = true;
        }
        if (at < 0) {
            // NB: searchx/y/z cannot be combined with search (docs/reference/alignment.md §7.1), so those strings stay as they are.
            return new Edited(anySearch || !appendIfAbsent ? s : s + ":search=" + option, option);
        }
        String v = tok[at].substring(tok[at].indexOf('=') + 1);
        if (option != optionDefault) {
            tok[at] = "search=" + option;
            return new Edited(String.join(":", tok), option);
        }
        Integer fromString = PythonNumbers.parseInt(v);
        if (fromString == null) throw new IllegalArgumentException("'" + s + "': search=" + v + " is not an int");
        return new Edited(s, fromString);
    }

    /**
     * §6.2 step 1, the {@code sym} part: for an aligner whose name contains {@code rotate} (not a
     * {@code grid} one), with a symmetry other than c1 and no {@code sym} already in the string, append
     * {@code :sym=<sym>}.
     */
    public static String withSym(String align, String sym) {
        if (isOff(align) || sym == null || sym.isBlank() || sym.equalsIgnoreCase("c1")) return align;
        if (!name(align).contains("rotate") || align.contains("grid")) return align;
        for (String t : align.split(":")) if (key(t).equals("sym")) return align;
        return align + ":sym=" + sym;
    }

    /**
     * §6.2 step 1, last point: {@code rotate_translate_3d_grid} with alt0 = alt1, phi0 = phi1 or
     * az0 = az1 (an empty range). Empty list if fine.
     */
    public static List<String> gridRangeProblems(String align) {
        List<String> out = new ArrayList<>();
        if (isOff(align) || !name(align).equals("rotate_translate_3d_grid")) return out;
        for (String axis : new String[] {"alt", "phi", "az"}) {
            String a = value(align, axis + "0"), b = value(align, axis + "1");
            if (a == null || b == null) continue;
            Double x = PythonNumbers.parseFloat(a), y = PythonNumbers.parseFloat(b);
            if (x != null && x.equals(y)) out.add(axis + "0 and " + axis + "1 are equal (" + a + "): the " + axis + " range is empty");
        }
        return out;
    }

    /** The steps {@code --radius} gives (§6.3), rounded as EMAN2 writes them; degrees. */
    public record RadiusSteps(double coarseStep, double fineStep, double range, int searchCoarse, int searchFine) {
        /** {@code rotate_translate_3d:search=…:delta=…:dphi=…} (without sym; see {@link #withSym}). */
        public String coarseAligner() {
            return "rotate_translate_3d:search=" + searchCoarse + ":delta=" + PythonRepr.formatPlain(coarseStep) + ":dphi=" + PythonRepr.formatPlain(coarseStep);
        }

        /** {@code refine_3d_grid:range=…:delta=…:search=…}. */
        public String fineAligner() {
            return "refine_3d_grid:range=" + PythonRepr.formatPlain(range) + ":delta=" + PythonRepr.formatPlain(fineStep) + ":search=" + searchFine;
        }
    }

    /**
     * §6.3 with the reference's fix (the coarse pixel size includes {@code --shrink}).
     * @param radius particle radius, Å (> 0)
     * @param apix pixel size of the raw particles, Å
     * @param box raw box size N
     * @param shrink {@code --shrink} (≤ 1: none); shrinkfine likewise
     * @param precision {@code --precision}; values > 1 coarsen both steps
     */
    public static RadiusSteps radiusSteps(double radius, double apix, int box, int shrink, int shrinkfine,
                                          double precision, int search, int searchfine) {
        int sc = shrink > 1 ? shrink : 1, sf = shrinkfine > 1 ? shrinkfine : 1;
        double rC = radius / (apix * sc), rF = radius / (apix * sf);
        double coarseStep1px = 360 / (2 * Math.PI * rC), fineStep = 360 / (2 * Math.PI * rF);
        if (precision > 1) {
            coarseStep1px *= precision;
            fineStep *= precision;
        }
        double fineStepR = Math.floor(100 * fineStep) / 100;
        double range = 2 * fineStep;
        double rangeR = Math.ceil(100 * range) / 100;
        double angDistR = Math.floor(100 * 2 * range) / 100;
        double coarseStep = Math.max(angDistR / 2.25, coarseStep1px);
        double coarseStepR = Math.floor(100 * coarseStep) / 100;
        int searchC;
        if (search > 1) {
            searchC = search; // NB: EMAN2 does not divide an explicit search by the shrink factor
        } else {
            searchC = search == 0 ? 0 : search == 1 ? 1 : box / 2 - 2;
            if (sc > 1) searchC = (int) (searchC / (double) sc);
        }
        return new RadiusSteps(coarseStepR, fineStepR, rangeR, searchC, searchfine);
    }

    private static String key(String token) {
        int eq = token.indexOf('=');
        return eq < 0 ? token : token.substring(0, eq);
    }

    private static String value(String s, String key) {
        String[] tok = s.split(":");
        String v = null;
        for (int i = 1; i < tok.length; i++) if (key(tok[i]).equals(key) && tok[i].contains("=")) v = tok[i].substring(tok[i].indexOf('=') + 1);
        return v;
    }
}
