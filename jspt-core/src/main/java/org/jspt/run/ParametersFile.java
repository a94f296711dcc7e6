package org.jspt.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspt.io.eman2.PythonRepr;
import org.jspt.io.AtomicFiles;

/**
 * {@code parameters_refinemulti.txt} ({@code docs/reference/refinemulti.md} §3.3, EMAN2's {@code writeParameters}): the
 * time, then {@code name=value} for every set option (non-empty, non-zero, true) whose name has no
 * {@code _}, in alphabetical order, a blank line, and the equivalent command line. Values are written as
 * given (after the aligner edits), in Python's spelling for numbers and booleans.
 */
public final class ParametersFile {
    /** The file name inside the run folder. */
    public static final String FILE_NAME = RunFileNames.PARAMETERS;
    /** The program name at the start of the reconstructed command line. */
    public static final String PROGRAM = "jspt refinemulti";
    private static final DateTimeFormatter NOW = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private ParametersFile() {}

    /** Writes the file for these option values (name → value as used) into {@code runDir} (atomically), timestamped now. */
    public static Path write(Path runDir, Map<String, Object> options) throws IOException {
        Path p = runDir.resolve(FILE_NAME);
        AtomicFiles.writeString(p, text(options, LocalDateTime.now()));
        return p;
    }

    /** The file's content for these option values. */
    public static String text(Map<String, Object> options, LocalDateTime time) {
        TreeMap<String, Object> set = new TreeMap<>();
        for (Map.Entry<String, Object> e : options.entrySet()) {
            if (!e.getKey().contains("_") && truthy(e.getValue())) set.put(e.getKey(), e.getValue());
        }
        StringBuilder sb = new StringBuilder(NOW.format(time)).append('\n');
        List<String> cmd = new ArrayList<>(List.of(PROGRAM));
        for (Map.Entry<String, Object> e : set.entrySet()) {
            String v = python(e.getValue());
            sb.append(e.getKey()).append('=').append(v).append('\n');
            cmd.add(e.getValue() instanceof Boolean ? "--" + e.getKey() : quote("--" + e.getKey() + "=" + v));
        }
        return sb.append('\n').append(String.join(" ", cmd)).append('\n').toString();
    }

    /** Python truthiness: not None, not empty, not zero, not False. */
    static boolean truthy(Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof Number n) return n.doubleValue() != 0;
        return !v.toString().isEmpty();
    }

    private static String python(Object v) {
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof Double d) return PythonRepr.formatPlain(d);
        return String.valueOf(v);
    }

    /** Single-quotes an argument that a shell would split or expand. */
    private static String quote(String arg) {
        if (arg.matches("[A-Za-z0-9_./:=,+@%\\-\\[\\]]+")) return arg;
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
