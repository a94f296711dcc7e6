package org.jspt.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * Alternative conformations: of the atoms of a residue that carry an alternative-location id, only those of the
 * residue's first id are kept (usually A), so a residue modelled twice is not counted twice in the density. Atoms
 * without an id are always kept. The rule gemmi's {@code remove_alternative_conformations} applies.
 */
final class AltLocs {
    private final Map<String, String> first = new HashMap<>();

    /**
     * @param residue the residue's key (chain, number and insertion code)
     * @param altloc the atom's alternative-location id, empty (or {@code .}/{@code ?} in mmCIF) for none
     */
    boolean keep(String residue, String altloc) {
        if (altloc.isEmpty() || altloc.equals(".") || altloc.equals("?")) return true;
        return first.computeIfAbsent(residue, r -> altloc).equals(altloc);
    }
}
