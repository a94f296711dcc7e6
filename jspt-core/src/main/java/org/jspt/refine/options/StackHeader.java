package org.jspt.refine.options;

import java.io.IOException;
import java.nio.file.Path;
import org.jspt.image.Header;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStacks;

/**
 * What the checks need to know about an image file, read from headers only (cheap): image count, the
 * size of image 0 (and of the last image, to catch a stack of mixed sizes) and image 0's pixel size.
 */
public record StackHeader(int count, int nx, int ny, int nz, double apix) {
    /** Reads the headers. @throws IOException if the file cannot be opened or is not an image stack */
    public static StackHeader read(Path path) throws IOException {
        try (ImageStack s = ImageStacks.open(path)) {
            int n = s.size();
            if (n == 0) return new StackHeader(0, 0, 0, 0, 0);
            Header h = s.readHeader(0);
            StackHeader first = new StackHeader(n, h.getInt("nx", 0), h.getInt("ny", 0), h.getInt("nz", 0), h.getDouble("apix_x", 1.0));
            if (n > 1) {
                Header last = s.readHeader(n - 1);
                if (last.getInt("nx", 0) != first.nx || last.getInt("ny", 0) != first.ny || last.getInt("nz", 0) != first.nz) {
                    throw new IOException(path + ": image 0 is " + first.shape() + " but image " + (n - 1) + " is "
                            + last.getInt("nx", 0) + "x" + last.getInt("ny", 0) + "x" + last.getInt("nz", 0));
                }
            }
            return first;
        }
    }

    public String shape() { return nx + "x" + ny + "x" + nz; }

    public boolean cubic() { return nx == ny && ny == nz; }

    /**
     * The problem with this stack as a volume stack for refinement (§4.5), or null: empty, not cubic,
     * odd box.
     */
    String volumeProblem(Path path) {
        if (count == 0) return path + " holds no images";
        if (!cubic()) return path + " holds " + shape() + " images; cubic volumes are required";
        if (nx % 2 != 0) return path + " has an odd box (" + nx + "); an even box is required";
        return null;
    }
}
