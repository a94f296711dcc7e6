package org.jspt.refine.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A command-line parser with Python argparse's semantics as EMAN2 uses it ({@code docs/reference/refinemulti.md} §2.1),
 * which picocli does not reproduce: {@code --name value} and {@code --name=value}; any unique prefix of a
 * long name ({@code allow_abbrev}), an exact name winning over longer names it prefixes; flags take no
 * value; a value may be a negative number ({@code --search -1}); the last repetition wins; arguments that
 * are not options are positional; {@code --} ends the options. Short options: {@code -v N}, {@code -vN},
 * {@code -h}. Built-in actions: {@code --help/-h}, {@code --version}, {@code --generate_doc}.
 * Stateless and thread-safe.
 */
public final class ArgParser {
    /** What the command line asks for. */
    public enum Action { RUN, HELP, VERSION, GENERATE_DOC }

    /**
     * The result: every option's value (the default where not given), the names given explicitly,
     * positional arguments, the action. Immutable.
     */
    public record Parsed(Map<String, Object> values, Set<String> given, List<String> positionals, Action action) {
        public Parsed {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            given = Collections.unmodifiableSet(new LinkedHashSet<>(given));
            positionals = List.copyOf(positionals);
        }
    }

    private static final List<String> BUILTINS = List.of("help", "version", "generate_doc");

    private final List<OptionDef> options;

    public ArgParser(List<OptionDef> options) { this.options = List.copyOf(options); }

    /**
     * Parses {@code args}.
     * @throws UsageException for an unknown or ambiguous option, a missing or invalid value, or a value
     *         given to a flag; the message names the option as argparse does
     */
    public Parsed parse(String... args) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionDef d : options) values.put(d.name(), d.defaultValue());
        Set<String> given = new LinkedHashSet<>();
        List<String> positionals = new ArrayList<>();
        Action action = Action.RUN;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                for (i++; i < args.length; i++) positionals.add(args[i]);
                break;
            }
            if (!a.startsWith("-") || a.equals("-") || PythonNumbers.isNegativeNumber(a)) {
                positionals.add(a);
                continue;
            }
            String name;
            String inline = null;
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                name = resolveLong(eq < 0 ? a.substring(2) : a.substring(2, eq), a);
                if (eq >= 0) inline = a.substring(eq + 1);
            } else {
                String letter = a.substring(1, 2);
                name = resolveShort(letter, a);
                if (a.length() > 2) inline = a.charAt(2) == '=' ? a.substring(3) : a.substring(2);
            }
            if (BUILTINS.contains(name)) {
                if (inline != null) throw new UsageException("argument --" + name + ": ignored explicit argument '" + inline + "'");
                // NB: argparse acts on --help/--version at once; the first action given wins here as well.
                if (action == Action.RUN) action = name.equals("help") ? Action.HELP : name.equals("version") ? Action.VERSION : Action.GENERATE_DOC;
                continue;
            }
            OptionDef d = find(name);
            String label = "argument --" + d.name() + (d.shortName() != null ? "/-" + d.shortName() : "");
            Object value;
            switch (d.type()) {
                case FLAG:
                    if (inline != null) throw new UsageException(label + ": ignored explicit argument '" + inline + "'");
                    value = Boolean.TRUE;
                    break;
                case BOOL:
                    if (inline == null && i + 1 < args.length && parseBool(args[i + 1]) != null) inline = args[++i];
                    value = inline == null ? Boolean.TRUE : parseBool(inline);
                    if (value == null) throw new UsageException(label + ": invalid bool value: '" + inline + "' (use true/false, 1/0, yes/no)");
                    break;
                default:
                    if (inline == null) {
                        if (i + 1 >= args.length || isOptionLike(args[i + 1])) throw new UsageException(label + ": expected one argument");
                        inline = args[++i];
                    }
                    value = convert(d, inline, label);
            }
            values.put(d.name(), value);
            given.add(d.name());
        }
        return new Parsed(values, given, positionals, action);
    }

    /** true/false/1/0/yes/no in any case (also t/f/y/n/on/off), else null. */
    public static Boolean parseBool(String s) {
        switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true": case "t": case "yes": case "y": case "1": case "on": return Boolean.TRUE;
            case "false": case "f": case "no": case "n": case "0": case "off": return Boolean.FALSE;
            default: return null;
        }
    }

    private static Object convert(OptionDef d, String text, String label) {
        switch (d.type()) {
            case INT: {
                Integer v = PythonNumbers.parseInt(text);
                if (v == null) throw new UsageException(label + ": invalid int value: '" + text + "'");
                return v;
            }
            case FLOAT: {
                Double v = PythonNumbers.parseFloat(text);
                if (v == null) throw new UsageException(label + ": invalid float value: '" + text + "'");
                return v;
            }
            default:
                return text;
        }
    }

    /** argparse takes the next argument as a value unless it looks like an option (a negative number does not). */
    private static boolean isOptionLike(String s) {
        return s.startsWith("-") && !s.equals("-") && !PythonNumbers.isNegativeNumber(s);
    }

    private String resolveLong(String typed, String arg) {
        List<String> all = new ArrayList<>();
        for (OptionDef d : options) all.add(d.name());
        all.addAll(BUILTINS);
        if (all.contains(typed)) return typed;
        List<String> matches = new ArrayList<>();
        if (!typed.isEmpty()) for (String n : all) if (n.startsWith(typed)) matches.add(n);
        if (matches.size() == 1) return matches.get(0);
        if (matches.isEmpty()) throw new UsageException("unrecognized arguments: " + arg);
        List<String> dashed = new ArrayList<>();
        for (String m : matches) dashed.add("--" + m);
        throw new UsageException("ambiguous option: --" + typed + " could match " + String.join(", ", dashed));
    }

    private String resolveShort(String letter, String arg) {
        if (letter.equals("h")) return "help";
        for (OptionDef d : options) if (letter.equals(d.shortName())) return d.name();
        throw new UsageException("unrecognized arguments: " + arg);
    }

    private OptionDef find(String name) {
        for (OptionDef d : options) if (d.name().equals(name)) return d;
        throw new IllegalStateException("no option " + name);
    }
}
