package org.jspt.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writing files without ever leaving a half-written one: write to a temporary name in the same folder,
 * then rename over the target (atomic on POSIX file systems).
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** A fresh temporary path beside {@code target} (same folder, hidden, same extension). */
    public static Path tempBeside(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        String name = abs.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot) : "";
        return Files.createTempFile(dir, "." + (dot > 0 ? name.substring(0, dot) : name) + ".tmp-", ext);
    }

    /** Renames {@code temp} over {@code target} atomically (falls back to a plain replace if the file system cannot). */
    public static void commit(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes a text file (UTF-8) atomically. */
    public static void writeString(Path target, String text) throws IOException {
        Path tmp = tempBeside(target);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            commit(tmp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
