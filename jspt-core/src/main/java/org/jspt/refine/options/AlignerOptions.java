package org.jspt.refine.options;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspt.align.Aligner;
import org.jspt.align.Comparator;
import org.jspt.proc.Catalog;

/**
 * Builds {@link AlignParams} from the aligner options ({@code docs/reference/refinemulti.md} §6): the {@code --radius}
 * strings (§6.3) or the {@code search} reconciliation (§6.2), the tree aligner forcing fine alignment off
 * (§6.1, with a warning), the per-class {@code :sym=} (§7.6.4), then parsing through the registries.
 * Problems and warnings go to the caller's lists. Lives while {@link RefineValidator} checks one command line.
 */
final class AlignerOptions {
    /** The effective strings and search values after the edits, before parsing. */
    record Strings(String align, String falign, int search, int searchfine) {}

    private final RefineOptions o;
    private final ModifierParser parser;
    private final List<String> problems;
    private final List<String> warnings;

    AlignerOptions(RefineOptions o, ModifierParser parser, List<String> problems, List<String> warnings) {
        this.o = o;
        this.parser = parser;
        this.problems = problems;
        this.warnings = warnings;
    }

    /**
     * §6.3 and §6.2 on the strings.
     * @param apix raw pixel size (Å), box raw box N, shrink the effective coarse shrink; used with --radius only
     *             (apix ≤ 0 means unknown: the radius computation is skipped)
     */
    Strings edit(double apix, int box, int shrink, int shrinkfine) {
        String align = o.string("align"), falign = o.string("falign");
        int search = o.integer("search"), searchfine = o.integer("searchfine");
        double radius = o.real("radius");
        if (radius > 0 && apix > 0) {
            AlignerStrings.RadiusSteps st = AlignerStrings.radiusSteps(radius, apix, box, shrink, shrinkfine,
                    o.real("precision"), search, searchfine);
            align = st.coarseAligner();
            falign = st.fineAligner();
            if (o.integer("verbose") > 9) {
                align += ":verbose=1";
                falign += ":verbose=1";
            }
            if (o.isGiven("align") || o.isGiven("falign")) warnings.add("--radius: replaces --align and --falign by " + align + " and " + falign);
            return new Strings(align, falign, st.searchCoarse(), searchfine);
        }
        try {
            AlignerStrings.Edited a = AlignerStrings.reconcileSearch(align, search);
            align = a.text();
            search = a.search();
        } catch (IllegalArgumentException e) {
            problems.add("--align: " + e.getMessage());
        }
        for (String p : AlignerStrings.gridRangeProblems(align)) problems.add("--align: " + p);
        if (AlignerStrings.isTree(align)) {
            if (!AlignerStrings.isOff(falign)) warnings.add("--falign: ignored (" + falign + "): the tree aligner needs no fine refinement");
            return new Strings(align, "", search, searchfine);
        }
        try {
            AlignerStrings.Edited f = AlignerStrings.reconcileSearchFine(falign, searchfine);
            falign = f.text();
            searchfine = f.search();
        } catch (IllegalArgumentException e) {
            problems.add("--falign: " + e.getMessage());
        }
        return new Strings(align, falign, search, searchfine);
    }

    /**
     * Parses the edited strings; the coarse aligner once per distinct per-class string.
     * @param symNames the symmetry name of each class (K entries)
     */
    AlignParams build(Strings s, List<String> symNames, Catalog<Aligner> aligners, Catalog<Comparator> comparators) {
        Map<String, Optional<Modifier<Aligner>>> byText = new HashMap<>();
        List<Optional<Modifier<Aligner>>> coarse = new ArrayList<>();
        for (String sym : symNames) {
            String text = AlignerStrings.withSym(s.align(), sym);
            Optional<Modifier<Aligner>> m = byText.get(text);
            if (m == null) {
                m = parser.parse("align", text, aligners);
                byText.put(text, m);
            }
            coarse.add(m);
        }
        Optional<Modifier<Comparator>> aligncmp = parser.required("aligncmp", o.string("aligncmp"), comparators, "a comparator");
        Optional<Modifier<Aligner>> fine = parser.parse("falign", s.falign(), aligners);
        Optional<Modifier<Comparator>> faligncmp = AlignerStrings.isOff(s.falign())
                ? parser.parse("faligncmp", o.string("faligncmp"), comparators)
                : parser.required("faligncmp", o.string("faligncmp"), comparators, "a comparator for --falign");
        if (aligncmp.isEmpty()) return null;
        return new AlignParams(coarse, aligncmp.get(), fine, faligncmp, o.integer("npeakstorefine"), s.search(),
                s.searchfine(), AlignerStrings.isTree(s.align()), o.flag("randomizewedge"), o.flag("tweak"),
                o.real("radius"), o.real("precision"));
    }
}
