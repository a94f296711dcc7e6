package org.jspt.run;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code class_membership.txt} (docs/reference/refinemulti.md §7.5): one block per iteration, appended, never
 * rewritten whole (a run of 100,000 particles adds about 600 KB per iteration). Blocks are separated by an
 * empty line: {@code ITERATION it}, then {@code CLASS c: p,q*,…} for each class (a star marks a particle whose
 * class changed). Every line ends with a newline.
 *
 * <p>Appending is not atomic, so before its first append this object finds where the block of the iteration
 * being written starts (a resumed run redoes an iteration that may already be there, whole or torn by a
 * crash) and cuts the file there: it keeps the blocks of earlier iterations and drops a torn last line. Later
 * appends of the same run go straight to the end. One instance per run folder; not thread-safe.
 */
final class MembershipFile {
    private final Path file;
    /** The file's length after this object's last append and the iteration it expects next (-1: none yet). */
    private long end = -1;
    private int next = -1;

    MembershipFile(Path file) { this.file = file; }

    /** Writes iteration {@code it}'s block after the blocks of the earlier iterations. */
    void append(int it, Assignment a, Assignment previous, int k) throws IOException {
        long keep = end >= 0 && it == next && Files.size(file) == end ? end : blocksBefore(file, it);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.truncate(keep);
            ch.position(keep);
            Writer w = new BufferedWriter(Channels.newWriter(ch, StandardCharsets.US_ASCII), 1 << 16);
            if (it > 0) w.write('\n');
            w.write("ITERATION " + it + "\n");
            int[] classOf = a.classOf();
            int[] before = previous == null ? null : previous.classOf();
            for (int c = 0; c < k; c++) {
                w.write("CLASS " + c + ": ");
                boolean first = true;
                for (int p = 0; p < classOf.length; p++) {
                    if (classOf[p] != c) continue;
                    if (!first) w.write(',');
                    first = false;
                    w.write(Integer.toString(p));
                    if (before != null && before[p] != c) w.write('*');
                }
                w.write('\n');
            }
            w.flush();
            ch.force(false); // on disk before the iteration's checkpoint commit
            end = ch.position();
        }
        next = it + 1;
    }

    /**
     * Byte length of the part of {@code f} to keep before writing iteration {@code it}: up to the block of
     * iteration ≥ it if there is one (without the empty line before it), else the whole file less a torn
     * last line (no newline) and a trailing empty line (a torn block separator). 0 if the file is missing.
     */
    static long blocksBefore(Path f, int it) throws IOException {
        if (!Files.exists(f)) return 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
            long pos = 0, lineStart = 0, lastLineEnd = 0;
            boolean prevEmpty = true; // the file's start counts as a block boundary
            StringBuilder head = new StringBuilder(24);
            int b;
            while ((b = in.read()) >= 0) {
                pos++;
                if (b != '\n') {
                    if (head.length() < 24) head.append((char) b);
                    continue;
                }
                if (prevEmpty && iterationOf(head) >= it) return Math.max(0, lineStart - 1);
                prevEmpty = pos - lineStart == 1;
                lineStart = pos;
                lastLineEnd = pos;
                head.setLength(0);
            }
            // A torn last line (no newline, e.g. "ITERA") is dropped, and an empty line left before it.
            return prevEmpty && lastLineEnd > 0 ? lastLineEnd - 1 : lastLineEnd;
        }
    }

    /** j of a line "ITERATION j", else −1. */
    private static int iterationOf(CharSequence line) {
        String s = line.toString();
        if (!s.startsWith("ITERATION ")) return -1;
        try {
            return Integer.parseInt(s.substring(10));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
