package org.jspt.align;

import java.util.ArrayList;
import java.util.List;
import org.jspt.proc.Catalog;
import org.jspt.proc.Descriptor;

/**
 * The comparators and aligners known by name, built from {@code name:key=value} strings with the same
 * {@link Catalog} machinery (typed parameters, unknown keys rejected with the closest valid names) and the
 * same {@code help} listings as the processors.
 *
 * <p>NB: each implementation contributes its {@link Descriptor} here; keep the lists in EMAN2's order.
 */
public final class AlignRegistry {
    private static final List<Descriptor<Comparator>> COMPARATORS = new ArrayList<>();
    private static final List<Descriptor<Aligner>> ALIGNERS = new ArrayList<>();

    static {
        // Filled in by the comparator and aligner implementations (see their DESCRIPTOR constants).
        COMPARATORS.add(Ccc.DESCRIPTOR);
        COMPARATORS.add(CccTomo.DESCRIPTOR);
        COMPARATORS.add(CccTomoThresh.DESCRIPTOR);
        COMPARATORS.add(FscTomoAuto.DESCRIPTOR);
        ALIGNERS.add(Translational.DESCRIPTOR);
        ALIGNERS.add(RotateTranslate3dGrid.DESCRIPTOR);
        ALIGNERS.add(RotateTranslate3d.DESCRIPTOR);
        ALIGNERS.add(Refine3dGrid.DESCRIPTOR);
        ALIGNERS.add(TreeAligner.DESCRIPTOR);
        ALIGNERS.add(SymAlignQuat.DESCRIPTOR);
    }

    private static volatile Catalog<Comparator> comparators;
    private static volatile Catalog<Aligner> aligners;

    private AlignRegistry() {}

    public static Catalog<Comparator> comparators() {
        if (comparators == null) comparators = new Catalog<>("comparator", COMPARATORS);
        return comparators;
    }

    public static Catalog<Aligner> aligners() {
        if (aligners == null) aligners = new Catalog<>("aligner", ALIGNERS);
        return aligners;
    }
}
