package org.jspt.refine.options;

/**
 * One command-line option: its long name (without {@code --}), an optional one-letter short name
 * (without {@code -}, or null), its type, its real default (null = unset, EMAN2's None) and a one-line
 * description. Immutable.
 */
public record OptionDef(String name, String shortName, OptionType type, Object defaultValue, String description) {
    public OptionDef {
        if (name == null || name.isEmpty() || name.startsWith("-")) throw new IllegalArgumentException("bad option name " + name);
        if (description == null) description = "";
    }

    /** A long-only option. */
    public static OptionDef of(String name, OptionType type, Object defaultValue, String description) {
        return new OptionDef(name, null, type, defaultValue, description);
    }

    /** True for options that take no value ({@link OptionType#FLAG}). */
    public boolean isFlag() { return type == OptionType.FLAG; }

    /** The default as help shows it ({@code None} for unset, like argparse). */
    public String defaultText() {
        if (defaultValue == null) return "None";
        if (defaultValue instanceof String s) return s.isEmpty() ? "''" : s;
        if (defaultValue instanceof Boolean b) return b ? "True" : "False";
        return String.valueOf(defaultValue);
    }
}
