package org.jspt.refine.options;

import java.util.ArrayList;
import java.util.List;
import org.jspt.align.AlignResult;
import org.jspt.align.Aligner;
import org.jspt.align.Comparator;
import org.jspt.average.Averagers;
import org.jspt.image.Volume;
import org.jspt.proc.Catalog;
import org.jspt.proc.Descriptor;
import org.jspt.proc.ParamSpec;
import org.jspt.proc.ParamType;
import org.jspt.proc.Registry;

/**
 * Catalogs for validator tests: the real processors and averagers, and aligners/comparators declared
 * with EMAN2's parameter names ({@code docs/reference/alignment.md} §5–§7) whose objects only carry their name (the
 * validator never aligns). Independent of which real aligners have landed.
 */
public final class TestCatalogs {
    private TestCatalogs() {}

    public static RefineValidator validator() {
        return new RefineValidator(new RefineValidator.Catalogs(Registry.processors(), aligners(), comparators(), Averagers.catalog()));
    }

    /** An aligner that records its name and parameter text; aligning is not what these tests exercise. */
    record NamedAligner(String name, String spec) implements Aligner {
        @Override
        public List<AlignResult> align(Volume particle, Volume reference, Comparator cmp, int nsoln) {
            throw new UnsupportedOperationException("validator tests do not align");
        }
    }

    record NamedComparator(String name) implements Comparator {
        @Override
        public double compare(Volume image, Volume with) { throw new UnsupportedOperationException("validator tests do not compare"); }
    }

    public static Catalog<Aligner> aligners() {
        List<Descriptor<Aligner>> l = new ArrayList<>();
        l.add(aligner("rotate_translate_3d_tree", "sym:S sigmathis:F sigmato:F maxshift:I maxres:F minres:F maxang:F initxform:T randphi:B rand180:B mask:V verbose:I"));
        l.add(aligner("rotate_translate_3d", "sym:S orientgen:S delta:F n:I dphi:F phi0:F phi1:F dotrans:B search:I searchx:I searchy:I searchz:I initxform:T verbose:I"));
        l.add(aligner("rotate_translate_3d_grid", "alt0:F alt1:F dalt:F az0:F az1:F daz:F phi0:F phi1:F dphi:F dotrans:B search:I searchx:I searchy:I searchz:I initxform:T verbose:I"));
        l.add(aligner("refine_3d_grid", "xform.align3d:T delta:F range:F dotrans:B search:I searchx:I searchy:I searchz:I verbose:I"));
        return new Catalog<>("aligner", l);
    }

    public static Catalog<Comparator> comparators() {
        List<Descriptor<Comparator>> l = new ArrayList<>();
        l.add(new Descriptor<>("ccc", "", params("mask:V negative:B"), p -> new NamedComparator("ccc")));
        l.add(new Descriptor<>("ccc.tomo", "", params("norm:B ccf:V searchx:I searchy:I searchz:I normalize:B"), p -> new NamedComparator("ccc.tomo")));
        l.add(new Descriptor<>("ccc.tomo.thresh", "", params("sigmaimg:F sigmawith:F negative:B"), p -> new NamedComparator("ccc.tomo.thresh")));
        return new Catalog<>("comparator", l);
    }

    private static Descriptor<Aligner> aligner(String name, String params) {
        return new Descriptor<>(name, "", params(params), p -> new NamedAligner(name, p.spec()));
    }

    private static List<ParamSpec> params(String decl) {
        List<ParamSpec> l = new ArrayList<>();
        for (String d : decl.split(" ")) {
            String[] nt = d.split(":");
            ParamType t = switch (nt[1]) {
                case "S" -> ParamType.STRING;
                case "F" -> ParamType.FLOAT;
                case "I" -> ParamType.INT;
                case "B" -> ParamType.BOOL;
                case "T" -> ParamType.TRANSFORM;
                default -> ParamType.VOLUME;
            };
            l.add(ParamSpec.of(nt[0], t, ""));
        }
        return l;
    }
}
