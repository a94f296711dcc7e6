package org.jspt.proc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspt.image.Volume;

/**
 * A parsed EMAN2 modifier string {@code name:key=value:key=value} ({@code docs/reference/processing.md} §1):
 * the name and the typed values, before they are checked against a declared parameter list. Immutable.
 *
 * <p>Value typing follows EMAN2's {@code parsemodopt}, first rule that applies: {@code true}/{@code false}
 * (any case) → Integer 1/0; a Python-style int ({@code -2}, {@code +3}) → Integer; a Python-style float
 * ({@code 0.05}, {@code 1e-3}, {@code .5}, {@code inf}, {@code nan}, {@code 3.0}) → Double; otherwise a String
 * with one pair of surrounding double quotes removed if it is longer than 2 characters. A repeated key:
 * the later one wins. Values that cannot be written in the string (volumes, Transforms) are added with
 * {@link #with}.
 */
public final class ProcessorSpec implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private static final Pattern INT = Pattern.compile("[+-]?\\d+");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?((\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    private final String text;
    private final String name;
    private final Map<String, Object> values;
    private final Map<String, String> texts;

    private ProcessorSpec(String text, String name, Map<String, Object> values, Map<String, String> texts) {
        this.text = text;
        this.name = name;
        this.values = Collections.unmodifiableMap(values);
        this.texts = Collections.unmodifiableMap(texts);
    }

    /**
     * Parses a modifier string. Empty (or null) → empty (option unset); {@code none} in any case → empty
     * (option off).
     * @throws IllegalArgumentException if a token after the name is not {@code key=value} with exactly one '='
     */
    public static Optional<ProcessorSpec> parse(String s) {
        if (s == null || s.isEmpty() || s.equalsIgnoreCase("none")) return Optional.empty();
        String[] tok = s.split(":", -1);
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        LinkedHashMap<String, String> texts = new LinkedHashMap<>();
        if (tok.length >= 2 && !tok[1].isEmpty()) {
            for (int i = 1; i < tok.length; i++) {
                String t = tok[i];
                int eq = t.indexOf('=');
                if (eq < 0 || eq != t.lastIndexOf('=')) {
                    throw new IllegalArgumentException("'" + s + "': token '" + t
                            + "' must have the form key=value (the string must be name:key=value:key=value)");
                }
                String key = t.substring(0, eq), raw = t.substring(eq + 1);
                values.put(key, typed(raw));
                texts.put(key, raw);
            }
        }
        return Optional.of(new ProcessorSpec(s, tok[0], values, texts));
    }

    /** A spec with a name and no parameters (for programmatic use). */
    public static ProcessorSpec of(String name) {
        return new ProcessorSpec(name, name, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /** EMAN2's value typing (class javadoc). */
    static Object typed(String v) {
        if (v.equalsIgnoreCase("true")) return 1;
        if (v.equalsIgnoreCase("false")) return 0;
        String t = v.strip();
        if (INT.matcher(t).matches()) {
            try {
                return Integer.valueOf(t.startsWith("+") ? t.substring(1) : t);
            } catch (NumberFormatException tooLarge) {
                return Double.parseDouble(t);
            }
        }
        if (FLOAT.matcher(t).matches()) {
            String l = t.toLowerCase(Locale.ROOT);
            boolean neg = l.startsWith("-");
            String body = l.replaceFirst("^[+-]", "");
            if (body.equals("nan")) return Double.NaN;
            if (body.startsWith("inf")) return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            return Double.parseDouble(l);
        }
        if (v.length() > 2 && v.startsWith("\"") && v.endsWith("\"")) return v.substring(1, v.length() - 1);
        return v;
    }

    /** A copy with {@code key} set to {@code value} (e.g. a mask Volume for {@code normalize.mask}). */
    public ProcessorSpec with(String key, Object value) {
        LinkedHashMap<String, Object> v = new LinkedHashMap<>(values);
        LinkedHashMap<String, String> t = new LinkedHashMap<>(texts);
        v.put(key, value);
        t.put(key, value instanceof Volume ? "<volume>" : String.valueOf(value));
        return new ProcessorSpec(text + ":" + key + "=" + t.get(key), name, v, t);
    }

    /** Builds the processor through the default registry; see {@link Registry#create(ProcessorSpec, Function)}. */
    public Processor build(Function<String, Volume> fileResolver) { return Registry.processors().create(this, fileResolver); }

    public Processor build() { return build(null); }

    public String name() { return name; }
    /** The typed values, in order of first appearance. */
    public Map<String, Object> values() { return values; }
    /** The value texts as written (after the '='). */
    public Map<String, String> texts() { return texts; }
    /** The original string (with programmatic additions appended). */
    public String text() { return text; }

    @Override
    public String toString() { return text; }
}
