package org.jspt.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.jspt.image.Volume;

/**
 * Grey-scale pictures of a volume for the run report: central sections and projections along each axis,
 * each normalised on its own (minimum black, maximum white) and enlarged by pixel repetition to a
 * readable size. A {@link Plane} is {@code float[]} rows of {@code w} values, first image axis fastest; the
 * PNG draws the second axis upwards (row 0 at the bottom), as EMAN2's viewers and most maps are shown.
 */
public final class VolumeImages {
    /** A 2-D image: {@code data[u + w·v]}. */
    public record Plane(int w, int h, float[] data) {}

    /** The three views, named by the plane they show (a section) or the axis summed over (a projection). */
    public enum View {
        XY("xy section"), XZ("xz section"), YZ("yz section"), PROJ_Z("projection along z"), PROJ_Y("projection along y"), PROJ_X("projection along x");

        public final String label;

        View(String label) { this.label = label; }
    }

    private VolumeImages() {}

    /** The view of {@code v}; sections go through the centre voxel (nx/2, ny/2, nz/2). Allocates the plane. */
    public static Plane view(Volume v, View which) {
        return switch (which) {
            case XY -> section(v, 2, v.nz / 2);
            case XZ -> section(v, 1, v.ny / 2);
            case YZ -> section(v, 0, v.nx / 2);
            case PROJ_Z -> projection(v, 2);
            case PROJ_Y -> projection(v, 1);
            case PROJ_X -> projection(v, 0);
        };
    }

    /**
     * The plane {@code axis = index} (axis 0 = x, 1 = y, 2 = z). Its image axes are the remaining two in
     * order: (x, y) for axis z, (x, z) for axis y, (y, z) for axis x.
     */
    public static Plane section(Volume v, int axis, int index) {
        int[] n = {v.nx, v.ny, v.nz};
        int a = axis == 0 ? 1 : 0, b = axis == 2 ? 1 : 2;
        int w = n[a], h = n[b];
        float[] out = new float[w * h];
        int[] p = new int[3];
        p[axis] = index;
        for (int j = 0; j < h; j++) {
            p[b] = j;
            for (int i = 0; i < w; i++) {
                p[a] = i;
                out[i + w * j] = v.get(p[0], p[1], p[2]);
            }
        }
        return new Plane(w, h, out);
    }

    /** The sum along {@code axis}, with the same image axes as {@link #section}. */
    public static Plane projection(Volume v, int axis) {
        int[] n = {v.nx, v.ny, v.nz};
        Plane sum = section(v, axis, 0);
        for (int k = 1; k < n[axis]; k++) {
            float[] s = section(v, axis, k).data();
            for (int i = 0; i < s.length; i++) sum.data()[i] += s[i];
        }
        return sum;
    }

    /**
     * Grey levels 0–255 from the plane's own minimum to maximum (a flat plane is mid-grey; non-finite values
     * are black), each pixel repeated {@code scale} times in both directions, the second axis upwards.
     */
    public static BufferedImage grey(Plane p, int scale) {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float x : p.data()) {
            if (!Float.isFinite(x)) continue;
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        double range = hi > lo ? hi - lo : 0;
        BufferedImage img = new BufferedImage(p.w() * scale, p.h() * scale, BufferedImage.TYPE_BYTE_GRAY);
        var raster = img.getRaster();
        for (int j = 0; j < p.h(); j++) {
            for (int i = 0; i < p.w(); i++) {
                float x = p.data()[i + p.w() * j];
                int g = !Float.isFinite(x) ? 0 : range == 0 ? 128 : (int) Math.round(255 * (x - lo) / range);
                for (int dy = 0; dy < scale; dy++)
                    for (int dx = 0; dx < scale; dx++) raster.setSample(i * scale + dx, (p.h() - 1 - j) * scale + dy, 0, g);
            }
        }
        return img;
    }

    /** The smallest whole enlargement that makes an image of size {@code n} at least {@code target} pixels (at least 1). */
    public static int scaleFor(int n, int target) {
        return Math.max(1, (target + n - 1) / Math.max(n, 1));
    }

    /** PNG bytes of an image. */
    public static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", b)) throw new IOException("no PNG writer in this Java runtime");
        return b.toByteArray();
    }
}
