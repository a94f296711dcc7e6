package org.jspt.ctf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weights by key (a file's absolute path, or a description such as a tilt range), least recently used first
 * out once the cached weights exceed a byte budget: many particles share one weight file (a tomogram's wedge,
 * a defocus group), and particles stream through in order, so a small cache reads each file about once
 * without ever holding every weight. Thread-safe; a weight being loaded blocks other threads only while
 * they ask for the same cache (loads are short: one MRC read).
 */
public final class WeightCache {
    /** Loads the weight of a key (called at most once per key while it stays cached). */
    public interface Loader {
        FourierWeight load(String key) throws IOException;
    }

    /** Default budget: 64 MB, about 120 weights of a 64³ box. */
    public static final long DEFAULT_BYTES = 64L << 20;

    private final long budget;
    private long bytes;
    private final Map<String, FourierWeight> map = new LinkedHashMap<>(16, 0.75f, true);
    private long loads;

    public WeightCache(long budgetBytes) { this.budget = budgetBytes; }

    /** The cached weight of {@code key}, loading it if needed. @throws UncheckedIOException if the load fails */
    public synchronized FourierWeight get(String key, Loader loader) {
        FourierWeight w = map.get(key);
        if (w != null) return w;
        try {
            w = loader.load(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loads++;
        map.put(key, w);
        bytes += 4L * w.values.length;
        var it = map.entrySet().iterator();
        while (bytes > budget && map.size() > 1 && it.hasNext()) {
            FourierWeight old = it.next().getValue();
            it.remove();
            bytes -= 4L * old.values.length;
        }
        return w;
    }

    /** Weights held now. */
    public synchronized int size() { return map.size(); }

    /** Loads so far (a measure of how well sharing works). */
    public synchronized long loads() { return loads; }
}
