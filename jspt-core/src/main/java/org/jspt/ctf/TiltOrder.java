package org.jspt.ctf;

import java.util.Locale;

/** The order in which the tilt images of a series are recorded, which decides the exposure each has had before it. */
public enum TiltOrder {
    /**
     * Hagen, Wan &amp; Briggs 2017 (J. Struct. Biol. 197:191, doi:10.1016/j.jsb.2016.06.007): the start angle, one
     * step to the positive side, then groups of two alternating sides, e.g. 0, +3, −3, −6, +6, +9, −9, −12, +12, …;
     * when one side reaches the end of the range the other side continues alone.
     */
    DOSE_SYMMETRIC("dose-symmetric"),
    /** From the lowest angle to the highest. */
    SEQUENTIAL("sequential"),
    /** From the start angle down to the lowest angle, then from start + step up to the highest. */
    BIDIRECTIONAL("bidirectional");

    public final String key;

    TiltOrder(String key) { this.key = key; }

    /** The order named {@code s} (its key, case-insensitive). */
    public static TiltOrder parse(String s) {
        for (TiltOrder o : values()) if (o.key.equalsIgnoreCase(s.strip())) return o;
        throw new IllegalArgumentException("unknown tilt order '" + s + "': use dose-symmetric, sequential or bidirectional");
    }

    @Override
    public String toString() { return key.toLowerCase(Locale.ROOT); }
}
