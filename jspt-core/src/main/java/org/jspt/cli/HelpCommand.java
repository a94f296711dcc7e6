package org.jspt.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspt.align.HelpTopics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jspt help [TOPIC|COMMAND] [-v N]}: like {@code e2help.py} for processors, averagers, symmetries,
 * comparators and aligners (generated from the registries the parsers use), else a command's usage.
 */
@Command(name = "help", helpCommand = true,
        description = {"Show help: 'help COMMAND' for a command's usage, or 'help processors|averagers|syms|cmps|aligners [-v N]'",
            "for the EMAN2 modifiers jspt understands (-v 1 or more adds parameters, types, defaults and descriptions)."})
public final class HelpCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "TOPIC", description = "A command name or one of: processors, averagers, syms, cmps, aligners.")
    String topic;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        PrintWriter out = spec.commandLine().getOut();
        if (topic == null) {
            root.usage(out);
            return 0;
        }
        CommandLine sub = root.getSubcommands().get(topic);
        if (sub != null) {
            sub.usage(out);
            return 0;
        }
        try {
            out.print(HelpTopics.describe(topic, Main.verbosity));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; or a command: " + String.join(", ", List.copyOf(root.getSubcommands().keySet())));
        }
        out.flush();
        return 0;
    }
}
