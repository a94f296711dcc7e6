package org.jspt.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspt.io.AtomicFiles;
import org.jspt.io.FormatException;

/**
 * A run's {@code iterations.json}: one object per iteration with {@code iteration} (NN, from 1),
 * {@code class_sizes}, {@code percent_changed}, {@code mean_orientation_change_deg}, {@code mean_score} and
 * {@code resolution_fsc0143_angstrom} per class, {@code seconds} and {@code converged} (true for the iteration whose
 * classification repeated the one before: it makes no averages, so its resolutions are null); null where a value is
 * not known (NaN here). Written whole and atomically; read by the run report and by a resumed run.
 */
public final class IterationsFile {
    private IterationsFile() {}

    /** One iteration's summary; NaN for an unknown value. */
    public record Entry(int nn, int[] sizes, double percentChanged, double orientationChange, double[] meanScore,
                        double[] resolution, double seconds, boolean converged) {}

    public static void write(Path file, List<Entry> entries) throws IOException {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode arr = om.createArrayNode();
        for (Entry e : entries) {
            ObjectNode o = arr.addObject();
            o.put("iteration", e.nn());
            ArrayNode s = o.putArray("class_sizes");
            for (int x : e.sizes()) s.add(x);
            num(o, "percent_changed", e.percentChanged());
            num(o, "mean_orientation_change_deg", e.orientationChange());
            nums(o.putArray("mean_score"), e.meanScore());
            nums(o.putArray("resolution_fsc0143_angstrom"), e.resolution());
            o.put("seconds", e.seconds());
            o.put("converged", e.converged());
        }
        AtomicFiles.writeString(file, om.writeValueAsString(arr) + "\n");
    }

    /**
     * The entries in file order.
     * @throws NoSuchFileException if there is no such file
     * @throws FormatException if it is not a JSON array of iterations
     */
    public static List<Entry> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            if (!Files.exists(file)) throw new NoSuchFileException(file.toString());
            throw new FormatException(file, "not readable JSON (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isArray()) throw new FormatException(file, "expected a JSON array of iterations");
        List<Entry> out = new ArrayList<>();
        for (JsonNode o : root) {
            int[] sizes = new int[o.path("class_sizes").size()];
            for (int i = 0; i < sizes.length; i++) sizes[i] = o.path("class_sizes").get(i).asInt();
            out.add(new Entry(o.path("iteration").asInt(out.size() + 1), sizes, num(o.get("percent_changed")),
                    num(o.get("mean_orientation_change_deg")), nums(o.path("mean_score")), nums(o.path("resolution_fsc0143_angstrom")),
                    num(o.get("seconds")), o.path("converged").asBoolean(false))); // older files: no field, not converged
        }
        return out;
    }

    private static void num(ObjectNode o, String k, double v) {
        if (Double.isNaN(v)) o.putNull(k);
        else o.put(k, v);
    }

    private static void nums(ArrayNode a, double[] v) {
        for (double x : v) if (Double.isNaN(x)) a.addNull(); else a.add(x);
    }

    private static double num(JsonNode n) { return n == null || !n.isNumber() ? Double.NaN : n.asDouble(); }

    private static double[] nums(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) d[i] = num(a.get(i));
        return d;
    }
}
