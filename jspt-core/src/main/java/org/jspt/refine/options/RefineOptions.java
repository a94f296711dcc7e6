package org.jspt.refine.options;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The refinemulti command line as given: every option of {@link RefineOptionTable} with its value (the
 * real default where not given), before any checking beyond argparse's own (types, names). Immutable.
 * {@link RefineValidator} turns it into {@link RefineParams}.
 *
 * <p>Typical use by the command: {@code RefineOptions o = RefineOptions.parse(args);} then act on
 * {@link #action()} (print {@link #helpText()}, {@link #generateDoc()} or the version), else
 * {@code RefineParams p = RefineValidator.standard().validate(o, cwd);}.
 */
public final class RefineOptions {
    private static final ArgParser PARSER = new ArgParser(RefineOptionTable.OPTIONS);

    private final ArgParser.Parsed parsed;
    private final List<String> argv;

    private RefineOptions(ArgParser.Parsed parsed, List<String> argv) {
        this.parsed = parsed;
        this.argv = List.copyOf(argv);
    }

    /**
     * Parses a refinemulti command line (without the program name).
     * @throws UsageException for an unknown/ambiguous option or a value of the wrong type
     */
    public static RefineOptions parse(String... args) {
        return new RefineOptions(PARSER.parse(args), List.of(args));
    }

    /** RUN, or HELP/VERSION/GENERATE_DOC when the user asked for that instead. */
    public ArgParser.Action action() { return parsed.action(); }

    /** The arguments as given (for the log). */
    public List<String> argv() { return argv; }

    /** Positional arguments, which refinemulti ignores (the command should warn). */
    public List<String> positionals() { return parsed.positionals(); }

    /** Every option name → value (String, Integer, Double, Boolean or null), defaults included, in table order. */
    public Map<String, Object> values() { return parsed.values(); }

    /** Names of the options given on the command line. */
    public Set<String> given() { return parsed.given(); }

    /** True if {@code name} was given on the command line. */
    public boolean isGiven(String name) { return parsed.given().contains(name); }

    /** A string option; null if unset (EMAN2's None). */
    public String string(String name) { return (String) value(name, OptionType.STRING); }

    /** An int option; null if unset. */
    public Integer integer(String name) { return (Integer) value(name, OptionType.INT); }

    /** A float option. */
    public Double real(String name) { return (Double) value(name, OptionType.FLOAT); }

    /** A flag or bool option. */
    public boolean flag(String name) {
        OptionDef d = def(name);
        if (d.type() != OptionType.FLAG && d.type() != OptionType.BOOL) throw new IllegalArgumentException("--" + name + " is not a flag");
        return Boolean.TRUE.equals(parsed.values().get(name));
    }

    private Object value(String name, OptionType type) {
        OptionDef d = def(name);
        if (d.type() != type) throw new IllegalArgumentException("--" + name + " is " + d.type() + ", not " + type);
        return parsed.values().get(name);
    }

    private static OptionDef def(String name) {
        OptionDef d = RefineOptionTable.get(name);
        if (d == null) throw new IllegalArgumentException("no option --" + name);
        return d;
    }

    /** The help text: usage, then every option with its type, default and description. */
    public static String helpText() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: jspt refinemulti --input=<stack.hdf> [--ref=<ref.hdf>[,...]] [options]\n")
          .append("       jspt refinemulti --resume <run folder> [--parallel P]   (continue a killed run from its checkpoint)\n\n")
          .append("Multi-reference subtomogram refinement (EMAN2 e2spt_refinemulti.py, old version). Options may be\n")
          .append("abbreviated to any unique prefix; values as --name value or --name=value.\n\n")
          .append("options:\n")
          .append("  -h, --help            show this help and exit\n")
          .append("  --version             show the program's version and exit\n")
          .append("  --generate_doc        print the option table in EMAN2's wiki form and exit\n");
        for (OptionDef d : RefineOptionTable.OPTIONS) {
            String head = (d.shortName() != null ? "-" + d.shortName() + ", " : "") + "--" + d.name()
                    + (d.isFlag() ? "" : d.type() == OptionType.BOOL ? " [BOOL]" : " " + d.name().toUpperCase(java.util.Locale.ROOT));
            sb.append("  ").append(head).append('\n')
              .append("        (").append(d.type().docWord()).append(", default ").append(d.defaultText()).append(") ")
              .append(d.description()).append('\n');
        }
        return sb.toString();
    }

    /**
     * EMAN2's {@code --generate_doc} output: a {@code ||option||type||description||} header row, then one
     * {@code ||--name||type||description||} row per option in table order.
     */
    public static String generateDoc() {
        StringBuilder sb = new StringBuilder("||option||type||description||\n");
        for (OptionDef d : RefineOptionTable.OPTIONS) {
            // NB: '|' inside a description would break the wiki table; none of ours has one, but be safe.
            sb.append("||--").append(d.name()).append("||").append(d.type().docWord()).append("||")
              .append(d.description().replace("|", "/")).append("||\n");
        }
        return sb.toString();
    }
}
