package org.jspt.run;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Numbered run folders as EMAN2's {@code makepath} makes them ({@code docs/reference/refinemulti.md} §3.1):
 * {@code <stem>_NN} with NN the smallest integer ≥ 1 for which the folder does not exist yet, written
 * {@code %02d} (01 … 99, 100 …). A given stem is numbered too ({@code foo} → {@code foo_01}).
 *
 * <p>Safe against runs started at the same time: the folder is made with {@code createDirectory}, which
 * fails if another process made it first; then the next number is tried. A run therefore never writes
 * into a folder it did not create.
 */
public final class RunDirectory {
    private RunDirectory() {}

    /** The folder name for number n: {@code <stem>_%02d}. */
    public static String name(String stem, int n) { return stem + "_" + String.format("%02d", n); }

    /**
     * Creates the next free {@code <stem>_NN} inside {@code base}.
     * @param stem the stem, possibly with parent folders ({@code runs/foo}); the parents must exist
     * @return the new, empty folder
     * @throws IOException if the parent folder does not exist or the folder cannot be made
     */
    public static Path create(Path base, String stem) throws IOException {
        if (stem == null || stem.isBlank()) throw new IllegalArgumentException("empty run folder stem");
        for (int n = 1; n < Integer.MAX_VALUE; n++) {
            Path dir = base.resolve(name(stem, n));
            if (Files.exists(dir)) continue;
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException raced) {
                // another run took this number between the check and the creation: try the next one
            } catch (NoSuchFileException e) {
                throw new IOException("cannot create the run folder " + dir + ": its parent folder does not exist", e);
            }
        }
        throw new IOException("no free run folder number for " + base.resolve(stem));
    }
}
