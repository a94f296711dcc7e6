package org.jspt.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be read as what it claims to be: truncated, corrupt, of the wrong layout, or with
 * a header that contradicts its data. The message names the file, the field, what was found and what
 * was expected, in one line.
 */
public class FormatException extends IOException {
    public FormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public FormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
