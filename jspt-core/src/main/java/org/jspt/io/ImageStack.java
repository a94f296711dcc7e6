package org.jspt.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspt.image.Header;
import org.jspt.image.Volume;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.mrc.Mrc;

/**
 * Read access to a file (or list of files) holding one or more images, read one at a time so that a
 * stack of any length can be streamed with memory for one image.
 *
 * <p>Implementations: EMAN2 HDF5 ({@link EmanHdf}), MRC ({@link Mrc}), and a list of files
 * ({@link FileListStack}); {@link ImageStacks#open} picks one by file extension.
 * Instances are not thread-safe unless they say so; open one per thread.
 */
public interface ImageStack extends AutoCloseable, Iterable<Volume> {
    /** The file this stack was opened from. */
    Path path();

    /** Number of images. */
    int size();

    /** Image i (0-based) with its header. @throws IndexOutOfBoundsException for a bad index */
    Volume read(int i) throws IOException;

    /** The header of image i without its voxels (cheap). Includes nx, ny, nz. */
    Header readHeader(int i) throws IOException;

    /** Short name of the storage format, e.g. "HDF5 (EMAN2)", "MRC mode 2". */
    String formatName();

    /** Streams the images in order; an I/O error surfaces as {@link java.io.UncheckedIOException}. */
    @Override
    default Iterator<Volume> iterator() {
        return new Iterator<>() {
            int next = 0;
            public boolean hasNext() { return next < size(); }
            public Volume next() {
                if (!hasNext()) throw new NoSuchElementException();
                try {
                    return read(next++);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }

    @Override
    void close() throws IOException;
}
