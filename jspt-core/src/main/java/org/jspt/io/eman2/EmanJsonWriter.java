package org.jspt.io.eman2;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspt.geom.Transform;

/**
 * The text of an EMAN2 JSON file (docs/reference/formats.md §4.1–4.2), see {@link EmanJson#toText}. It reproduces, step by
 * step, Python's {@code json.dumps(obj, indent=0, sort_keys=True, default=obj_to_json)} (every element on its
 * own line, {@code ","} at line ends, {@code ": "} after keys, keys sorted by code point at every level,
 * {@code ensure_ascii} escapes, {@code repr} floats) followed by EMAN2's folding regex.
 * Stateless and thread-safe.
 */
final class EmanJsonWriter {
    private EmanJsonWriter() {}

    /** EMAN2's {@code JSDict.sync}: {@code re.sub(r"\[[^\]{]*\]", <remove newlines>, text)}. */
    private static final Pattern FOLD = Pattern.compile("\\[[^\\]{]*\\]");

    static String toText(Map<String, ?> data) {
        StringBuilder sb = new StringBuilder(256);
        writeValue(sb, data);
        Matcher m = FOLD.matcher(sb);
        StringBuilder out = new StringBuilder(sb.length());
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(m.group().replace("\n", "")));
        m.appendTail(out);
        return out.toString();
    }

    private static void writeValue(StringBuilder sb, Object v) {
        if (v == null) sb.append("null");
        else if (v instanceof String s) writeString(sb, s);
        else if (v instanceof Boolean b) sb.append(b ? "true" : "false");
        else if (v instanceof Double || v instanceof Float) sb.append(PythonRepr.formatDouble(((Number) v).doubleValue()));
        else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof BigInteger) sb.append(v);
        else if (v instanceof BigDecimal d) sb.append(PythonRepr.formatDouble(d.doubleValue()));
        else if (v instanceof Transform t) writeObject(sb, transformToJson(t));
        else if (v instanceof Map<?, ?> m) writeObject(sb, m);
        else if (v instanceof Collection<?> c) writeArray(sb, new ArrayList<>(c));
        else if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) list.add(Array.get(v, i));
            writeArray(sb, list);
        } else {
            throw new IllegalArgumentException("no EMAN2 JSON encoding for " + v.getClass().getName() + ": " + v);
        }
    }

    /**
     * EMAN2's {@code obj_to_json} for a Transform: the 12 float32 elements in C {@code %1.6g}, comma-separated
     * without spaces. The double matrix is rounded to float32 first because EMAN2 stores and prints float32.
     */
    static Map<String, Object> transformToJson(Transform t) {
        return Map.of("__class__", "Transform", "matrix", matrixString(t));
    }

    static String matrixString(Transform t) {
        double[] m = t.matrix();
        StringBuilder s = new StringBuilder(128).append('[');
        for (int i = 0; i < 12; i++) {
            if (i > 0) s.append(',');
            s.append(CFormat.g6((float) m[i]));
        }
        return s.append(']').toString();
    }

    private static void writeObject(StringBuilder sb, Map<?, ?> m) {
        if (m.isEmpty()) {
            sb.append("{}");
            return;
        }
        List<String> keys = new ArrayList<>(m.size());
        for (Object k : m.keySet()) {
            if (!(k instanceof String s)) throw new IllegalArgumentException("JSON object keys must be strings, got " + EmanJson.describe(k));
            keys.add(s);
        }
        keys.sort(EmanJsonWriter::compareCodePoints);
        sb.append("{\n");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) sb.append(",\n");
            writeString(sb, keys.get(i));
            sb.append(": ");
            writeValue(sb, m.get(keys.get(i)));
        }
        sb.append("\n}");
    }

    private static void writeArray(StringBuilder sb, List<?> list) {
        if (list.isEmpty()) {
            sb.append("[]");
            return;
        }
        sb.append("[\n");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) sb.append(",\n");
            writeValue(sb, list.get(i));
        }
        sb.append("\n]");
    }

    /** Python sorts str keys by code point; String.compareTo compares UTF-16 units, which differs above U+FFFF. */
    static int compareCodePoints(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i), cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Python's {@code json} string encoding with {@code ensure_ascii=True}. */
    private static void writeString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c >= ' ' && c <= '~') {
                        sb.append(c);
                    } else { // UTF-16 units are exactly Python's surrogate-pair escapes; Python uses lower-case hex
                        sb.append("\\u");
                        String hex = Integer.toHexString(c);
                        for (int k = hex.length(); k < 4; k++) sb.append('0');
                        sb.append(hex);
                    }
            }
        }
        sb.append('"');
    }
}
