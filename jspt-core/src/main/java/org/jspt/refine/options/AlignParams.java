package org.jspt.refine.options;

import java.util.List;
import java.util.Optional;
import org.jspt.align.Aligner;
import org.jspt.align.Comparator;

/**
 * The alignment configuration ({@code docs/reference/refinemulti.md} §6, §7.1) after the §6.2 string edits and the
 * {@code --radius} computation. Immutable.
 *
 * @param coarse the coarse aligner per reference k (index = class), each with {@code :sym=<sym_k>} added
 *               where §6.2 adds it; empty entries when {@code --align None} (no coarse search, §6.1)
 * @param aligncmp the coarse comparator (also scores the identity when there is no coarse search)
 * @param fine the fine aligner, empty if off (not given, None, or forced off by the tree aligner)
 * @param faligncmp the fine comparator (empty only if fine alignment is off and it was set to None)
 * @param search the effective {@code --search} (the aligner string's value when {@code --search} was left at 8)
 * @param searchfine the effective {@code --searchfine}
 * @param tree true if the coarse aligner is {@code rotate_translate_3d_tree}
 */
public record AlignParams(List<Optional<Modifier<Aligner>>> coarse, Modifier<Comparator> aligncmp,
                          Optional<Modifier<Aligner>> fine, Optional<Modifier<Comparator>> faligncmp,
                          int npeakstorefine, int search, int searchfine, boolean tree, boolean randomizewedge,
                          boolean tweak, double radius, double precision) {
    public AlignParams {
        coarse = List.copyOf(coarse);
    }

    /** True if fine alignment runs. */
    public boolean fineOn() { return fine.isPresent(); }

    /** The coarse aligner against reference k, or empty for no coarse search. */
    public Optional<Modifier<Aligner>> coarse(int k) { return coarse.get(k); }
}
