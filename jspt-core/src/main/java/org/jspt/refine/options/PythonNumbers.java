package org.jspt.refine.options;

import java.util.regex.Pattern;

/**
 * Python's {@code int()} and {@code float()} on strings, as argparse applies them: surrounding whitespace
 * allowed, an optional sign, underscores only between digits; {@code float()} also takes {@code inf},
 * {@code infinity} and {@code nan} in any case. Java's own parsers differ (they take {@code 1.0f}, reject
 * {@code 1_000}), hence this class.
 */
final class PythonNumbers {
    private static final String DIGITS = "\\d(?:_?\\d)*";
    private static final Pattern INT = Pattern.compile("[+-]?" + DIGITS);
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(?:(?:" + DIGITS + ")?\\.(?:" + DIGITS + ")|(?:" + DIGITS + ")\\.?)(?:[eE][+-]?" + DIGITS + ")?");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(?:inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    private PythonNumbers() {}

    /** Python {@code int(s)} limited to Java's int range; null if Python would reject it (or it overflows). */
    static Integer parseInt(String s) {
        String t = s.strip();
        if (!INT.matcher(t).matches()) return null;
        try {
            return Integer.valueOf(t.replace("_", "").replaceFirst("^\\+", ""));
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    /** Python {@code float(s)}; null if Python would reject it. */
    static Double parseFloat(String s) {
        String t = s.strip();
        if (SPECIAL.matcher(t).matches()) {
            String body = t.replaceFirst("^[+-]", "").toLowerCase(java.util.Locale.ROOT);
            if (body.equals("nan")) return Double.NaN;
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!FLOAT.matcher(t).matches()) return null;
        return Double.parseDouble(t.replace("_", ""));
    }

    /** True if {@code s} looks like a negative number (argparse then takes it as a value, not an option). */
    static boolean isNegativeNumber(String s) {
        return s.startsWith("-") && parseFloat(s) != null;
    }
}
