package org.jspt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.jspt.JsptException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code jspt} command: a root listing the subcommands. Exit codes follow DESIGN.md: 0 success,
 * 1 bad input or a failed run, 2 command-line usage error, 70 internal error (a bug).
 */
@Command(name = "jspt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Multi-reference subtomogram alignment, classification and averaging (EMAN2-compatible).",
        subcommands = {DemoCommand.class, RefineMultiCommand.class, SimulateCommand.class, EvaluateCommand.class, ReportCommand.class, ExportCommand.class, AlignCommand.class, InfoCommand.class, Proc3dCommand.class, BenchCommand.class, HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_BAD_INPUT = 1;
    public static final int EXIT_INTERNAL = 70;

    /** Verbosity shared by every subcommand (EMAN2's {@code -v N}). */
    static int verbosity = 0;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Verbosity level (0-9); 2 or more shows stack traces of errors.")
    void setVerbosity(int v) { verbosity = v; }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // JavaCPP checks the process's physical memory (a read of /proc) on every native allocation, i.e. for
        // every HDF5 attribute of every particle read: 14 % of native time in an --align None run. jspt frees
        // its pointers itself; JavaCPP's own byte count (maxBytes) still bounds them. Set before JavaCPP loads.
        if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests with {@code setOut}/{@code setErr}). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handleException);
        cl.setExitCodeExceptionMapper(Main::exitCodeOf);
        // refinemulti parses its own EMAN2-style options: everything after it reaches it as positional text.
        cl.getSubcommands().get("refinemulti").setUnmatchedOptionsArePositionalParams(true);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandName().equals("refinemulti")) addHelpOption(sub); // refinemulti prints EMAN2's own --help
        }
        return cl;
    }

    /** {@code -h/--help} on a subcommand and its own subcommands (the root's mixin does not reach them). */
    private static void addHelpOption(CommandLine cl) {
        CommandLine.Model.CommandSpec s = cl.getCommandSpec();
        if (s.findOption("--help") == null && s.findOption("-h") == null) {
            s.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.").build());
        }
        for (CommandLine sub : cl.getSubcommands().values()) addHelpOption(sub);
    }

    static int exitCodeOf(Throwable t) {
        if (t instanceof CommandLine.ParameterException) return 2;
        Throwable c = unwrap(t);
        if (c instanceof IOException || c instanceof IllegalArgumentException || c instanceof JsptException
                || c instanceof UncheckedIOException) return EXIT_BAD_INPUT;
        return EXIT_INTERNAL;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CommandLine.ExecutionException || t instanceof UncheckedIOException) && t.getCause() != null) t = t.getCause();
        return t;
    }

    private static int handleException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        Throwable c = unwrap(ex);
        int code = exitCodeOf(c);
        PrintWriter err = cl.getErr();
        String msg = c.getMessage() == null ? c.toString() : c.getMessage();
        if (code == EXIT_INTERNAL) err.println("jspt: internal error: " + c + (verbosity < 2 ? " (run with -v 2 for the stack trace)" : ""));
        else err.println("jspt: " + msg.lines().findFirst().orElse(msg));
        if (verbosity >= 2) c.printStackTrace(err);
        err.flush();
        return code;
    }
}
