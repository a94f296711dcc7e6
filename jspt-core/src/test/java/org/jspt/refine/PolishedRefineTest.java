package org.jspt.refine;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.jspt.Fixtures;
import org.jspt.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * refinemulti.md §7.1.5: while classifying, each particle's winning pose is polished against its class's average of the
 * other half. Iteration 01 aligns to the same averages with the polish and without it ({@code polish=0}; iteration 00's
 * references hold every particle and are not polished against): there the polish moves poses and changes no class and
 * no score. The halves it needs are in the checkpoint, so a resume polishes as the uninterrupted run did (ResumeTest).
 */
class PolishedRefineTest {
    @TempDir Path tmp;

    @Test
    void thePolishMovesPosesButNotClassesOrScores() throws Exception {
        Path sim = tmp.resolve("sim");
        String lcd = Fixtures.pdb("1LCD.pdb").toString(), beg = Fixtures.pdb("2BEG.pdb").toString();
        CliRun.Result s = CliRun.run("simulate", "--pdb", lcd + ":AB", "--pdb", beg + ":ABCDE",
                "--per-class", "10", "--box", "32", "--apix", "4", "--res", "10", "--snr", "0.2", "--seed", "4242", "--out", sim.toString());
        assertEquals(0, s.code(), s.err());
        String input = "--input=" + sim.resolve("particles.hdf");
        Path a = Files.createDirectories(tmp.resolve("a")), b = Files.createDirectories(tmp.resolve("b"));
        CliRun.Result polished = CliRun.run(a, "refinemulti", input, "--nref=2", "--iter=2", "--parallel=thread:2");
        assertEquals(0, polished.code(), polished.out() + polished.err());
        CliRun.Result plain = CliRun.run(b, "refinemulti", input, "--nref=2", "--iter=2", "--parallel=thread:2",
                "--align=rotate_translate_3d_tree:polish=0");
        assertEquals(0, plain.code(), plain.out() + plain.err());
        try (var files = Files.list(polished.runDir().resolve("checkpoint"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("halves_\\d\\d\\.hdf")), "the halves are kept for a resume");
        }

        JsonNode x = parms(polished.runDir(), "00"), y = parms(plain.runDir(), "00");
        assertEquals(y, x, "iteration 00 (references holding every particle) is not polished");
        x = parms(polished.runDir(), "01");
        y = parms(plain.runDir(), "01");
        int moved = 0;
        for (Iterator<Map.Entry<String, JsonNode>> i = x.fields(); i.hasNext(); ) {
            Map.Entry<String, JsonNode> e = i.next();
            JsonNode p = e.getValue(), q = y.get(e.getKey());
            assertEquals(q.get("class"), p.get("class"), e.getKey() + ": the class is the search's");
            assertEquals(q.get("score"), p.get("score"), e.getKey() + ": the score is the search's");
            if (!p.get("xform.align3d").equals(q.get("xform.align3d"))) moved++;
        }
        assertTrue(moved > x.size() / 2, "the polish moved " + moved + " of " + x.size() + " poses");
    }

    /** particle_parms_NN.json of iteration NN (EMAN2 numbers them from 01). */
    private static JsonNode parms(Path run, String it) throws Exception {
        int n = Integer.parseInt(it) + 1;
        return new ObjectMapper().readTree(run.resolve(String.format("particle_parms_%02d.json", n)).toFile());
    }
}
