package org.jspt.refine.options.mask;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.jspt.image.Volume;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStacks;
import org.jspt.refine.options.StackHeader;

/**
 * What {@code --focusmask} and {@code --refmask} share: their two ways of naming a mask (a sphere {@code x,y,z,r} in
 * pixels from the box centre, or a volume file of the particles' box), and the soft-edged sphere and the file's
 * volume they make of it.
 */
public final class MaskValues {
    private MaskValues() {}

    /** True if the value is written as a sphere, four numbers x,y,z,r. */
    static boolean isSphere(String v) { return v.matches("[-+0-9.eE]+(,[-+0-9.eE]+){3}"); }

    /**
     * The sphere x, y, z, r of a value {@link #isSphere} accepts, or null after adding a problem (a number that does not
     * parse or is not finite, a radius ≤ 0).
     * @param option the option's name for the messages, e.g. {@code --refmask}
     */
    static double[] sphere(String option, String value, List<String> problems) {
        String[] f = value.strip().split(",");
        double[] s = new double[4];
        try {
            for (int i = 0; i < 4; i++) s[i] = Double.parseDouble(f[i]);
        } catch (NumberFormatException e) {
            problems.add(option + ": '" + value + "' is not x,y,z,r (four numbers, pixels from the box centre)");
            return null;
        }
        for (double x : s) {
            if (!Double.isFinite(x)) {
                problems.add(option + ": '" + value + "' has a number that is not finite");
                return null;
            }
        }
        if (!(s[3] > 0)) {
            problems.add(option + ": the radius must be > 0, got " + s[3]);
            return null;
        }
        return s;
    }

    /**
     * The mask file a value names, if it holds a cubic image of the particles' box; otherwise null after adding a problem.
     * @param box the particles' box (0 if unknown: the file's size is then not checked)
     * @param give what the option accepts, for the message when the file cannot be read
     */
    static Path file(String option, String value, Function<String, Path> resolve, int box, String give, List<String> problems) {
        Path p = resolve.apply(value.strip());
        try {
            StackHeader h = StackHeader.read(p);
            if (h.count() == 0) problems.add(option + ": " + p + " holds no images");
            else if (!h.cubic() || (box > 0 && h.nx() != box)) {
                problems.add(option + ": " + p + " holds a " + h.shape() + " image; the particles' box " + (box > 0 ? box + "³" : "(cubic)") + " is required");
            } else return p;
        } catch (IOException | RuntimeException e) {
            problems.add(option + ": cannot read " + p + " (give " + give + "): " + e.getMessage());
        }
        return null;
    }

    /**
     * Image 0 of a mask file, which must be n³.
     * @param what the mask's name for the message, e.g. "the focus mask"
     */
    public static Volume readImage0(Path file, int n, String what) throws IOException {
        Volume m;
        try (ImageStack s = ImageStacks.open(file.toString())) {
            m = s.read(0);
        }
        if (m.nx != n || !m.isCube()) throw new IOException(file + ": " + what + " is " + m.shape() + ", the particles " + n + "³");
        return m;
    }

    /**
     * A soft sphere on an n³ box, x fastest: 1 within r of the centre (cx, cy, cz in voxels), then a half-cosine down to
     * 0 over {@code edge} voxels, 0 beyond.
     */
    public static float[] softSphere(int n, double cx, double cy, double cz, double r, double edge) {
        float[] m = new float[n * n * n];
        for (int z = 0, i = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++, i++) {
                    double d = Math.sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz));
                    m[i] = (float) cosineEdge(d - r, edge);
                }
            }
        }
        return m;
    }

    /** 1 for {@code beyond} ≤ 0, the half-cosine down to 0 at {@code edge}, 0 beyond it. */
    public static double cosineEdge(double beyond, double edge) {
        if (beyond <= 0) return 1;
        if (beyond >= edge) return 0;
        return 0.5 * (1 + Math.cos(Math.PI * beyond / edge));
    }
}
