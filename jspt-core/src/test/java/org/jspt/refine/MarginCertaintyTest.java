package org.jspt.refine;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.jspt.Fixtures;
import org.jspt.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * particle_margins.txt (refinemulti.md §16.6) as a certainty: on a noisy two-class set (a complex with and without a
 * subunit, SNR 0.05, the true maps as references) some particles are misclassified, and their margins are smaller
 * than the right ones'. Developed on seeds 71 and 72 (20 per class: AUC 0.94, 0.96); this test runs seed 75.
 */
class MarginCertaintyTest {
    @TempDir Path tmp;

    @Test
    void smallMarginsMarkTheWrongAssignments() throws Exception {
        Path sim = tmp.resolve("sim");
        String lcd = Fixtures.pdb("1LCD.pdb").toString();
        CliRun.Result s = CliRun.run("simulate", "--pdb", lcd + ":ABC", "--pdb", lcd + ":AB", "--per-class", "40", "--box", "32",
                "--snr", "0.05", "--seed", "75", "--out", sim.toString());
        assertEquals(0, s.code(), s.err());
        String[] refs = new String[2];
        for (int k = 0; k < 2; k++) {
            refs[k] = sim.resolve("t" + k + ".hdf").toString();
            CliRun.Result p = CliRun.run("proc3d", sim.resolve("truth_maps.hdf").toString(), refs[k], "--first", "" + k, "--last", "" + k);
            assertEquals(0, p.code(), p.err());
        }
        CliRun.Result r = CliRun.run(tmp, "refinemulti", "--input=" + sim.resolve("particles.hdf"), "--ref=" + refs[0] + "," + refs[1],
                "--nref=2", "--iter=1", "--parallel=thread:2");
        assertEquals(0, r.code(), r.out() + r.err());
        CliRun.Result e = CliRun.run("evaluate", "--truth", sim.resolve("truth.json").toString(), "--run", r.runDir().toString());
        assertEquals(0, e.code(), e.err());
        JsonNode ev = new ObjectMapper().readTree(r.runDir().resolve("evaluation.json").toFile());
        JsonNode m = ev.get("margin");
        assertNotNull(m, e.out());
        assertTrue(m.get("wrong").asInt() >= 2, "the set must have wrong assignments to tell apart: " + e.out());
        assertTrue(m.get("auc").asDouble() >= 0.8, "margin AUC " + m.get("auc") + "\n" + e.out());
    }
}
