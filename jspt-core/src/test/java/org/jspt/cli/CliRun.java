package org.jspt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Runs the real {@code jspt} command line in-process (shared with jspt-spark's tests through the core's test-jar).
 */
public final class CliRun {
    private CliRun() { }

    public record Result(int code, String out, String err) {
        /** The run folder named on the "done: " line. */
        public Path runDir() {
            String line = out.lines().filter(l -> l.startsWith("done: ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no 'done:' line (exit " + code + ")\n" + out + err));
            return Path.of(line.substring(6));
        }
    }

    /** Runs with the working directory as it is (tests that set {@link RefineMultiCommand#workingDirectory} themselves). */
    public static Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs with {@code workingDirectory} as the working directory (where run folders and the log line go). */
    public static synchronized Result run(Path workingDirectory, String... args) {
        Path saved = RefineMultiCommand.workingDirectory;
        RefineMultiCommand.workingDirectory = workingDirectory;
        try {
            return run(args);
        } finally {
            RefineMultiCommand.workingDirectory = saved;
        }
    }
}
