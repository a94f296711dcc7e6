package org.jspt.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.jspt.Fixtures;
import org.jspt.cli.CliRun;

/**
 * The certainty tests' data: 1LCD:ABC and 1LCD:AB (a complex with and without a subunit), 40 particles each at 32³,
 * simulated into {@code dir/sim}, with each true map written alone as {@code t0.hdf} and {@code t1.hdf} for --ref.
 * @param sim the simulation folder (truth.json, particles.hdf)
 * @param refs the two true maps' files, comma-separated as --ref takes them
 */
record TwoClassTruthSet(Path sim, String refs) {
    static TwoClassTruthSet write(Path dir, double snr, long seed) {
        Path sim = dir.resolve("sim");
        String lcd = Fixtures.pdb("1LCD.pdb").toString();
        CliRun.Result s = CliRun.run("simulate", "--pdb", lcd + ":ABC", "--pdb", lcd + ":AB", "--per-class", "40", "--box", "32",
                "--snr", String.valueOf(snr), "--seed", String.valueOf(seed), "--out", sim.toString());
        assertEquals(0, s.code(), s.err());
        String[] refs = new String[2];
        for (int k = 0; k < 2; k++) {
            refs[k] = sim.resolve("t" + k + ".hdf").toString();
            CliRun.Result p = CliRun.run("proc3d", sim.resolve("truth_maps.hdf").toString(), refs[k], "--first", "" + k, "--last", "" + k);
            assertEquals(0, p.code(), p.err());
        }
        return new TwoClassTruthSet(sim, refs[0] + "," + refs[1]);
    }

    Path truth() { return sim.resolve("truth.json"); }

    Path particles() { return sim.resolve("particles.hdf"); }
}
