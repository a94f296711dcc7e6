package org.jspt.proc;

/**
 * A declared parameter: its name, type, default (null = absent unless given) and a one-line description.
 * Immutable.
 */
public record ParamSpec(String name, ParamType type, Object defaultValue, String description) {
    public static ParamSpec of(String name, ParamType type, Object defaultValue, String description) {
        return new ParamSpec(name, type, defaultValue, description);
    }

    /** A parameter with no default: absent unless given. */
    public static ParamSpec of(String name, ParamType type, String description) {
        return new ParamSpec(name, type, null, description);
    }
}
