package org.jspt.cli;

import static org.jspt.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint and resume: a run killed with SIGKILL in the middle of an iteration, then resumed, ends with
 * the same files as an uninterrupted run (timings aside).
 */
class ResumeTest {
    @TempDir static Path dir;
    static Path savedCwd;
    static List<String> args;

    @BeforeAll
    static void data() throws Exception {
        savedCwd = RefineMultiCommand.workingDirectory;
        RefineMultiCommand.workingDirectory = dir;
        CheckpointedRuns.writeTwoClassData(dir, "snowman", "ring", 23);
        args = List.of("refinemulti", "--input=ptcl.hdf", "--ref=r0.hdf,r1.hdf", "--nref=2", "--iter=3", "--parallel=thread:1",
                "--savesteps", "--plots");
    }

    @AfterAll
    static void restore() { RefineMultiCommand.workingDirectory = savedCwd; }

    @Test
    void aRunKilledMidIterationResumesToTheSameFiles() throws Exception {
        killResumeAndCompare(args, "killed", "02", 1);
        // Resuming a finished run changes nothing.
        CliRun.Result again = run("refinemulti", "--resume", "killed_01");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("already complete"), again.out());
    }

    /**
     * --goldstandard (refinemulti.md §7.9): the fixed classes and the half references come back from the checkpoint, and the
     * resumed run still ends with the iteration on the joined halves (04).
     */
    @Test
    void aRunKilledInItsSecondGoldStandardIterationResumesToTheSameFiles() throws Exception {
        List<String> gold = List.of("refinemulti", "--input=ptcl.hdf", "--ref=r0.hdf,r1.hdf", "--nref=2", "--iter=1", "--goldstandard=2",
                "--parallel=thread:1");
        String log = killResumeAndCompare(gold, "goldkilled", "03", 2);
        assertTrue(Files.readString(dir.resolve("goldkilled.log")).contains("gold-standard refinement from iteration 02"), "killed in the gold-standard iterations");
        assertFalse(log.contains("gold-standard refinement from"), "the resumed run continues them: " + log);
        assertTrue(log.contains("iteration 04: the last gold-standard iteration aligns each particle to its class's whole average"), log);
    }

    /**
     * --fftplan with measured plans (docs/performance.md): the killed run, its resume and an uninterrupted run are three
     * JVMs that plan a measured size from the same wisdom, so their files are the same. The plans file is made here with
     * every size measured (on this machine the measured plan need not be faster), and the run folder keeps it.
     */
    @Test
    void measuredFftPlansGiveTheSameFilesInEveryProcess() throws Exception {
        org.jspt.image.FftPlans.Wisdom plans = org.jspt.image.FftPlans.measureAll(24);
        assertTrue(plans.measures(24));
        Files.writeString(dir.resolve("plans.txt"), plans.text());
        List<String> measured = new ArrayList<>(args);
        measured.add("--fftplan=plans.txt");
        killResumeAndCompare(measured, "fftkilled", "02", 1);
        assertEquals(plans, org.jspt.image.FftPlans.Wisdom.parse(Files.readString(dir.resolve("fftkilled_01/checkpoint/fft_plans.txt"))));
        assertTrue(Files.readString(dir.resolve("fftkilled.log")).contains("FFT plans: measured for 24³"), "the child used them");
    }

    /**
     * Runs {@code runArgs} in a child JVM killed (SIGKILL) as soon as iteration {@code killAt} has saved its first block
     * (when {@code completed} iterations are committed), resumes it, runs it whole, and compares the two run folders.
     * @return the resumed run's output
     */
    private static String killResumeAndCompare(List<String> runArgs, String name, String killAt, int completed) throws Exception {
        return killResumeAndCompare(runArgs, name, killAt, completed, "iteration " + killAt);
    }

    /** As above; {@code pass} names the killed pass in the resumed run's log ("iteration NN", "restart r of N"). */
    private static String killResumeAndCompare(List<String> runArgs, String name, String killAt, int completed, String pass) throws Exception {
        // The interrupted run: a child JVM, checkpointing every 4 particles.
        List<String> cmd = new ArrayList<>(runArgs);
        cmd.add("--path=" + name);
        Process child = child(cmd, name + ".log");
        Path cp = dir.resolve(name + "_01").resolve("checkpoint");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (CheckpointedRuns.firstBlockOf(cp, killAt) == null) {
            assertTrue(child.isAlive(), "the run ended before it could be killed: " + Files.readString(dir.resolve(name + ".log")));
            assertTrue(System.nanoTime() < deadline, "no checkpoint of iteration " + killAt + " in time");
            Thread.sleep(5);
        }
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        JsonNode state = new ObjectMapper().readTree(cp.resolve("state.json").toFile());
        assertEquals(completed, state.get("completed_iterations").asInt(), "killed during iteration " + killAt);
        // What a kill in the middle of a write leaves (the report is drawn while the next iteration aligns): the
        // resume deletes it, and the comparison below finds no file the uninterrupted run lacks.
        Files.writeString(dir.resolve(name + "_01").resolve(".index.html.3fa9c2.tmp"), "<html");
        Files.writeString(cp.resolve(".state.json.77e1.tmp"), "{");

        // Resumed and uninterrupted runs in their own JVMs from the same folder, as a user would run them.
        // The resume starts elsewhere (the folder above), naming the run by its full path: the run's own folder and
        // options still decide what is read and recorded.
        String resumed = finish(child(List.of("refinemulti", "--resume", dir.resolve(name + "_01").toString()), name + "-resumed.log", dir.getParent()),
                name + "-resumed.log");
        assertTrue(resumed.contains("resuming after iteration " + org.jspt.run.RunOutputs.nn(completed - 1)), resumed);
        assertTrue(resumed.matches("(?s).*deleted \\d+ unfinished temporary files of the killed run.*"), resumed);
        assertFalse(Files.exists(cp.resolve(".state.json.77e1.tmp")));
        assertTrue(resumed.matches("(?s).*" + pass + ": \\d+ of 20 particles were aligned before the restart.*"), resumed);
        List<String> whole = new ArrayList<>(runArgs);
        whole.add("--path=" + name + "whole");
        finish(child(whole, name + "-whole.log"), name + "-whole.log");

        Path a = dir.resolve(name + "_01"), b = dir.resolve(name + "whole_01");
        List<String> names;
        // Left out: time-stamped files (parameters, the run report with its times and pictures of them).
        java.util.function.Predicate<String> compared = n -> !n.equals("checkpoint") && !n.startsWith("parameters_")
                && !n.equals(org.jspt.report.RunReport.INDEX) && !n.equals(org.jspt.report.RunReport.IMAGES);
        try (Stream<Path> s = Files.list(b)) {
            names = s.map(p -> p.getFileName().toString()).filter(compared).sorted().toList();
        }
        try (Stream<Path> s = Files.list(a)) {
            assertEquals(names, s.map(p -> p.getFileName().toString()).filter(compared).sorted().toList());
        }
        assertTrue(Files.exists(a.resolve(org.jspt.report.RunReport.INDEX)), "the resumed run rewrote its report");
        if (pass.startsWith("iteration")) assertTrue(names.contains("particle_parms_" + killAt + ".json"), "the resumed iteration wrote its files: " + names);
        for (String n : names) {
            if (n.endsWith(".hdf")) CheckpointedRuns.sameVolumes(a.resolve(n), b.resolve(n), true);
            else if (n.equals("iterations.json")) assertEquals(withoutSeconds(b.resolve(n)), withoutSeconds(a.resolve(n)));
            else if (n.endsWith(".png")) assertArrayEquals(Files.readAllBytes(b.resolve(n)), Files.readAllBytes(a.resolve(n)), n); // --plots charts
            else assertEquals(Files.readString(b.resolve(n)), Files.readString(a.resolve(n)), n);
        }
        return resumed;
    }

    /**
     * --restarts (refinemulti.md §16.5): each restart's pass is checkpointed as an iteration after run 1's last (with
     * --iter=1: run 1 is iteration 01, the consensus 02, restarts 2 and 3 are saved as 04 and 05). A run killed in
     * restart 2 resumes from its blocks to the same consensus, and the finished run keeps no restart blocks.
     */
    @Test
    void aRunKilledInItsRestartsResumesToTheSameConsensus() throws Exception {
        List<String> restarts = List.of("refinemulti", "--input=ptcl.hdf", "--ref=r0.hdf,r1.hdf", "--nref=2", "--iter=1", "--restarts=3",
                "--parallel=thread:1");
        killResumeAndCompare(restarts, "restartkilled", "04", 1, "restart 2 of 3");
        assertTrue(Files.exists(dir.resolve("restartkilled_01/particle_stability.txt")));
        assertNull(CheckpointedRuns.firstBlockOf(dir.resolve("restartkilled_01/checkpoint"), "04"), "the restarts' blocks are dropped at the end");
        assertNull(CheckpointedRuns.firstBlockOf(dir.resolve("restartkilled_01/checkpoint"), "05"));
    }

    @Test
    void resumeNeedsACheckpointedRunAndKeepsItsOptions() throws Exception {
        CliRun.Result none = run("refinemulti", "--resume", "nowhere_01");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("nowhere_01: no such run folder"), none.err());
        Files.createDirectories(dir.resolve("plain_01"));
        CliRun.Result plain = run("refinemulti", "--resume", "plain_01");
        assertEquals(1, plain.code());
        assertTrue(plain.err().contains("not a resumable run"), plain.err());
        Path fake = Files.createDirectories(dir.resolve("fake_01").resolve("checkpoint"));
        Files.writeString(fake.resolve("command.json"), "{\"cwd\": \"" + dir + "\", \"argv\": [\"--input=ptcl.hdf\"]}");
        CliRun.Result other = run("refinemulti", "--resume", "fake_01", "--iter=5");
        assertEquals(1, other.code());
        assertTrue(other.err().contains("only --parallel and -v may be given"), other.err());
    }

    /** Starts {@code jspt ARGS} in a new JVM with the test class path, in the data folder. */
    private static Process child(List<String> jsptArgs, String logName) throws Exception {
        return child(jsptArgs, logName, dir);
    }

    private static Process child(List<String> jsptArgs, String logName, Path cwd) throws Exception {
        return CheckpointedRuns.child(jsptArgs, cwd, dir.resolve(logName));
    }

    /** Waits for a child to exit 0 and returns its output. */
    private static String finish(Process p, String logName) throws Exception {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out");
        String log = Files.readString(dir.resolve(logName));
        assertEquals(0, p.exitValue(), log);
        return log;
    }

    private static String withoutSeconds(Path f) throws Exception {
        JsonNode n = new ObjectMapper().readTree(f.toFile());
        for (JsonNode o : n) ((ObjectNode) o).remove("seconds");
        return n.toString();
    }
}
