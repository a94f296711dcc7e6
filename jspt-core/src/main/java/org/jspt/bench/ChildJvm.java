package org.jspt.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one {@code jspt} command in a child JVM (same java, same class path, a given -Xmx) and measures it:
 * wall time, peak resident memory (the kernel's {@code VmHWM} of the child, read from
 * {@code /proc/<pid>/status} every {@value #POLL_MS} ms while it runs), its CPU time (user + system, from
 * {@code /proc/<pid>/stat} at the same polls) and the largest Java heap left
 * after a garbage collection (from the child's {@code -Xlog:gc} file: an upper bound of the live data at
 * that moment). Linux only for the RSS and CPU figures (elsewhere they are -1).
 */
final class ChildJvm {
    static final int POLL_MS = 50;

    /**
     * What one child run cost.
     * @param peakRssKb       VmHWM, kB (-1 if /proc was not readable); the last {@value #POLL_MS} ms of a run may be missed
     * @param maxHeapAfterGcKb largest heap occupancy after a GC pause, kB (-1 if no GC happened)
     * @param cpuSeconds      user + system CPU time of the child at its last poll (-1 if /proc was not readable); the last
     *                        {@value #POLL_MS} ms of a run may be missed
     */
    record Measurement(double seconds, long peakRssKb, long maxHeapAfterGcKb, int gcCount, double cpuSeconds) {}

    private static final Pattern GC_LINE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private ChildJvm() {}

    /**
     * Runs {@code jspt args...} with {@code -Xmx<heap>} in {@code dir}; stdout and stderr go to {@code <dir>/<name>.log}.
     * @throws IOException if the child fails (the message carries the end of its log)
     */
    static Measurement run(Path dir, String name, String heap, List<String> args) throws IOException, InterruptedException {
        Path log = dir.resolve(name + ".log"), gc = dir.resolve(name + ".gc.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-Xlog:gc:file=" + gc);
        cmd.add("-cp");
        cmd.add(absoluteClassPath(System.getProperty("java.class.path")));
        cmd.add("org.jspt.cli.Main"); // by name: bench does not depend on cli
        cmd.addAll(args);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path proc = Path.of("/proc", String.valueOf(p.pid())), status = proc.resolve("status"), stat = proc.resolve("stat");
        long hwm = -1;
        double cpu = -1;
        while (!p.waitFor(POLL_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            hwm = Math.max(hwm, vmHwmKb(status));
            cpu = Math.max(cpu, cpuSeconds(stat));
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        if (p.exitValue() != 0) {
            throw new IOException("jspt " + String.join(" ", args) + " failed (exit " + p.exitValue() + "); end of " + log + ":\n" + tail(log, 15));
        }
        long[] heapAfter = maxHeapAfterGc(gc);
        return new Measurement(seconds, hwm, heapAfter[0], (int) heapAfter[1], cpu);
    }

    /** The class path with every entry made absolute: the child runs in another folder ({@code java -jar some.jar bench}). */
    static String absoluteClassPath(String classPath) {
        List<String> out = new ArrayList<>();
        for (String e : classPath.split(java.io.File.pathSeparator)) if (!e.isEmpty()) out.add(Path.of(e).toAbsolutePath().toString());
        return String.join(java.io.File.pathSeparator, out);
    }

    /** VmHWM in kB from a /proc/PID/status file, or -1 when it cannot be read (process gone, not Linux). */
    static long vmHwmKb(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        } catch (IOException | RuntimeException e) {
            // the child may have exited between waitFor and the read
        }
        return -1;
    }

    /**
     * User + system CPU seconds of a process from its /proc/PID/stat line (fields 14 and 15, counted after the command
     * name's closing parenthesis, which may itself hold spaces), or -1 when it cannot be read. The kernel reports them
     * in USER_HZ ticks, 100 per second on Linux whatever its internal clock.
     */
    static double cpuSeconds(Path stat) {
        try {
            String line = Files.readString(stat, StandardCharsets.UTF_8);
            String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
            // f[0] is field 3 (state): utime is field 14, stime field 15.
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1; // gone between waitFor and the read, or not Linux
        }
    }

    /** {largest after-GC heap in kB (-1 if none), number of GC lines} from a -Xlog:gc file. */
    static long[] maxHeapAfterGc(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) return new long[] {-1, 0};
        long max = -1, count = 0;
        for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
            if (!line.contains("Pause")) continue;
            Matcher m = GC_LINE.matcher(line);
            if (!m.find()) continue;
            count++;
            max = Math.max(max, kb(Long.parseLong(m.group(3)), m.group(4)));
        }
        return new long[] {max, count};
    }

    private static long kb(long v, String unit) {
        return switch (unit) {
            case "K" -> v;
            case "M" -> v * 1024;
            default -> v * 1024 * 1024;
        };
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** The 1-minute load average (from /proc/loadavg), or NaN where unavailable. */
    static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
