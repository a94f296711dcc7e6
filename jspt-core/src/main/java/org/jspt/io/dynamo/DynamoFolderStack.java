package org.jspt.io.dynamo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspt.image.Header;
import org.jspt.image.Volume;
import org.jspt.io.DynamoTable;
import org.jspt.io.FormatException;
import org.jspt.io.ImageStack;
import org.jspt.io.Mrc;
import org.jspt.io.em.EmFile;

/**
 * A Dynamo particle folder read as a stack: files {@code particle_<tag>.em} (any number of digits, as
 * {@code dtcrop} writes them; {@code .mrc} too) and a table ({@code .tbl}) whose rows, in order, are the
 * particles (column 1 = tag = the file's number).
 *
 * <p>Given a {@code .tbl} file, the particles are in the table's folder. Given a folder, its table is the one
 * {@code .tbl} file inside (e.g. {@code crop.tbl}); with none, every particle file in tag order with a table of
 * zeros; with several, a {@link FormatException} naming them. Every tag must have a file and all particles must
 * have one box (checked from headers at open).
 *
 * <p>The table rows are kept ({@link #rows()}) so that export can carry the wedge columns (13 ftype, 14–15
 * ymintilt/ymaxtilt, 16–17 xmintilt/xmaxtilt), tomogram, region and coordinates through; each image's header
 * also gets them as {@code dynamo.tag}, {@code dynamo.ftype}, {@code dynamo.ymintilt}, {@code dynamo.ymaxtilt},
 * {@code dynamo.xmintilt}, {@code dynamo.xmaxtilt} (for per-particle missing-wedge weights). Not thread-safe.
 */
public final class DynamoFolderStack implements ImageStack {
    private static final Pattern PARTICLE = Pattern.compile("particle_(\\d+)\\.(em|mrc)");

    private final Path source;
    private final List<DynamoTable.Row> rows;
    private final List<Path> files;

    private DynamoFolderStack(Path source, List<DynamoTable.Row> rows, List<Path> files) {
        this.source = source;
        this.rows = List.copyOf(rows);
        this.files = List.copyOf(files);
    }

    /** True if {@code p} is a folder holding Dynamo particle files. */
    public static boolean isParticleFolder(Path p) {
        if (!Files.isDirectory(p)) return false;
        try (Stream<Path> s = Files.list(p)) {
            return s.anyMatch(f -> PARTICLE.matcher(f.getFileName().toString()).matches());
        } catch (IOException e) {
            return false;
        }
    }

    /** Opens a particle folder or a table whose particles are in its folder. */
    public static DynamoFolderStack open(Path p) throws IOException {
        Path folder = Files.isDirectory(p) ? p : p.toAbsolutePath().getParent();
        Map<Long, Path> byTag = new TreeMap<>();
        List<Path> tables = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path f : (Iterable<Path>) s.sorted()::iterator) {
                String name = f.getFileName().toString();
                Matcher m = PARTICLE.matcher(name);
                if (m.matches()) {
                    Path before = byTag.put(Long.parseLong(m.group(1)), f);
                    if (before != null) throw new FormatException(folder, "two files for tag " + m.group(1) + ": " + before.getFileName() + " and " + name);
                } else if (name.endsWith(".tbl")) {
                    tables.add(f);
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new FormatException(p, "file not found");
        }
        Path table = Files.isDirectory(p) ? null : p;
        if (table == null && tables.size() > 1) {
            throw new FormatException(folder, "holds " + tables.size() + " tables (" + tables.stream().map(t -> t.getFileName().toString()).toList()
                    + "); give the one to use as --input");
        }
        if (table == null && tables.size() == 1) table = tables.get(0);
        List<DynamoTable.Row> rows = new ArrayList<>();
        if (table != null) {
            rows.addAll(DynamoTable.read(table));
        } else {
            for (long tag : byTag.keySet()) rows.add(new DynamoTable.Row(DynamoTable.STANDARD_COLUMNS).set(DynamoTable.TAG, tag));
        }
        if (rows.isEmpty()) throw new FormatException(table != null ? table : folder, "lists no particles");
        List<Path> files = new ArrayList<>();
        int[] first = null;
        for (int r = 0; r < rows.size(); r++) {
            long tag = (long) rows.get(r).get(DynamoTable.TAG);
            Path f = byTag.get(tag);
            if (f == null) throw new FormatException(table != null ? table : folder, "row " + (r + 1) + ": no particle file for tag " + tag + " in " + folder);
            files.add(f);
            Header h = header(f);
            int[] box = {h.getInt("nx", 0), h.getInt("ny", 0), h.getInt("nz", 0)};
            if (first == null) first = box;
            else if (!java.util.Arrays.equals(box, first)) {
                throw new FormatException(f, "is " + box[0] + "x" + box[1] + "x" + box[2] + " but the first particle is " + first[0] + "x" + first[1] + "x" + first[2]
                        + "; all particles must have the same box");
            }
        }
        return new DynamoFolderStack(table != null ? table : folder, rows, files);
    }

    private static ImageStack openFile(Path f) throws IOException {
        return f.getFileName().toString().endsWith(".em") ? EmFile.open(f) : Mrc.open(f);
    }

    private static Header header(Path f) throws IOException {
        try (ImageStack s = openFile(f)) {
            return s.readHeader(0);
        }
    }

    /** The table rows, one per particle in stack order (as read; all columns). */
    public List<DynamoTable.Row> rows() { return rows; }

    /** Particle i's file. */
    public Path file(int i) { return files.get(check(i)); }

    @Override public Path path() { return source; }
    @Override public int size() { return rows.size(); }
    @Override public String formatName() { return "Dynamo particle folder (" + rows.size() + " particles)"; }

    @Override
    public Volume read(int i) throws IOException {
        try (ImageStack s = openFile(files.get(check(i)))) {
            Volume v = s.read(0);
            tag(v.header(), i);
            return v;
        }
    }

    @Override
    public Header readHeader(int i) throws IOException {
        return tag(header(files.get(check(i))), i);
    }

    private Header tag(Header h, int i) {
        DynamoTable.Row r = rows.get(i);
        h.put("source_path", files.get(i).toString()).put("source_n", 0);
        h.put("dynamo.tag", (long) r.get(DynamoTable.TAG));
        int[] cols = {DynamoTable.FTYPE, DynamoTable.YMINTILT, DynamoTable.YMAXTILT, DynamoTable.XMINTILT, DynamoTable.XMAXTILT};
        String[] names = {"ftype", "ymintilt", "ymaxtilt", "xmintilt", "xmaxtilt"};
        for (int k = 0; k < cols.length; k++) if (cols[k] <= r.columns()) h.put("dynamo." + names[k], r.get(cols[k]));
        return h;
    }

    private int check(int i) {
        if (i < 0 || i >= rows.size()) throw new IndexOutOfBoundsException(source + ": image " + i + " of " + rows.size());
        return i;
    }

    @Override public void close() {}
}
