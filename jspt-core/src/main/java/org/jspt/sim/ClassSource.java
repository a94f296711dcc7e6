package org.jspt.sim;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One simulated class: its scatterers (Å) and the point (Å) that goes to the box centre voxel.
 * For a PDB the origin is the centre of mass of the whole file's model (all chains), so classes made of
 * different chain subsets of one complex share one frame and superpose.
 */
public record ClassSource(String label, AtomModel atoms, double[] origin) {
    public ClassSource {
        if (atoms.size() == 0) throw new IllegalArgumentException("class '" + label + "' has no atoms");
        origin = origin.clone();
    }

    /**
     * A class from a PDB or mmCIF file (gzipped or not, {@link StructureFiles}), optionally restricted to some atoms ({@link AtomSelection}: chains such as "AB",
     * residue ranges such as "A/1-40,B", removals such as "ABC,-C/20-40").
     * @param spec {@code FILE} or {@code FILE:SELECTION}
     */
    public static ClassSource fromPdbSpec(String spec) throws IOException {
        String[] parts = splitPdbSpec(spec);
        String selection = parts[1];
        Path path = Path.of(parts[0]);
        AtomModel all = StructureFiles.read(path);
        double[] com = all.centreOfMass();
        String stem = path.getFileName().toString().replaceFirst("(?i)\\.gz$", "").replaceFirst("\\.[^.]*$", "");
        if (selection == null) return new ClassSource(stem, all, com);
        AtomModel sub;
        try {
            sub = AtomSelection.parse(selection).apply(all);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
        // The label of a plain chain list stays "stem:ABC" (without commas) as before, unless the model has chain ids of
        // several characters: there "A,B" and "AB" are different chains.
        String label = !all.hasLongChainIds() && selection.matches("[A-Za-z0-9,]+") ? selection.replace(",", "") : selection;
        return new ClassSource(stem + ":" + label, sub, com);
    }

    /**
     * {@code {FILE, SELECTION}} of a {@code FILE[:SELECTION]} spec, SELECTION null when there is none: the last colon
     * splits only when what follows it reads as an {@link AtomSelection}, so a path with a colon stays whole.
     */
    public static String[] splitPdbSpec(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon > 0 && AtomSelection.looksLikeSelection(spec.substring(colon + 1))) {
            return new String[] {spec.substring(0, colon), spec.substring(colon + 1)};
        }
        return new String[] {spec, null};
    }

    /** A built-in phantom (see {@link Phantoms}), centred on its centre of mass. */
    public static ClassSource phantom(String name, int box, double apix) {
        AtomModel m = Phantoms.build(name, box, apix);
        return new ClassSource(name, m, m.centreOfMass());
    }
}
