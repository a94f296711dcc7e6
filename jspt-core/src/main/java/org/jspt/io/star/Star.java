package org.jspt.io.star;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspt.io.AtomicFiles;
import org.jspt.io.FormatException;

/**
 * STAR files as RELION writes them (3.0, and 3.1+/4/5 with {@code data_optics} and {@code data_particles}):
 * a sequence of data blocks ({@code data_<name>}, the name may be empty), each holding single
 * {@code _label value} pairs and/or one {@code loop_} table of labelled columns.
 *
 * <p><b>Reading</b> is tolerant of layout: any whitespace between values, blank lines, comments ({@code #} at the
 * start of a token, e.g. RELION's {@code _rlnImageName #1} and {@code # version 30001}), and values quoted with
 * {@code '} or {@code "} (a quote closes only before whitespace or the end of the line, as STAR defines it).
 * Labels are kept without their leading underscore. It is strict about structure: a loop row with the wrong
 * number of values, a value outside a loop, a second loop in one block, or a {@code ;} multi-line text field
 * (not used by RELION) is a {@link FormatException} naming the line.
 *
 * <p><b>Writing</b> puts each block as RELION does ({@code # version 30001}, {@code data_name}, pairs, then
 * {@code loop_} with {@code _label #n} lines and one row per line), quoting values that need it; the file is
 * replaced atomically ({@link AtomicFiles}). {@code parse(toString(blocks))} gives back equal blocks.
 * Stateless and thread-safe; blocks are immutable.
 */
public final class Star {
    private Star() {}

    /** A loop: column labels (without '_') and rows of values, every row as long as the labels. Immutable. */
    public record Table(List<String> labels, List<List<String>> rows) {
        public Table {
            labels = List.copyOf(labels);
            List<List<String>> r = new ArrayList<>(rows.size());
            for (List<String> row : rows) {
                if (row.size() != labels.size()) throw new IllegalArgumentException("a row has " + row.size() + " values for " + labels.size() + " labels");
                r.add(List.copyOf(row));
            }
            rows = Collections.unmodifiableList(r);
        }

        /** The column index of {@code label} (without '_'), or −1. */
        public int column(String label) { return labels.indexOf(label); }

        public boolean has(String label) { return column(label) >= 0; }

        public int size() { return rows.size(); }

        /** Row r's value of {@code label}. @throws IllegalArgumentException if the column is missing */
        public String get(int r, String label) {
            int c = column(label);
            if (c < 0) throw new IllegalArgumentException("no column _" + label);
            return rows.get(r).get(c);
        }
    }

    /** One data block: its name (after {@code data_}), single pairs in file order, and at most one loop (null if none). Immutable. */
    public record Block(String name, Map<String, String> values, Table loop) {
        public Block {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        public static Block ofLoop(String name, Table loop) { return new Block(name, Map.of(), loop); }
    }

