package org.jspt.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny run of {@code bench scale} (N = 24, box 16, child JVMs): it produces figures and cleans up after itself. */
class ScaleBenchmarkTest {
    @TempDir Path tmp;

    @Test
    void tinyRunMeasuresChildJvmsAndDeletesItsData() throws Exception {
        ScaleBenchmark.Config c = new ScaleBenchmark.Config(new int[] {24}, 16, "rotate_translate_3d_tree:maxang=10", 1, 2, "256m",
                6, 16, new int[] {1}, 1, tmp, false, 5);
        StringBuilder progress = new StringBuilder();
        ScaleBenchmark.Result r = new ScaleBenchmark().run(c, l -> progress.append(l).append('\n'));
        assertEquals(2, r.simulations().size(), progress.toString());
        assertEquals(24, r.simulations().get(0).particles(), "3 classes × 8");
        assertEquals(1, r.memory().size());
        ScaleBenchmark.MemoryRow m = r.memory().get(0);
        assertEquals(24, m.particles());
        assertTrue(m.iterationSeconds() > 0 && m.seconds() >= m.iterationSeconds(), m.toString());
        if (Files.exists(Path.of("/proc/self/status"))) {
            // A JVM with native FFTW and HDF5 loaded is well over 20 MB and, with -Xmx256m, well under 2 GB.
            assertTrue(m.peakRssKb() > 20_000 && m.peakRssKb() < 2_000_000, m.toString());
        }
        assertEquals(1, r.throughput().size());
        ScaleBenchmark.ThroughputRow t = r.throughput().get(0);
        assertEquals(6, t.particles());
        assertTrue(t.particlesPerSecond() > 0 && t.perCore() == t.particlesPerSecond(), t.toString());
        assertFalse(Files.exists(r.dir()), "the working folder is deleted unless --keep");
    }

    @Test
    void givenDataMustHoldASimulationBigEnough() throws Exception {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> ScaleBenchmark.checkMemoryData(tmp, 10, 16));
        assertTrue(none.getMessage().contains("has no particles.hdf"), none.getMessage());
        assertEquals(0, org.jspt.cli.CliRun.run("simulate", "--phantom", "ring", "--phantom", "tripod", "--per-class", "2", "--box", "16",
                "--out", tmp.resolve("sim").toString()).code());
        ScaleBenchmark.checkMemoryData(tmp.resolve("sim"), 4, 16);
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class, () -> ScaleBenchmark.checkMemoryData(tmp.resolve("sim"), 5, 16));
        assertTrue(few.getMessage().contains("holds 4 particles of 16³; the memory runs need 5 of 16³"), few.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScaleBenchmark.checkMemoryData(tmp.resolve("sim"), 4, 32));
    }

    @Test
    void relativeDataIsReadFromTheWorkingDirectoryNotTheChildsFolder() throws Exception {
        assertEquals(0, org.jspt.cli.CliRun.run("simulate", "--phantom", "ring", "--phantom", "tripod", "--per-class", "2", "--box", "16",
                "--out", tmp.resolve("sim").toString()).code());
        // The child JVMs run in the benchmark's working folder; a relative --data once named a path there. The
        // folder is made deep, so that the relative path's ".." steps do not end at / from both places alike.
        Path deep = Files.createDirectories(tmp.resolve("a/b/c/d/e/f/g/h/i/j/k/l"));
        String relative = Path.of("").toAbsolutePath().relativize(tmp.resolve("sim").toAbsolutePath()).toString();
        org.jspt.cli.CliRun.Result r = org.jspt.cli.CliRun.run("bench", "scale", "--sizes", "4", "--box", "16", "--align", "None",
                "--memory-iter", "1", "--sample", "0", "--data", relative, "--dir", deep.toString());
        assertEquals(0, r.code(), r.out() + r.err());
    }

    @Test
    void failingChildReportsItsExitAndLog() throws IOException {
        IOException e = assertThrows(IOException.class,
                () -> ChildJvm.run(tmp, "bad", "128m", List.of("refinemulti", "--input", tmp.resolve("none.hdf").toString(), "--ref", "a.hdf,b.hdf")));
        assertTrue(e.getMessage().contains("failed (exit 1)") && e.getMessage().contains("none.hdf"), e.getMessage());
    }

    @Test
    void childClassPathIsAbsoluteSoTheChildFindsItFromItsOwnFolder() {
        String sep = java.io.File.pathSeparator;
        String cp = ChildJvm.absoluteClassPath("base.jar" + sep + "/opt/x.jar" + sep + "lib/y.jar");
        String cwd = Path.of("").toAbsolutePath().toString();
        assertEquals(String.join(sep, cwd + "/base.jar", "/opt/x.jar", cwd + "/lib/y.jar"), cp);
    }

    @Test
    void heapAfterGcIsTheLargestAfterValueOfThePauses() throws IOException {
        Path log = tmp.resolve("gc.log");
        Files.writeString(log, String.join("\n",
                "[0.005s][info][gc] Using G1",
                "[0.512s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms",
                "[1.020s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 60M->1500K(256M) 1.1ms",
                "[2.000s][info][gc] GC(2) Pause Full (System.gc()) 80M->5M(1G) 9.0ms", ""));
        assertArrayEquals(new long[] {5 * 1024, 3}, ChildJvm.maxHeapAfterGc(log));
        assertArrayEquals(new long[] {-1, 0}, ChildJvm.maxHeapAfterGc(tmp.resolve("missing.log")));
        assertEquals(-1, ChildJvm.vmHwmKb(tmp.resolve("no-such-status")));
    }

    @Test
    void cpuSecondsAreUserPlusSystemTicksOfTheStatLine() throws IOException {
        Path stat = tmp.resolve("stat");
        // A command name with a space and a parenthesis, as a thread or process may have; utime 1234, stime 56 ticks.
        Files.writeString(stat, "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 56 0 0 20 0 30 0 100 5000000 2000\n");
        assertEquals(12.90, ChildJvm.cpuSeconds(stat), 1e-12);
        assertEquals(-1, ChildJvm.cpuSeconds(tmp.resolve("no-such-stat")));
        double self = ChildJvm.cpuSeconds(Path.of("/proc/self/stat"));
        assertTrue(self > 0, "this JVM has used CPU: " + self);
    }
}
