package org.jspt.refine;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.jspt.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --grouping farthest (refinemulti.md §16): a class of 10 % of the stack gets its own reference when the
 * references are built from the data, where EMAN2's equal contiguous groups give it none.
 */
class RareClassSeedingTest {
    @TempDir Path tmp;

    @Test
    void theRareClassIsFoundFromReferencesBuiltFromTheData() throws Exception {
        Path sim = tmp.resolve("sim");
        CliRun.Result s = CliRun.run("simulate", "--phantom", "tripod", "--phantom", "lshape", "--phantom", "ring",
                "--per-class", "42,12,6", "--box", "24", "--apix", "5", "--res", "12", "--snr", "0.3", "--seed", "8128", "--out", sim.toString());
        assertEquals(0, s.code(), s.err());
        CliRun.Result r = CliRun.run(tmp, "refinemulti", "--input=" + sim.resolve("particles.hdf"), "--nref=3", "--iter=1",
                "--grouping=farthest", "--parallel=thread:2");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("fit references 0–1 worst"), r.out());
        CliRun.Result e = CliRun.run("evaluate", "--truth", sim.resolve("truth.json").toString(), "--run", r.runDir().toString());
        assertEquals(0, e.code(), e.err());
        JsonNode ev = new ObjectMapper().readTree(r.runDir().resolve("evaluation.json").toFile());
        int[] row = new int[3];
        for (int p = 0; p < 3; p++) row[p] = ev.get("confusion").get(2).get(p).asInt();
        int best = Math.max(row[0], Math.max(row[1], row[2]));
        // the ring's members must be one class of their own (not a minority inside the tripod's class)
        int ringCol = best == row[0] ? 0 : best == row[1] ? 1 : 2;
        int tripodInRingCol = ev.get("confusion").get(0).get(ringCol).asInt();
        assertTrue(best >= 5 && tripodInRingCol <= 2, "rare class (6 ring particles) spread as " + java.util.Arrays.toString(row)
                + ", with " + tripodInRingCol + " tripods in its class\n" + e.out());
    }
}
