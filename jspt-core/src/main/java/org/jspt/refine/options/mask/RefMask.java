package org.jspt.refine.options.mask;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * jspt {@code --refmask} ({@code docs/reference/refinemulti.md} §16.7): how the references are masked before each pass
 * aligns and classifies the particles against them. Immutable.
 *
 * @param mode {@link Mode#AUTO} (each reference's own molecule), {@link Mode#SPHERE} (a sphere about each one's molecule),
 *             {@link Mode#FIXED} (the sphere {@code sphere}) or {@link Mode#FILE} (the volume {@code file})
 * @param sphere x, y, z (pixels from the box centre) and r for {@link Mode#FIXED}, else null
 * @param file the mask volume for {@link Mode#FILE}, else null
 */
public record RefMask(Mode mode, double[] sphere, Path file) implements java.io.Serializable {
    /** The kinds of reference mask. */
    public enum Mode { AUTO, SPHERE, FIXED, FILE }

    /** The option's value for no mask. */
    public static final String NONE = "none";

    public static RefMask auto() { return new RefMask(Mode.AUTO, null, null); }

    /**
     * The reference mask of a run: the option's value; without one, {@code auto} for the jspt refinement paths (references
     * split from the data, or gold-standard iterations), none otherwise (EMAN2 aligns to unmasked averages).
     */
    public static Optional<RefMask> forRun(String value, boolean jsptPath, java.util.function.Function<String, Path> resolve, int box, List<String> problems) {
        if ((value == null || value.isBlank()) && jsptPath) return Optional.of(auto());
        return parse(value, resolve, box, problems);
    }

    /**
     * Checks the option's value; a problem is added to {@code problems}.
     * @param box the particles' box (0 if unknown: a file's size is then not checked)
     * @return empty if the option is not given, is {@code none} or is wrong
     */
    public static Optional<RefMask> parse(String value, java.util.function.Function<String, Path> resolve, int box, List<String> problems) {
        if (value == null || value.isBlank()) return Optional.empty();
        String v = value.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals(NONE)) return Optional.empty();
        if (lower.equals("auto")) return Optional.of(auto());
        if (lower.equals("sphere")) return Optional.of(new RefMask(Mode.SPHERE, null, null));
        if (MaskValues.isSphere(v)) {
            double[] s = MaskValues.sphere("--refmask", value, problems);
            return s == null ? Optional.empty() : Optional.of(new RefMask(Mode.FIXED, s, null));
        }
        Path p = MaskValues.file("--refmask", v, resolve, box, "auto, sphere, none, a mask file, or x,y,z,r for a sphere", problems);
        return p == null ? Optional.empty() : Optional.of(new RefMask(Mode.FILE, null, p));
    }

    /** The value as written to parameters_refinemulti.txt. */
    public String text() {
        return switch (mode) {
            case AUTO -> "auto";
            case SPHERE -> "sphere";
            case FIXED -> String.format(Locale.ROOT, "%s,%s,%s,%s", sphere[0], sphere[1], sphere[2], sphere[3]);
            case FILE -> file.toString();
        };
    }
}
