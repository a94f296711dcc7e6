package org.jspt.io.eman2;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * EMAN2's command log {@code .eman2log.txt} in the working directory ({@code docs/reference/refinemulti.md} §3.2;
 * {@code E2init}/{@code E2end}). {@link #start} appends
 * {@code <YYYY/MM/DD hh:mm:ss>\tincomplete         \t<pid %6d>/<ppid %6d>\t<host>\t<command line>\n};
 * {@link #finish} writes the end time over the 19-character {@code incomplete} field in place (byte
 * offset line start + 20), so an interrupted run stays marked incomplete. The append holds a file lock,
 * so that concurrent runs in one folder each know where their own line starts.
 */
public final class Eman2Log {
    /** The log file name. */
    public static final String FILE_NAME = ".eman2log.txt";
    /** EMAN2's time format, 19 characters. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");
    private static final String INCOMPLETE = "incomplete         ";

    private final Path file;
    private final long lineStart;

    private Eman2Log(Path file, long lineStart) {
        this.file = file;
        this.lineStart = lineStart;
    }

    /** Appends the start line for this process (pid, host name, now) to {@code <dir>/.eman2log.txt}. */
    public static Eman2Log start(Path dir, String commandLine, int ppid) throws IOException {
        return start(dir.resolve(FILE_NAME), LocalDateTime.now(), ProcessHandle.current().pid(), ppid, hostName(), commandLine);
    }

    /** Appends a start line with every field given (for tests and callers that know better). */
    public static Eman2Log start(Path logFile, LocalDateTime time, long pid, int ppid, String host, String commandLine) throws IOException {
        String line = TIME.format(time) + "\t" + INCOMPLETE + "\t" + String.format("%6d/%6d", pid, ppid) + "\t" + host + "\t"
                + commandLine.replace('\n', ' ') + "\n";
        try (FileChannel ch = FileChannel.open(logFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            long start = ch.size();
            ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            long at = start;
            while (b.hasRemaining()) at += ch.write(b, at);
            return new Eman2Log(logFile, start);
        }
    }

    /** Writes the end time (now) over this run's {@code incomplete} field. */
    public void finish() throws IOException { finish(LocalDateTime.now()); }

    /** Writes {@code end} over this run's {@code incomplete} field. */
    public void finish(LocalDateTime end) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(TIME.format(end).getBytes(StandardCharsets.US_ASCII));
            long at = lineStart + 20;
            while (b.hasRemaining()) at += ch.write(b, at);
        }
    }

    /** The log file. */
    public Path file() { return file; }

    /** Byte offset of this run's line in the file. */
    public long lineStart() { return lineStart; }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String h = System.getenv("HOSTNAME");
            return h == null || h.isBlank() ? "localhost" : h;
        }
    }
}
