package org.jspt.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A file could not be written (disk full, folder read-only or immutable, quota): names the file the
 * caller meant to write, not the temporary name it was being written under, and the system's reason.
 * Whatever was written before stays intact, since every file is renamed into place only when complete.
 */
public final class WriteFailedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path target;

    private WriteFailedException(Path target, String reason, IOException cause) {
        super("cannot write " + target + ": " + reason, cause);
        this.target = target;
    }

    /** {@code e} as the failure to write {@code target} (unchanged if it already is one). */
    public static WriteFailedException of(Path target, IOException e) {
        if (e instanceof WriteFailedException w) return w;
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e.getMessage() != null ? e.getMessage() : e.toString();
        return new WriteFailedException(target, reason, e);
    }

    /** The file that could not be written. */
    public Path target() { return target; }
}
