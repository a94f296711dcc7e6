package org.jspt.refine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspt.geom.Transform;
import org.jspt.io.EmanJson;
import org.jspt.io.FormatException;

/**
 * Reads an {@code --inixforms} file ({@code refinemulti.md} §5.4): a JSON object whose keys are
 * {@code subtomo_<i>} (zero-padded or not, as in {@code sptali_rm_*.json}) or {@code tomo_<i>}
 * ({@code tomo_%04d}), and whose values are a Transform or {@code [Transform, score]}.
 */
public final class InixformsFile {
    private static final Pattern KEY = Pattern.compile("(?:subtomo|tomo)_(\\d+)");

    private InixformsFile() {}

    /**
     * @return particle index → transform, sorted by index
     * @throws FormatException naming the file and the offending key for a bad key or value, or a repeated index
     */
    public static Map<Integer, Transform> read(Path file) throws IOException {
        Map<String, Object> root = EmanJson.read(file);
        Map<Integer, Transform> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : root.entrySet()) {
            Matcher m = KEY.matcher(e.getKey());
            if (!m.matches()) throw new FormatException(file, "key '" + e.getKey() + "' is not subtomo_<i> or tomo_<i>");
            int index;
            try {
                index = Integer.parseInt(m.group(1));
            } catch (NumberFormatException tooBig) {
                throw new FormatException(file, "key '" + e.getKey() + "': index out of range");
            }
            Object v = e.getValue();
            if (v instanceof List<?> l && !l.isEmpty()) v = l.get(0);
            if (!(v instanceof Transform t)) throw new FormatException(file, "value of '" + e.getKey() + "' is not a Transform or [Transform, score]");
            if (out.put(index, t) != null) throw new FormatException(file, "particle " + index + " appears twice");
        }
        return out;
    }
}
