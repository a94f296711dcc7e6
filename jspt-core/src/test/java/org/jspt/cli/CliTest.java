package org.jspt.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspt.Fixtures;
import org.jspt.run.ParticleParms;
import org.jspt.sim.ParticleTruth;
import org.jspt.sim.TruthFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Commands run in-process, as a user would type them; output and exit codes checked. */
class CliTest {
    @TempDir Path tmp;

    static CliRun.Result run(String... args) { return CliRun.run(args); }

    @Test
    void everySubcommandHasHelp() {
        for (String[] cmd : new String[][] {{"demo"}, {"export"}, {"simulate"}, {"evaluate"}, {"report"}, {"bench", "scale"}, {"proc3d"}, {"info"}}) {
            String[] args = java.util.Arrays.copyOf(cmd, cmd.length + 1);
            args[cmd.length] = "--help";
            CliRun.Result r = run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: jspt " + String.join(" ", cmd)), r.out());
        }
        CliRun.Result eman = run("refinemulti", "--help");
        assertEquals(0, eman.code());
        assertTrue(eman.out().startsWith("usage: jspt refinemulti"), "refinemulti keeps EMAN2's own help: " + eman.out());
    }

    @Test
    void versionAndHelp() {
        CliRun.Result v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("jspt "), v.out());
        CliRun.Result h = run("--help");
        assertEquals(0, h.code());
        for (String c : List.of("simulate", "evaluate", "info", "bench", "demo")) assertTrue(h.out().contains(c), c);
        assertEquals(2, run("--no-such-option").code());
    }

    @Test
    void simulateThenEvaluateTheTruePosesGivesAPerfectScore() throws Exception {
        Path sim = tmp.resolve("sim");
        CliRun.Result s = run("simulate", "--phantom", "tripod", "--phantom", "dumbbell", "--box", "24", "--per-class", "4",
                "--snr", "1", "--seed", "3", "--threads", "2", "--out", sim.toString());
        assertEquals(0, s.code(), s.err());
        for (String f : List.of("particles.hdf", "truth_maps.hdf", "truth.json")) assertTrue(Files.exists(sim.resolve(f)), f);
        TruthFile t = TruthFile.read(sim.resolve("truth.json"));
        assertEquals(List.of("tripod", "dumbbell"), t.labels());
        assertEquals(8, t.particles().size());

        CliRun.Result info = run("info", "--check", sim.resolve("particles.hdf").toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("8 images, 24x24x24, apix 4.000 Å"), info.out());

        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        List<ParticleParms.Entry> e = new ArrayList<>();
        for (ParticleTruth p : t.particles()) e.add(new ParticleParms.Entry("particles.hdf", p.index(), 1 - p.classIndex(), -1, p.pose().inverse()));
        ParticleParms.write(run.resolve("particle_parms_01.json"), e);
        CliRun.Result ev = run("evaluate", "--truth", sim.resolve("truth.json").toString(), "--run", run.toString());
        assertEquals(0, ev.code(), ev.err());
        assertTrue(ev.out().contains("accuracy 100.0% of 8 particles"), ev.out());
        JsonNode j = new ObjectMapper().readTree(run.resolve("evaluation.json").toFile());
        assertEquals(1.0, j.get("accuracy").asDouble());
        assertEquals(0.0, j.get("classes").get(0).get("median_angle_deg").asDouble(), 1e-3);
    }

    @Test
    void badInputGivesOneLineAndExitOne() throws Exception {
        CliRun.Result missing = run("info", tmp.resolve("nope.hdf").toString());
        assertEquals(1, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("nope.hdf") && missing.err().contains("no such file"), missing.err());

        Path junk = tmp.resolve("junk.mrc");
        Files.write(junk, new byte[100]);
        CliRun.Result trunc = run("info", junk.toString());
        assertEquals(1, trunc.code());
        assertTrue(trunc.err().contains("junk.mrc"), trunc.err());

        CliRun.Result tilt = run("simulate", "--phantom", "ring", "--tilt", "120", "--out", tmp.resolve("x").toString());
        assertEquals(1, tilt.code());
        assertTrue(tilt.err().contains("--tilt"), tilt.err());
        assertFalse(Files.exists(tmp.resolve("x")), "nothing written before the error");

        CliRun.Result phantom = run("simulate", "--phantom", "nosuch", "--out", tmp.resolve("y").toString());
        assertEquals(1, phantom.code());
        assertTrue(phantom.err().contains("unknown phantom 'nosuch'") && phantom.err().contains("tripod"), phantom.err());

        CliRun.Result chain = run("simulate", "--pdb", Fixtures.pdb("2BEG.pdb") + ":Z", "--out", tmp.resolve("z").toString());
        assertEquals(1, chain.code());
        assertTrue(chain.err().contains("chain 'Z'"), chain.err());

        CliRun.Result noTruth = run("evaluate", "--truth", tmp.resolve("t.json").toString(), "--run", tmp.toString());
        assertEquals(1, noTruth.code());
        assertTrue(noTruth.err().contains("t.json"), noTruth.err());
    }

    @Test
    void benchFftPrintsATable() {
        CliRun.Result b = run("bench", "fft", "--boxes", "8,16", "--repeats", "1", "--threads", "2");
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().contains("r2c 1 thr") && b.out().lines().anyMatch(l -> l.trim().startsWith("16 ")), b.out());
    }
}
