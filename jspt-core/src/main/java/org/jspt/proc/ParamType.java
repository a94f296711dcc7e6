package org.jspt.proc;

/** The declared type of a processor/averager parameter (EMAN2's EMObject types we use). */
public enum ParamType {
    INT("int"), FLOAT("float"), BOOL("bool"), STRING("string"), INTLIST("intlist"),
    /** A volume: given programmatically, or as a file name resolved by the caller's resolver. */
    VOLUME("EMData"),
    /** A {@link org.jspt.geom.Transform}; only given programmatically. */
    TRANSFORM("Transform"),
    /** A list of {@link org.jspt.geom.Transform}s (e.g. the tree aligner's {@code initxform}); a single
     *  Transform is accepted as a list of one. Only given programmatically. */
    TRANSFORMS("list");

    private final String emanName;

    ParamType(String emanName) { this.emanName = emanName; }

    /** The type name shown by {@code help} (EMAN2's spelling). */
    public String emanName() { return emanName; }
}
