package org.jspt.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspt.JsptException;
import org.jspt.image.Volume;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.ImageStack;

/**
 * The classification-matrix file ({@code docs/reference/formats.md} §6): 9 images of nx = K classes × ny = n particles.
 * Read for --classmx (§5.3); written as {@code classmx_<0>.hdf} with the initial grouping (§10).
 */
public final class Classmx {
    private Classmx() {}

    /** Groups from image 0: particle p is in argmax_k image0[k, p] when that maximum is positive (ties: lowest k). */
    public static List<List<Integer>> groups(Path file, int particles) throws IOException {
        Volume m;
        try (ImageStack s = EmanHdf.open(file)) {
            if (s.size() < 1) throw new JsptException("--classmx " + file + ": no images");
            m = s.read(0);
        }
        int k = m.nx;
        if (k < 2) throw new JsptException("--classmx " + file + ": " + k + " class; at least 2 needed");
        if (m.ny < particles) throw new JsptException("--classmx " + file + ": rows for " + m.ny + " particles, the input has " + particles);
        List<List<Integer>> g = new ArrayList<>();
        for (int c = 0; c < k; c++) g.add(new ArrayList<>());
        for (int p = 0; p < particles; p++) {
            int best = -1;
            float bv = 0;
            for (int c = 0; c < k; c++) {
                float v = m.get(c, p, 0);
                if (v > bv) { bv = v; best = c; }
            }
            if (best >= 0) g.get(best).add(p);
        }
        return g;
    }

    /** The number of classes of a classmx file (nx of image 0). */
    public static int classes(Path file) throws IOException {
        try (ImageStack s = EmanHdf.open(file)) {
            return s.readHeader(0).getInt("nx", 0);
        }
    }

    /** The initial matrix EMAN2 writes (§10): scores 1 at [class, particle] of the grouping, weights 1, shifts and angles 0, scale 1. */
    public static void write(Path file, List<List<Integer>> groups, int particles) throws IOException {
        int k = groups.size();
        List<Volume> images = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Volume v = new Volume(k, particles, 1);
            if (i == 1 || i == 8) v.fill(1f);
            images.add(v);
        }
        for (int c = 0; c < k; c++) for (int p : groups.get(c)) images.get(0).set(c, p, 0, 1f);
        EmanHdf.write(file, images);
    }
}
