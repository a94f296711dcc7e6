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
import org.jspt.io.ParticleParms;

/**
 * Reads an {@code --inixforms} file ({@code docs/reference/refinemulti.md} §5.4): a JSON object whose keys are
 * {@code subtomo_<i>} (zero-padded or not, as in {@code sptali_rm_*.json}) or {@code tomo_<i>}
 * ({@code tomo_%04d}), and whose values are a Transform or {@code [Transform, score]}. Also accepted: EMAN2's
 * newer {@code particle_parms_NN.json} ({@link ParticleParms}), keys {@code ('<file>', i)} with an object
 * holding {@code xform.align3d}; the file name in the key is not checked against --input. And the particle files of
 * other programs ({@link org.jspt.io.ParticlePoses}): an EMAN2 {@code .lst} with {@code xform.align3d} (e.g. the
 * same list given as --input), a RELION or STOPGAP {@code .star} file, a Dynamo {@code .tbl}; row i is particle i.
 */
public final class InixformsFile {
    private static final Pattern KEY = Pattern.compile("(?:subtomo|tomo)_(\\d+)");
    /** particle_parms keys: Python's repr of ('<file>', <index>). */
    private static final Pattern PARMS_KEY = Pattern.compile("\\(\\s*(['\"])(.*)\\1\\s*,\\s*(\\d+)\\s*\\)");

    private InixformsFile() {}

    /**
     * @return particle index → transform, sorted by index
     * @throws FormatException naming the file and the offending key for a bad key or value, or a repeated index
     */
    public static Map<Integer, Transform> read(Path file) throws IOException {
        if (org.jspt.io.ParticlePoses.handles(file)) {
            // Another program's particle file: row i is particle i (the order jspt reads and writes them in).
            Map<Integer, Transform> out = new TreeMap<>();
            for (org.jspt.io.ParticlePoses.Pose p : org.jspt.io.ParticlePoses.read(file)) out.put(p.row(), p.align3d());
            return out;
        }
        Map<String, Object> root = EmanJson.read(file);
        Map<Integer, Transform> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : root.entrySet()) {
            Matcher m = KEY.matcher(e.getKey());
            Matcher pp = PARMS_KEY.matcher(e.getKey());
            boolean parms = !m.matches() && pp.matches();
            if (!m.matches() && !parms) throw new FormatException(file, "key '" + e.getKey() + "' is not subtomo_<i>, tomo_<i> or ('<file>', <i>)");
            int index;
            try {
                index = Integer.parseInt(parms ? pp.group(3) : m.group(1));
            } catch (NumberFormatException tooBig) {
                throw new FormatException(file, "key '" + e.getKey() + "': index out of range");
            }
            Object v = e.getValue();
            if (parms) {
                if (!(v instanceof Map<?, ?> o) || !(o.get("xform.align3d") instanceof Transform)) {
                    throw new FormatException(file, "value of '" + e.getKey() + "' has no Transform 'xform.align3d' (particle_parms layout)");
                }
                v = o.get("xform.align3d");
            }
            if (v instanceof List<?> l && !l.isEmpty()) v = l.get(0);
            if (!(v instanceof Transform t)) throw new FormatException(file, "value of '" + e.getKey() + "' is not a Transform or [Transform, score]");
            if (out.put(index, t) != null) throw new FormatException(file, "particle " + index + " appears twice");
        }
        return out;
    }
}
