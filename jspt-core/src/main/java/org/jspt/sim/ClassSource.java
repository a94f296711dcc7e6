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
     * A class from a PDB file, optionally restricted to some chains (e.g. "AB").
     * @param spec {@code FILE} or {@code FILE:CHAINS}
     */
    public static ClassSource fromPdbSpec(String spec) throws IOException {
        int colon = spec.lastIndexOf(':');
        String file = spec, chains = null;
        if (colon > 0 && colon < spec.length() - 1 && !spec.substring(colon + 1).contains("/")) {
            file = spec.substring(0, colon);
            chains = spec.substring(colon + 1).replace(",", "");
        }
        Path path = Path.of(file);
        AtomModel all = PdbReader.read(path);
        double[] com = all.centreOfMass();
        String stem = path.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        if (chains == null) return new ClassSource(stem, all, com);
        AtomModel sub;
        try {
            sub = all.selectChains(chains);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
        return new ClassSource(stem + ":" + chains, sub, com);
    }

    /** A built-in phantom (see {@link Phantoms}), centred on its centre of mass. */
    public static ClassSource phantom(String name, int box, double apix) {
        AtomModel m = Phantoms.build(name, box, apix);
        return new ClassSource(name, m, m.centreOfMass());
    }
}
