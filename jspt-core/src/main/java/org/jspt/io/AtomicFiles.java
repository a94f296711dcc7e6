package org.jspt.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writing files without ever leaving a half-written one: write to a temporary name in the same folder,
 * then rename over the target (atomic on POSIX file systems).
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * A new empty file beside {@code target}: same folder, so the final rename stays on one file system
     * and is atomic; hidden name {@code .<name>.<random>.tmp}. NB: not Files.createTempFile, whose 0600
     * permissions would end up on the user's file; createFile gives the usual umask permissions.
     * @throws WriteFailedException naming {@code target} when the folder cannot take a new file
     */
    public static Path tempBeside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            for (int attempt = 0; ; attempt++) {
                String name = "." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + ".tmp";
                try {
                    return Files.createFile(dir.resolve(name));
                } catch (FileAlreadyExistsException e) {
                    if (attempt == 9) throw e;
                }
            }
        } catch (IOException e) {
            throw WriteFailedException.of(target, e);
        }
    }

    /** The names {@link #tempBeside} gives: {@code .<name>.<hex>.tmp}. */
    private static final java.util.regex.Pattern TEMP_NAME = java.util.regex.Pattern.compile("\\..+\\.[0-9a-f]+\\.tmp");

    /**
     * Deletes the temporary files of writes that never committed in {@code folder} (not below it): what a process
     * killed in the middle of a write leaves (names as {@link #tempBeside} gives them). For a folder only its own
     * writer uses, when no write is running, e.g. a run folder before its run resumes.
     * @return how many were deleted
     */
    public static int deleteLeftovers(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) return 0;
        int n = 0;
        try (java.util.stream.Stream<Path> s = Files.list(folder)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (TEMP_NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p) && Files.deleteIfExists(p)) n++;
            }
        }
        return n;
    }

    /**
     * Renames {@code temp} over {@code target} atomically (falls back to a plain replace if the file system cannot).
     * @throws WriteFailedException naming {@code target} if the rename fails ({@code target} is then as it was)
     */
    public static void commit(Path temp, Path target) throws IOException {
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw WriteFailedException.of(target, e);
        }
    }

    /** Writes a text file (UTF-8) atomically. */
    public static void writeString(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes what {@code body} puts into a writer, as text in {@code charset}, atomically (files streamed line by line). */
    public static void writeText(Path target, java.nio.charset.Charset charset, TextBody body) throws IOException {
        write(target, os -> {
            // newEncoder(): unmappable characters are an error, as with Files.newBufferedWriter, not silently replaced
            java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(os, charset.newEncoder()));
            body.write(w);
            w.flush();
        });
    }

    /** The text of {@link #writeText}. */
    @FunctionalInterface
    public interface TextBody {
        void write(java.io.Writer w) throws IOException;
    }

    /** Writes bytes atomically (PNG images of the run report, for one). */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, os -> os.write(bytes));
    }

    /**
     * What {@code body} writes goes to a temporary file beside {@code target}, renamed over it when complete; on any
     * failure the temporary file is deleted and {@code target} stays as it was.
     */
    private static void write(Path target, StreamBody body) throws IOException {
        Path tmp = tempBeside(target);
        try {
            try (java.io.OutputStream os = Files.newOutputStream(tmp)) {
                body.write(os);
            } catch (IOException e) {
                throw WriteFailedException.of(target, e); // disk full, most often
            }
            commit(tmp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    @FunctionalInterface
    private interface StreamBody {
        void write(java.io.OutputStream os) throws IOException;
    }
}
