package org.jspt.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspt.image.Header;
import org.jspt.image.Volume;
import org.jspt.io.mrc.Mrc;

/**
 * A stack made of many single-volume files, usually one MRC per subtomogram. Members are opened
 * lazily, one per {@link #read}, and closed again, so the stack holds no open files.
 *
 * <p>Members may differ in size: readers accept any shape, and the commands that need equal or cubic
 * boxes check that themselves. Each image's header gets {@code source_path} (String, the member's path)
 * and {@code source_n} (Integer, its index inside that file: always 0, as EMAN2 sets it on read).
 * Members named {@code .mrc}, {@code .map}, {@code .rec} (any other name is tried as MRC too) are read
 * with {@link Mrc}; {@code .hdf} members are not supported yet. Not thread-safe.
 */
public final class FileListStack implements ImageStack {
    private final Path source;
    private final List<Path> members;

    private FileListStack(Path source, List<Path> members) {
        this.source = source;
        this.members = List.copyOf(members);
    }

    /**
     * Reads a list file: one path per line, relative paths relative to the list file's folder; blank
     * lines and lines starting with {@code #} are ignored. Every listed file must exist.
     * @throws FormatException naming the list, the line number and the missing path
     */
    public static FileListStack fromListFile(Path txt) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(txt, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FormatException(txt, "file not found");
        }
        Path dir = txt.toAbsolutePath().getParent();
        List<Path> members = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            Path p = dir.resolve(line).normalize();
            if (!Files.isRegularFile(p)) {
                throw new FormatException(txt, "line " + (i + 1) + ": '" + line + "' not found (looked for " + p + ")");
            }
            members.add(p);
        }
        if (members.isEmpty()) throw new FormatException(txt, "lists no files");
        return new FileListStack(txt, members);
    }

    /**
     * The files matching a shell glob such as {@code subtomos/*.mrc} (relative to the working
     * directory; {@code *}, {@code ?}, {@code [..]} and {@code {a,b}} may appear in any component),
     * in natural order so that {@code p2} comes before {@code p10}.
     * @throws IOException if nothing matches
     */
    public static FileListStack fromGlob(String pattern) throws IOException {
        // Walk from the longest leading folder without glob characters, as deep as the pattern reaches.
        String[] parts = pattern.replace('\\', '/').split("/", -1);
        int fixed = 0;
        while (fixed < parts.length - 1 && !hasGlob(parts[fixed])) fixed++;
        String baseText = String.join("/", java.util.Arrays.copyOfRange(parts, 0, fixed));
        Path base = baseText.isEmpty() ? Paths.get(pattern.startsWith("/") ? "/" : ".") : Paths.get(baseText);
        String rest = String.join("/", java.util.Arrays.copyOfRange(parts, fixed, parts.length));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(base)) {
            try (Stream<Path> s = Files.walk(base, parts.length - fixed)) {
                s.filter(Files::isRegularFile)
                        .filter(p -> matcher.matches(base.relativize(p)))
                        .forEach(found::add);
            }
        }
        if (found.isEmpty()) throw new IOException(pattern + ": no file matches this pattern");
        found.sort(Comparator.comparing(Path::toString, FileListStack::compareNatural));
        return new FileListStack(Paths.get(pattern), found);
    }

    private static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    /** Natural order: digit runs compare as numbers ("p2" &lt; "p10"), other characters as usual. */
    static int compareNatural(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i), cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = i, ej = j;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) ei++;
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) ej++;
                String da = stripZeros(a.substring(i, ei)), db = stripZeros(b.substring(j, ej));
                // Compare by length first so runs of any length work without overflow.
                int c = da.length() != db.length() ? Integer.compare(da.length(), db.length()) : da.compareTo(db);
                if (c != 0) return c;
                i = ei;
                j = ej;
            } else {
                if (ca != cb) return Character.compare(ca, cb);
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b); // "p01" vs "p1": equal as numbers, still a fixed order
    }

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') k++;
        return digits.substring(k);
    }

    /** The list file, or the glob pattern as a path. */
    @Override public Path path() { return source; }
    @Override public int size() { return members.size(); }

    /** The member files, in stack order. */
    public List<Path> members() { return members; }

    @Override public String formatName() { return "file list (" + members.size() + " files)"; }

    @Override
    public Volume read(int i) throws IOException {
        Path p = member(i);
        try (Mrc m = openMember(p)) {
            Volume v = m.read(0);
            tag(v.header(), p);
            return v;
        }
    }

    @Override
    public Header readHeader(int i) throws IOException {
        Path p = member(i);
        try (Mrc m = openMember(p)) {
            return tag(m.readHeader(0), p);
        }
    }

    private Path member(int i) {
        if (i < 0 || i >= members.size()) throw new IndexOutOfBoundsException(source + ": image " + i + " of " + members.size());
        return members.get(i);
    }

    private static Mrc openMember(Path p) throws IOException {
        if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".hdf")) {
            throw new IOException(p + ": HDF members in a list are not supported yet");
        }
        Mrc m = Mrc.open(p);
        if (m.size() != 1) {
            m.close();
            throw new FormatException(p, "holds " + m.size() + " images; a list member must be one volume");
        }
        return m;
    }

    private static Header tag(Header h, Path p) {
        return h.put("source_path", p.toString()).put("source_n", 0);
    }

    @Override
    public void close() {}
}
