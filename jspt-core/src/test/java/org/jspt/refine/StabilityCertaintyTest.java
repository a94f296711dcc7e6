package org.jspt.refine;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.jspt.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --restarts (refinemulti.md §16.5) as a certainty, against the truth: on a noisy two-class set (a complex with and
 * without a subunit, SNR 0.03, 32³, the true maps as references, one iteration) some particles are misclassified; the
 * consensus of run 1 and four bootstrap restarts stays a good classification, and its stability (equal stabilities
 * ordered by the mean margin) ranks the wrong assignments below the right ones. Developed on seeds 71–76 (ordered AUC
 * 0.85–1.0, consensus 93.8–98.8 %); this test runs seed 77 (AUC 0.987, 93.8 %, five wrong).
 */
class StabilityCertaintyTest {
    @TempDir Path tmp;

    @Test
    void unstableAssignmentsAreTheWrongOnes() throws Exception {
        TwoClassTruthSet set = TwoClassTruthSet.write(tmp, 0.03, 77);
        CliRun.Result r = CliRun.run(tmp, "refinemulti", "--input=" + set.particles(), "--ref=" + set.refs(),
                "--nref=2", "--iter=1", "--restarts=5", "--parallel=thread:2");
        assertEquals(0, r.code(), r.out() + r.err());
        CliRun.Result e = CliRun.run("evaluate", "--truth", set.truth().toString(), "--run", r.runDir().toString());
        assertEquals(0, e.code(), e.err());
        JsonNode ev = new ObjectMapper().readTree(r.runDir().resolve("evaluation.json").toFile());
        assertTrue(ev.get("accuracy").asDouble() >= 0.9, "consensus accuracy\n" + e.out());
        JsonNode st = ev.get("stability");
        assertNotNull(st, e.out());
        assertEquals("stability (runs agreeing with the consensus), then the mean margin", st.get("certainty").asText());
        assertTrue(st.get("wrong").asInt() >= 2, "the set must have wrong assignments to tell apart: " + e.out());
        assertTrue(st.get("auc").asDouble() >= 0.8, "stability AUC " + st.get("auc") + "\n" + e.out());
    }
}