    /** Reads a STAR file. @throws FormatException naming the file and line of any structural problem */
    public static List<Block> read(Path path) throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FormatException(path, "file not found");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new FormatException(path, "not a text file (bytes that are not UTF-8)");
        }
        return parse(text, path);
    }

    /** The first block called {@code name}, if any. */
    public static Optional<Block> block(List<Block> blocks, String name) {
        return blocks.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** Parses STAR text; {@code source} names the file in error messages. */
    public static List<Block> parse(String text, Path source) throws FormatException {
        return new Parser(source).parse(text);
    }

    /** Writes {@code blocks} to {@code path}, replacing it atomically. */
    public static void write(Path path, List<Block> blocks) throws IOException {
        AtomicFiles.writeString(path, toString(blocks));
    }

    /** The text {@link #write} writes. @throws IllegalArgumentException for a value STAR cannot hold (a line break, or both quote kinds before whitespace) */
    public static String toString(List<Block> blocks) {
        StringBuilder sb = new StringBuilder();
        for (Block b : blocks) {
            sb.append("\n# version 30001\n\ndata_").append(b.name()).append("\n\n");
            for (Map.Entry<String, String> e : b.values().entrySet()) sb.append('_').append(e.getKey()).append(' ').append(quote(e.getValue())).append('\n');
            if (!b.values().isEmpty()) sb.append('\n');
            if (b.loop() != null) {
                sb.append("loop_\n");
                for (int i = 0; i < b.loop().labels().size(); i++) sb.append('_').append(b.loop().labels().get(i)).append(" #").append(i + 1).append('\n');
                for (List<String> row : b.loop().rows()) {
                    for (int i = 0; i < row.size(); i++) sb.append(i == 0 ? "" : " ").append(quote(row.get(i)));
                    sb.append('\n');
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** A value as one STAR token: bare when that reads back the same, else quoted. */
    static String quote(String v) {
        if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) throw new IllegalArgumentException("a STAR value cannot hold a line break: " + v);
        boolean bare = !v.isEmpty() && v.chars().noneMatch(Character::isWhitespace)
                && "_#'\";$".indexOf(v.charAt(0)) < 0 && !isReserved(v);
        if (bare) return v;
        if (!closesEarly(v, '"')) return '"' + v + '"';
        if (!closesEarly(v, '\'')) return '\'' + v + '\'';
        throw new IllegalArgumentException("a STAR value cannot hold both quote kinds before whitespace: " + v);
    }

    private static boolean isReserved(String v) {
        String l = v.toLowerCase(java.util.Locale.ROOT);
        return l.startsWith("data_") || l.startsWith("save_") || l.equals("loop_") || l.equals("stop_") || l.equals("global_");
    }

    /** True if quoting v with q would end the value early (q followed by whitespace inside v). */
    private static boolean closesEarly(String v, char q) {
        for (int i = 0; i < v.length() - 1; i++) if (v.charAt(i) == q && Character.isWhitespace(v.charAt(i + 1))) return true;
        return false;
    }

    /** Splits one line into tokens; a '#' that starts a token ends the line. */
    static List<String> tokens(String line, Path source, int lineNo) throws FormatException {
        List<String> out = new ArrayList<>();
        int i = 0, n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            if (c == '#') break;
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n && !(line.charAt(j) == c && (j + 1 == n || Character.isWhitespace(line.charAt(j + 1))))) j++;
                if (j >= n) throw new FormatException(source, "line " + lineNo + ": unterminated quoted value " + line.substring(i));
                out.add(line.substring(i + 1, j));
                i = j + 1;
            } else {
                int j = i;
                while (j < n && !Character.isWhitespace(line.charAt(j))) j++;
                out.add(line.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    /** One pass over the lines; holds the block being read. */
    private static final class Parser {
        private final Path source;
        private final List<Block> blocks = new ArrayList<>();
        private String name;
        private Map<String, String> values;
        private List<String> labels;
        private List<List<String>> rows;
        private boolean hadLoop, inLoop;

        Parser(Path source) { this.source = source; }

        List<Block> parse(String text) throws FormatException {
            String[] lines = text.split("\r?\n|\r", -1);
            for (int i = 0; i < lines.length; i++) line(lines[i], i + 1);
            finishBlock();
            return List.copyOf(blocks);
        }

        private void line(String line, int no) throws FormatException {
            if (line.startsWith(";")) throw new FormatException(source, "line " + no + ": multi-line text fields (';') are not supported");
            List<String> t = tokens(line, source, no);
            if (t.isEmpty()) {
                if (inLoop && !rows.isEmpty()) inLoop = false; // a blank line ends a loop's rows
                return;
            }
            String first = t.get(0);
            String lower = first.toLowerCase(java.util.Locale.ROOT);
            // NB: only a lone data_ token starts a block: RELION writes paths such as data_dir/p1.mrc unquoted in rows.
            if (lower.startsWith("data_") && t.size() == 1) {
                finishBlock();
                name = first.substring(5);
                values = new LinkedHashMap<>();
                hadLoop = false;
                inLoop = false;
                labels = null;
                rows = null;
            } else if (name == null) {
                throw new FormatException(source, "line " + no + ": '" + first + "' before the first data_ block");
            } else if (lower.equals("loop_") && t.size() == 1) {
                if (hadLoop) throw new FormatException(source, "line " + no + ": a second loop_ in data_" + name + " (one loop per block is supported)");
                hadLoop = true;
                inLoop = true;
                labels = new ArrayList<>();
                rows = new ArrayList<>();
            } else if (first.startsWith("_")) {
                if (inLoop && rows.isEmpty()) {
                    labels.add(first.substring(1)); // anything after the label is RELION's "#n" comment, already dropped
                } else {
                    inLoop = false;
                    if (t.size() != 2) throw new FormatException(source, "line " + no + ": " + first + " needs exactly one value, found " + (t.size() - 1));
                    if (values.put(first.substring(1), t.get(1)) != null) throw new FormatException(source, "line " + no + ": " + first + " given twice in data_" + name);
                }
            } else if (inLoop) {
                if (labels.isEmpty()) throw new FormatException(source, "line " + no + ": loop_ values before any _label");
                if (t.size() != labels.size()) {
                    throw new FormatException(source, "line " + no + ": " + t.size() + " values in a loop of " + labels.size() + " columns (data_" + name + ")");
                }
                rows.add(t);
            } else {
                throw new FormatException(source, "line " + no + ": value '" + first + "' outside a loop (data_" + name + ")");
            }
        }

        private void finishBlock() {
            if (name == null) return;
            blocks.add(new Block(name, values, labels == null ? null : new Table(labels, rows)));
            name = null;
        }
    }
}
