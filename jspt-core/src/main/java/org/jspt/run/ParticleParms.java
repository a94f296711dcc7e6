package org.jspt.run;

import java.io.IOException;
import java.util.PrimitiveIterator;
import java.util.function.IntFunction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspt.geom.Transform;
import org.jspt.io.FormatException;
import org.jspt.io.eman2.EmanJson;

/**
 * {@code particle_parms_NN.json}, the per-particle results of a refinement iteration in the format of
 * EMAN2's newer SPT programs: one entry per particle keyed by the Python repr of the tuple
 * {@code ('<input file name>', <index>)}, with {@code "class"} (0-based reference index), {@code "score"}
 * (lower is better) and {@code "xform.align3d"} (EMAN2 Transform JSON; particle → reference).
 * Written in EMAN2's JSON text layout ({@link EmanJson}).
 */
public final class ParticleParms {

    /** One particle's result. */
    public record Entry(String file, int index, int classIndex, double score, Transform xform) {}

    private static final Pattern KEY = Pattern.compile("\\(\\s*(['\"])(.*)\\1\\s*,\\s*(-?\\d+)\\s*\\)");

    private ParticleParms() {}

    /** {@code <run>/particle_parms_NN.json}, NN = the iteration from 1 written {@code %02d}. */
    public static Path file(Path run, int nn) { return run.resolve(RunFileNames.particleParms(nn)); }

    /** The iterations NN of a run folder that have a {@code particle_parms_NN.json}, ascending. */
    public static java.util.TreeSet<Integer> iterations(Path run) throws IOException {
        java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(run)) {
            files.map(f -> RunFileNames.PARTICLE_PARMS.matcher(f.getFileName().toString())).filter(Matcher::matches).forEach(m -> s.add(Integer.parseInt(m.group(1))));
        }
        return s;
    }

    /** The key EMAN2 writes: Python's repr of (file, index), e.g. {@code ('particles.hdf', 3)}. */
    public static String key(String file, int index) {
        String q = file.contains("'") && !file.contains("\"") ? "\"" : "'";
        String f = q.equals("'") ? file.replace("\\", "\\\\").replace("'", "\\'") : file.replace("\\", "\\\\");
        return "(" + q + f + q + ", " + index + ")";
    }

    /** Writes {@code entries} (any files and order; keys sorted as EMAN2's sort_keys). */
    public static void write(Path path, List<Entry> entries) throws IOException {
        Integer[] order = new Integer[entries.size()];
        String[] keys = new String[entries.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            keys[i] = key(entries.get(i).file(), entries.get(i).index());
        }
        java.util.Arrays.sort(order, (x, y) -> EmanJson.compareKeys(keys[x], keys[y]));
        stream(path, order.length, i -> entries.get(order[i]));
    }

    /**
     * Writes particles 0…count−1 of one input file, {@code entry.apply(p)} being particle p's entry, streamed:
     * neither the entries nor the text are held in memory. The bytes are those of {@link #write}.
     */
    public static void write(Path path, int count, IntFunction<Entry> entry) throws IOException {
        PrimitiveIterator.OfInt order = keyOrder(count);
        stream(path, count, i -> entry.apply(order.nextInt()));
    }

    /**
     * 0…count−1 in the order of their keys {@code ('<file>', p)}: the decimal strings of p sorted as strings,
     * where ")" sorts before every digit (0, 1, 10, 100, 101, …, 11, …, 2, 20, …).
     */
    static PrimitiveIterator.OfInt keyOrder(int count) {
        return new PrimitiveIterator.OfInt() {
            private int done;
            private long cur = 0;

            @Override public boolean hasNext() { return done < count; }

            @Override
            public int nextInt() {
                if (done >= count) throw new java.util.NoSuchElementException();
                int out = (int) cur;
                done++;
                long max = count - 1;
                if (cur == 0) cur = 1; // "0" has no longer keys after it
                else if (cur * 10 <= max) cur *= 10;
                else {
                    if (cur >= max) cur /= 10;
                    cur++;
                    while (cur % 10 == 0) cur /= 10;
                }
                return out;
            }
        };
    }

    /** Streams the entries in key order ({@code nth.apply(i)} is the i-th key's entry). */
    private static void stream(Path path, int count, IntFunction<Entry> nth) throws IOException {
        SortedJsonWriter.write(path, out -> {
            for (int i = 0; i < count; i++) {
                Entry e = nth.apply(i);
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("class", e.classIndex());
                v.put("score", e.score());
                v.put("xform.align3d", e.xform());
                out.put(key(e.file(), e.index()), v);
            }
        });
    }

    /** Reads every entry, sorted by particle index. */
    public static List<Entry> read(Path path) throws IOException {
        Map<String, Object> root = EmanJson.read(path);
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : root.entrySet()) out.add(entry(path, e.getKey(), e.getValue()));
        out.sort(Comparator.comparingInt(Entry::index));
        return out;
    }

    /**
     * Streams the entries in file order (key order, not index order) without holding the file or the entries,
     * for readers of 100,000 particles that keep a few numbers of each. A key given twice comes twice.
     */
    public static void forEach(Path path, java.util.function.Consumer<Entry> each) throws IOException {
        EmanJson.forEachEntry(path, (key, value) -> each.accept(entry(path, key, value)));
    }

    private static Entry entry(Path path, String key, Object value) throws FormatException {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) throw new FormatException(path, "key " + key + " is not ('<file>', <index>)");
        if (!(value instanceof Map<?, ?> v)) throw new FormatException(path, "value of " + key + " is not an object");
        Object cls = v.get("class"), score = v.get("score"), xf = v.get("xform.align3d");
        if (!(xf instanceof Transform t)) throw new FormatException(path, key + ": missing or bad 'xform.align3d'");
        if (cls != null && !(cls instanceof Number)) throw new FormatException(path, key + ": 'class' is not a number");
        if (score != null && !(score instanceof Number)) throw new FormatException(path, key + ": 'score' is not a number");
        return new Entry(m.group(2), Integer.parseInt(m.group(3)), cls == null ? 0 : ((Number) cls).intValue(),
                score == null ? Double.NaN : ((Number) score).doubleValue(), t);
    }
}
