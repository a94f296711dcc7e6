package org.jspt.io.eman2;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspt.image.Header;
import org.jspt.image.Volume;
import org.jspt.io.FormatException;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStacks;

/**
 * The particles of an EMAN2 {@code .lst} file ({@link LstFile}) read as one stack, in record order, as EMAN2's
 * {@code LSXFile.read_image} reads them: the image {@code index} of the named file, its header overridden by the
 * record's third-field values ({@code xform.align3d}, {@code score}, …), {@code source_path} = the list and
 * {@code source_n} = the record number, {@code data_source}/{@code data_n} = the image file and index.
 *
 * <p>{@link #open} resolves every named file once ({@link LstFile#resolve}: working directory, then the list's
 * folder and its parent) and checks, from headers only, that each index is in range; a {@link FormatException}
 * names the list, the record and the file. Keeps the last member file open until the next one or close().
 * Not thread-safe.
 */
public final class LstStack implements ImageStack {
    /** Where one record's image is. */
    private record Member(Path file, int index, Map<String, Object> values) {}

    private final Path lst;
    private final List<Member> members;
    private Path openPath;
    private ImageStack openFile;

    private LstStack(Path lst, List<Member> members) {
        this.lst = lst;
        this.members = members;
    }

    /** Reads the list and checks every record, resolving relative paths from {@code cwd} as EMAN2 does. */
    public static LstStack open(Path lst, Path cwd) throws IOException {
        List<LstFile.Entry> entries = LstFile.read(lst);
        if (entries.isEmpty()) throw new FormatException(lst, "lists no particles");
        Map<String, Path> found = new HashMap<>();
        Map<Path, Integer> counts = new HashMap<>();
        List<Member> members = new ArrayList<>(entries.size());
        for (int r = 0; r < entries.size(); r++) {
            LstFile.Entry e = entries.get(r);
            Path f = found.computeIfAbsent(e.file(), name -> LstFile.resolve(lst, name, cwd));
            if (f == null) {
                throw new FormatException(lst, "record " + r + ": '" + e.file() + "' not found (looked in " + cwd.toAbsolutePath()
                        + ", the list's folder and its parent)");
            }
            Integer n = counts.get(f);
            if (n == null) {
                try (ImageStack s = ImageStacks.open(f)) {
                    n = s.size();
                }
                counts.put(f, n);
            }
            if (e.index() >= n) throw new FormatException(lst, "record " + r + " asks for image " + e.index() + " of " + f + ", which holds " + n);
            members.add(new Member(f, e.index(), e.values()));
        }
        return new LstStack(lst, members);
    }

    /** The third-field values of record i (empty if none). */
    public Map<String, Object> values(int i) { return member(i).values(); }

    @Override public Path path() { return lst; }
    @Override public int size() { return members.size(); }
    @Override public String formatName() { return "EMAN2 list (" + members.size() + " particles)"; }

    @Override
    public Volume read(int i) throws IOException {
        Member m = member(i);
        Volume v = file(m).read(m.index());
        tag(v.header(), m, i);
        return v;
    }

    @Override
    public Header readHeader(int i) throws IOException {
        Member m = member(i);
        return tag(file(m).readHeader(m.index()), m, i);
    }

    private Header tag(Header h, Member m, int i) {
        h.put("data_source", m.file().toString()).put("data_n", m.index());
        h.put("source_path", lst.toString()).put("source_n", i);
        for (Map.Entry<String, Object> e : m.values().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) v = l.intValue();
            if (v instanceof Double d) v = d.floatValue(); // EMAN2 header floats are float32
            // Lists and nested objects have no jspt header type; they stay in values(i).
            if (v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof org.jspt.geom.Transform) h.put(e.getKey(), v);
        }
        return h;
    }

    private Member member(int i) {
        if (i < 0 || i >= members.size()) throw new IndexOutOfBoundsException(lst + ": image " + i + " of " + members.size());
        return members.get(i);
    }

    private ImageStack file(Member m) throws IOException {
        if (!m.file().equals(openPath)) {
            close();
            openFile = ImageStacks.open(m.file());
            openPath = m.file();
        }
        return openFile;
    }

    @Override
    public void close() throws IOException {
        if (openFile != null) {
            ImageStack f = openFile;
            openFile = null;
            openPath = null;
            f.close();
        }
    }
}
