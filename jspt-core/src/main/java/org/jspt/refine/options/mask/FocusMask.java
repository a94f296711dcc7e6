package org.jspt.refine.options.mask;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspt.image.Volume;

/**
 * jspt {@code --focusmask} ({@code docs/reference/refinemulti.md} §16.2): the region the classification score is
 * restricted to, in the references' frame. Either a mask volume file (image 0, the particles' box) or a sphere
 * {@code x,y,z,r} in pixels, its centre relative to the box centre (n/2, n/2, n/2), or {@code whole}: the sphere
 * about the box centre whose soft edge ends at the box's faces, which makes the class choice the least-squares one over
 * the whole particle at one pose (docs/heterogeneity.md, "Four classes at SNR 0.03"). Immutable.
 *
 * @param file the mask file, or null for a sphere
 * @param sphere x, y, z, r of the sphere (r infinite: {@code whole}), or null for a file
 */
public record FocusMask(Path file, double[] sphere) {
    /** Width (px) of the sphere's cosine edge beyond r: a hard edge would ring in Fourier space. */
    public static final double SOFT_EDGE = 3;
    /** The option's value for the whole particle. */
    public static final String WHOLE = "whole";
    /** The option's value for no focus mask (the default except with --grouping split). */
    public static final String NONE = "none";

    /** The whole particle: a centred sphere of radius n/2 − {@link #SOFT_EDGE} on an n³ box. */
    public static FocusMask whole() { return new FocusMask(null, new double[] {0, 0, 0, Double.POSITIVE_INFINITY}); }

    /**
     * The focus mask of a run: the option's value; without one, {@code whole} for references split from the data
     * (--grouping split, whose references share one frame: docs/heterogeneity.md), else none.
     */
    public static Optional<FocusMask> forRun(String value, boolean splitReferences, java.util.function.Function<String, Path> resolve, int box, List<String> problems) {
        if ((value == null || value.isBlank()) && splitReferences) return Optional.of(whole());
        return parse(value, resolve, box, problems);
    }

    public boolean isWhole() { return sphere != null && sphere[3] == Double.POSITIVE_INFINITY; }

    /**
     * Checks the option's value; a problem is added to {@code problems}.
     * @param box the particles' box (0 if unknown: the file's size is then not checked)
     * @return empty if the option is not given, is {@code none} or is wrong
     */
    public static Optional<FocusMask> parse(String value, java.util.function.Function<String, Path> resolve, int box, List<String> problems) {
        if (value == null || value.isBlank()) return Optional.empty();
        String v = value.strip();
        if (v.equalsIgnoreCase(NONE)) return Optional.empty();
        if (v.equalsIgnoreCase(WHOLE)) return Optional.of(whole());
        if (MaskValues.isSphere(v)) {
            double[] s = MaskValues.sphere("--focusmask", value, problems);
            return s == null ? Optional.empty() : Optional.of(new FocusMask(null, s));
        }
        Path p = MaskValues.file("--focusmask", v, resolve, box, "a mask file, or x,y,z,r for a sphere", problems);
        return p == null ? Optional.empty() : Optional.of(new FocusMask(p, null));
    }

    /** The mask on an n³ box: the file's image 0 (values as stored), or the soft-edged sphere. */
    public Volume volume(int n) throws IOException {
        if (file != null) return MaskValues.readImage0(file, n, "the focus mask");
        double r = isWhole() ? n / 2.0 - SOFT_EDGE : sphere[3];
        return new Volume(n, n, n, MaskValues.softSphere(n, n / 2 + sphere[0], n / 2 + sphere[1], n / 2 + sphere[2], r, SOFT_EDGE),
                new org.jspt.image.Header());
    }
}
