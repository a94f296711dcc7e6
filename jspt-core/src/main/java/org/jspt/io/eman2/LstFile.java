package org.jspt.io.eman2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspt.io.AtomicFiles;
import org.jspt.io.EmanJson;
import org.jspt.io.FormatException;

/**
 * EMAN2's particle lists ({@code .lst}, the "#LSX" fast list format), read and written as EMAN2's
 * {@code LSXFile} class ({@code libpyEM/EMAN2.py}) and its C++ reader ({@code libEM/lstfastio.cpp}) do:
 * <pre>
 * #LSX
 * # a comment line (any length)
 * # 72                       ← the length of every following line, '\n' included
 * 0\tparticles/a.hdf\t{"score":-0.5,"xform.align3d":{"__class__":"Transform","matrix":[…]}}
 * 1\tparticles/a.hdf
 * </pre>
 * Each record is {@code index<TAB>file[<TAB>extra]}, left-aligned and padded with spaces to the line length minus
 * one. The optional third field is a JSON object (EMAN2 writes it with {@code json.dumps}, sorted keys, compact
 * separators, Transforms as {@code {"__class__":"Transform","matrix":[12 numbers]}}); its values override the
 * image's header when EMAN2 reads the particle. A legacy "#LST" file (the same records, not padded) is read too.
 * Older third fields that are not JSON are kept as {@code lst_comment} (EMAN2's own fallback).
 *
 * <p><b>Paths</b>: EMAN2 opens the file named in a record as written, that is relative to the <em>working
 * directory</em> (the EMAN2 project folder; {@code LstFastIO::calc_ref_image_index} has the code that resolved it
 * against the list's folder commented out). {@link #resolve} does the same and, for lists moved elsewhere, then
 * tries the list's folder and its parent (EMAN2 keeps lists in {@code sets/} or {@code spt_NN/}, one below the
 * project folder).
 *
 * <p>Writing pads every record to one length and replaces the file atomically. Stateless and thread-safe.
 */
public final class LstFile {
    /** One record: the image index in {@code file}, the file as written, and the third field's values (empty if none). */
    public record Entry(int index, String file, Map<String, Object> values) {
        public Entry {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    private static final String COMMENT = "# This file is in fast LST format. All lines after the next line have exactly the number of characters shown on the next line. This MUST be preserved if editing.";

    private LstFile() {}

    /** True if the file starts with EMAN2's "#LSX" or "#LST" magic line. */
    public static boolean isLst(Path p) {
        try (var in = Files.newBufferedReader(p, StandardCharsets.ISO_8859_1)) {
            String first = in.readLine();
            return first != null && (first.equals("#LSX") || first.equals("#LST"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads every record. @throws FormatException naming the file and line of a bad record */
    public static List<Entry> read(Path path) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FormatException(path, "file not found");
        }
        if (lines.isEmpty() || !(lines.get(0).equals("#LSX") || lines.get(0).equals("#LST"))) {
            throw new FormatException(path, "does not start with #LSX or #LST (not an EMAN2 particle list)");
        }
        int first = 1;
        if (lines.get(0).equals("#LSX")) {
            if (lines.size() < 3 || !lines.get(2).startsWith("#")) throw new FormatException(path, "line 3: expected '# <line length>' of an #LSX file");
            try {
                Integer.parseInt(lines.get(2).substring(1).strip());
            } catch (NumberFormatException e) {
                throw new FormatException(path, "line 3: '" + lines.get(2) + "' is not '# <line length>'");
            }
            first = 3;
        }
        List<Entry> out = new ArrayList<>();
        for (int i = first; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\t", 3);
            if (f.length < 2) throw new FormatException(path, "line " + (i + 1) + ": '" + line + "' is not index<TAB>file");
            int index;
            try {
                index = Integer.parseInt(f[0].strip());
            } catch (NumberFormatException e) {
                throw new FormatException(path, "line " + (i + 1) + ": image index '" + f[0] + "' is not an integer");
            }
            if (index < 0) throw new FormatException(path, "line " + (i + 1) + ": image index " + index + " is negative");
            out.add(new Entry(index, f[1].strip(), f.length == 3 ? extra(path, i + 1, f[2].strip()) : Map.of()));
        }
        return out;
    }

    private static Map<String, Object> extra(Path path, int line, String text) throws FormatException {
        if (text.length() < 2) return Map.of();
        if (text.startsWith("{")) {
            try {
                Object v = EmanJson.parseValue(text);
                if (v instanceof Map<?, ?> m) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), e.getValue());
                    return out;
                }
            } catch (IllegalArgumentException e) {
                throw new FormatException(path, "line " + line + ": third field is not valid JSON: " + e.getMessage());
            }
        }
        return Map.of("lst_comment", text);
    }

    /**
     * The image file a record names, found as EMAN2 finds it: as written (absolute, or relative to the working
     * directory {@code cwd}), else relative to the list's folder, else to the list folder's parent.
     * @return the existing file, or null if none of those exists
     */
    public static Path resolve(Path lst, String file, Path cwd) {
        Path p = Path.of(file);
        if (p.isAbsolute()) return Files.isRegularFile(p) ? p : null;
        Path dir = lst.toAbsolutePath().getParent();
        for (Path base : new Path[] {cwd.toAbsolutePath(), dir, dir.getParent()}) {
            if (base == null) continue;
            Path t = base.resolve(p).normalize();
            if (Files.isRegularFile(t)) return t;
        }
        return null;
    }

    /** The text of an #LSX file holding {@code entries} (EMAN2's layout: every record padded to one length). */
    public static String toText(List<Entry> entries) {
        List<String> records = new ArrayList<>(entries.size());
        int longest = 0;
        for (Entry e : entries) {
            if (e.file().contains("\t") || e.file().contains("\n")) throw new IllegalArgumentException("a .lst file name cannot hold a tab or line break: " + e.file());
            String r = e.index() + "\t" + e.file();
            if (!e.values().isEmpty()) r += "\t" + json(e.values());
            records.add(r);
            longest = Math.max(longest, r.length());
        }
        int lineLength = longest + 1 + 4; // EMAN2 leaves 4 spare characters (LSXFile.rewrite)
        StringBuilder sb = new StringBuilder("#LSX\n").append(COMMENT).append("\n# ").append(lineLength).append('\n');
        for (String r : records) {
            sb.append(r);
            for (int k = r.length(); k < lineLength - 1; k++) sb.append(' ');
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes an #LSX file, replacing {@code path} atomically. */
    public static void write(Path path, List<Entry> entries) throws IOException {
        AtomicFiles.writeString(path, toText(entries));
    }

    /** One-line JSON with sorted keys, as EMAN2's {@code json.dumps(..., sort_keys=True, separators=(',',':'))}. */
    static String json(Map<String, Object> values) {
        String text = EmanJson.toText(new TreeMap<>(values));
        // EmanJson writes EMAN2's indented layout; the third field must be one line with compact separators.
        StringBuilder sb = new StringBuilder(text.length());
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) inString = !inString;
            if (!inString && Character.isWhitespace(c)) continue;
            sb.append(c);
        }
        return sb.toString();
    }
}
