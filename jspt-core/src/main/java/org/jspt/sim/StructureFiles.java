package org.jspt.sim;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jspt.io.FormatException;

/**
 * Opens an atomic model for {@code simulate --pdb}: a PDB file ({@link PdbReader}) or a PDBx/mmCIF file
 * ({@link MmcifReader}), either of them gzip-compressed or not, told apart by their content (gzip's magic bytes; an
 * mmCIF file's first data line starts with {@code data_}), not by the file name, so {@code .ent}, {@code .cif.gz}
 * and renamed downloads all read.
 */
public final class StructureFiles {
    private StructureFiles() {}

    /** How far the format check looks ahead for the first line that is neither blank nor a comment. */
    private static final int SNIFF_CHARS = 1 << 16;
    /** The reader's mark covers the look-ahead and the longest line it may read past it. */
    private static final int MARK_CHARS = 1 << 20;

    public static AtomModel read(Path path) throws IOException {
        try (InputStream raw = Files.newInputStream(path);
             BufferedReader in = new BufferedReader(new InputStreamReader(decompressed(new BufferedInputStream(raw)), StandardCharsets.ISO_8859_1))) {
            return isMmcif(in) ? MmcifReader.read(in, path) : PdbReader.read(in, path);
        } catch (NoSuchFileException e) {
            throw new FormatException(path, "no such file");
        } catch (EOFException | ZipException e) {
            throw new FormatException(path, "damaged or truncated gzip file (" + e.getMessage() + ")");
        }
    }

    /** The gzip stream's content if it starts with gzip's magic bytes, else the stream itself. */
    private static InputStream decompressed(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in) : in;
    }

    /** True if the first line that is neither blank nor a {@code #} comment starts with {@code data_} (the stream is reset). */
    private static boolean isMmcif(BufferedReader in) throws IOException {
        in.mark(MARK_CHARS);
        try {
            int read = 0;
            for (String line; (line = in.readLine()) != null && read < SNIFF_CHARS; read += line.length() + 1) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                return t.regionMatches(true, 0, "data_", 0, 5);
            }
            return false;
        } finally {
            in.reset();
        }
    }
}
