package org.jspt.cli;

import static org.jspt.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspt.report.RunReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose folder stops taking files mid-iteration (disk full, read-only remount, quota) stops with one
 * line naming the file, leaves every file written before intact, and resumes to the files of an
 * uninterrupted run once the folder is writable again.
 *
 * <p>The stand-in for a full or read-only file system is the immutable attribute ({@code chattr +i}, Debian
 * package e2fsprogs) on the run folder and its checkpoint folder: tests run as root, for whom permission bits
 * stop nothing, but no one can create or rename a file in an immutable folder. It needs a file system with
 * that attribute (ext4, xfs, btrfs: the temporary folder of the CI machine).
 */
class UnwritableRunFolderTest {
    @TempDir static Path dir;
    static Path savedCwd;
    static List<String> args;

    @BeforeAll
    static void data() throws Exception {
        savedCwd = RefineMultiCommand.workingDirectory;
        RefineMultiCommand.workingDirectory = dir;
        // Not ResumeTest's data: another seed and other phantoms.
        CheckpointedRuns.writeTwoClassData(dir, "ring", "snowman", 41);
        args = List.of("refinemulti", "--input=ptcl.hdf", "--ref=r0.hdf,r1.hdf", "--nref=2", "--iter=3", "--parallel=thread:1");
    }

    @AfterAll
    static void restore() { RefineMultiCommand.workingDirectory = savedCwd; }

    @Test
    void aRunThatCannotWriteStopsWithOneLineKeepsItsFilesAndResumes() throws Exception {
        List<String> cmd = new ArrayList<>(args);
        cmd.add("--path=stuck");
        Process child = child(cmd, "stuck.log");
        Path runDir = dir.resolve("stuck_01"), cp = runDir.resolve("checkpoint");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (CheckpointedRuns.firstBlockOf(cp, "02") == null) {
            assertTrue(child.isAlive(), "the run ended before its folder could be frozen: " + Files.readString(dir.resolve("stuck.log")));
            assertTrue(System.nanoTime() < deadline, "no checkpoint of iteration 02 in time");
            Thread.sleep(5);
        }
        Map<String, byte[]> before;
        String log;
        int code;
        try {
            chattr("+i", runDir, cp);
            before = runFiles(runDir);
            assertTrue(child.waitFor(90, TimeUnit.SECONDS), "the run did not stop");
            code = child.exitValue();
            log = Files.readString(dir.resolve("stuck.log"));
            Map<String, byte[]> after = runFiles(runDir);
            assertEquals(before.keySet(), after.keySet(), "files appeared or vanished while the folder was frozen");
            for (String n : before.keySet()) assertArrayEquals(before.get(n), after.get(n), n + " changed");
        } finally {
            chattr("-i", runDir, cp);
        }
        assertEquals(1, code, log);
        List<String> errors = log.lines().filter(l -> l.startsWith("jspt:")).toList();
        assertEquals(1, errors.size(), log);
        assertTrue(errors.get(0).matches("jspt: cannot write " + java.util.regex.Pattern.quote(runDir.toString()) + "/\\S+: .*"), errors.get(0));
        assertTrue(errors.get(0).endsWith("jspt refinemulti --resume " + runDir), errors.get(0));
        assertFalse(log.contains("\tat "), "no stack trace: " + log);

        CliRun.Result resumed = run("refinemulti", "--resume", runDir.toString());
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("resuming after iteration 01"), resumed.out());
        List<String> whole = new ArrayList<>(args);
        whole.add("--path=whole");
        CliRun.Result w = run(whole.toArray(new String[0]));
        assertEquals(0, w.code(), w.out() + w.err());
        Path b = dir.resolve("whole_01");
        // Left out: time-stamped files (parameters, iterations.json's seconds, the run report).
        java.util.function.Predicate<String> compared = n -> !n.equals("checkpoint") && !n.startsWith("parameters_") && !n.equals("iterations.json")
                && !n.equals(RunReport.INDEX) && !n.equals(RunReport.IMAGES);
        List<String> names;
        try (Stream<Path> s = Files.list(b)) {
            names = s.map(p -> p.getFileName().toString()).filter(compared).sorted().toList();
        }
        try (Stream<Path> s = Files.list(runDir)) {
            assertEquals(names, s.map(p -> p.getFileName().toString()).filter(compared).sorted().toList());
        }
        assertTrue(names.contains("particle_parms_02.json"), "the resumed iteration wrote its files: " + names);
        for (String n : names) {
            if (n.endsWith(".hdf")) CheckpointedRuns.sameVolumes(runDir.resolve(n), b.resolve(n), false);
            else assertEquals(Files.readString(b.resolve(n)), Files.readString(runDir.resolve(n)), n);
        }
    }

    /** {@code chattr FLAG dirs...}: the immutable attribute stands in for a file system that takes no writes. */
    private static void chattr(String flag, Path... dirs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("chattr", flag));
        for (Path d : dirs) cmd.add(d.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("this test needs chattr (Debian package e2fsprogs): " + e.getMessage(), e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "chattr " + flag + " failed (the temporary folder's file system"
                + " needs the immutable attribute: ext4, xfs, btrfs): " + out);
    }

    /**
     * Every file under {@code root} but the run report's (relative name → bytes): not {@code report/}, the page or the
     * page's temporary file. The report is a view of the other files, drawn on a thread of its own while the next
     * iteration runs (report.BackgroundReport): when the folder freezes it may still be writing its pictures into
     * {@code report/}, which this stand-in leaves writable, or its page.
     */
    private static Map<String, byte[]> runFiles(Path root) throws IOException {
        Path report = root.resolve(RunReport.IMAGES);
        java.util.function.Predicate<Path> page = p -> p.getParent().equals(root)
                && (p.getFileName().toString().equals(RunReport.INDEX) || p.getFileName().toString().startsWith("." + RunReport.INDEX + "."));
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile).filter(p -> !p.startsWith(report) && !page.test(p))::iterator) {
                m.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    private static Process child(List<String> jsptArgs, String logName) throws Exception {
        return CheckpointedRuns.child(jsptArgs, dir, dir.resolve(logName));
    }
}
