package org.jspt.run;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspt.io.AtomicFiles;
import org.jspt.io.eman2.EmanJson;

/**
 * Streams one EMAN2 JSON object ({@link EmanJson}'s exact text: json.dumps(indent=0, sort_keys=True) plus
 * EMAN2's array folding) entry by entry, so a file with one entry per particle is never held in memory. The
 * caller supplies the entries in sorted key order (code points, as Python sorts); each entry's text is
 * {@link EmanJson#toText} of a one-entry object without its braces, which is what the whole-object text holds
 * because EMAN2's folding regex {@code \[[^\]{]*\]} never spans entries (every entry's brackets close in it,
 * and a match cannot cross a value's opening "{"). Written under a temporary name and renamed.
 */
final class SortedJsonWriter {
    /** Receives the entries, in sorted key order. */
    interface Entries {
        void write(SortedJsonWriter out) throws IOException;
    }

    private final Writer w;
    private String lastKey;

    private SortedJsonWriter(Writer w) { this.w = w; }

    /** Writes the object whose entries {@code entries} puts into {@code path}, atomically. */
    static void write(Path path, Entries entries) throws IOException {
        Path tmp = AtomicFiles.tempBeside(path);
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) { // ensure_ascii text
                SortedJsonWriter out = new SortedJsonWriter(w);
                entries.write(out);
                w.write(out.lastKey == null ? "{}" : "\n}");
            }
            AtomicFiles.commit(tmp, path);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** The next entry; {@code key} must sort after the previous one. */
    void put(String key, Object value) throws IOException {
        if (lastKey != null && EmanJson.compareKeys(lastKey, key) >= 0) {
            throw new IllegalStateException("JSON keys out of order: " + lastKey + " then " + key);
        }
        w.write(lastKey == null ? "{\n" : ",\n");
        lastKey = key;
        String one = EmanJson.toText(Map.of(key, value));
        w.write(one, 2, one.length() - 4); // without the one-entry object's "{\n" and "\n}"
    }
}
