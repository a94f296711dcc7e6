package org.jspt.io;

import java.io.IOException;
import java.nio.file.Path;
import org.jspt.image.Volume;

/**
 * Writes images one at a time (streaming) to a stack file.
 *
 * <p>A writer that creates a file writes to a temporary name beside the target and renames it over the
 * target in {@link #close()}, so a user's file is never half-written; {@link #abort()} deletes the
 * temporary file instead. A writer that appends to an existing file writes in place.
 */
public interface ImageStackWriter extends AutoCloseable {
    /** The final path of the stack. */
    Path path();

    /** Appends one image (with its header) at the next index. */
    void append(Volume v) throws IOException;

    /** Number of images in the stack so far (including those present before an append session). */
    int count();

    /** Finishes the file and, for a new file, moves it to its final name. */
    @Override
    void close() throws IOException;

    /** Discards a new file (no effect on a file opened for appending beyond what was already flushed). */
    void abort();
}
