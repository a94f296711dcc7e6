package org.jspt.io.eman2;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspt.geom.Transform;
import org.jspt.io.AtomicFiles;
import org.jspt.io.FormatException;

/**
 * EMAN2 JSON "database" files ({@code js_open_dict}), read and written exactly as EMAN2 does
 * (docs/reference/formats.md §4).
 *
 * <p><b>Value model.</b> A file is one JSON object, read into a {@code LinkedHashMap<String, Object>} (file
 * order). Values are {@link Double} (JSON numbers with a point or exponent, and {@code NaN}/{@code Infinity}
 * tokens), {@link Long} (integers; {@link BigInteger} beyond 64 bits), {@link String}, {@link Boolean},
 * {@code null}, {@link List}, {@code Map<String, Object>} and {@link Transform} (objects with
 * {@code "__class__": "Transform"}; the matrix may be a string or an array of 12 numbers). Other EMAN2
 * encodings ({@code __image__}, {@code EMAN2Ctf}, {@code __pickle__}) stay plain maps, so they are written
 * back unchanged. For writing, {@link Float}, {@link Integer} and other boxed numbers, primitive arrays
 * and {@code Object[]} are accepted too (a float is widened to double, as EMAN2 does with float32 scores).
 *
 * <p>Text layout is produced by {@link EmanJsonWriter}. Stateless and thread-safe; concurrent writers of one
 * file are not coordinated (EMAN2 uses file locks; this program writes each file from one thread).
 */
public final class EmanJson {
    private EmanJson() {}

    /**
     * Field names are not canonicalised: the run folder's big files have one unique key per particle, and Jackson's
     * symbol table for them grew by doubling to tens of MB of short-lived arrays per file at 100,000 particles (JFR:
     * 69 MB of the 96 MB of humongous regions at the end of an iteration, docs/performance.md).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    /** Reads a file. @throws FormatException if it is not one JSON object or a Transform is malformed */
    public static Map<String, Object> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            Object v = parse(new String(bytes, StandardCharsets.UTF_8));
            if (!(v instanceof Map)) throw new FormatException(file, "top level is " + describe(v) + "; expected a JSON object");
            @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) v;
            return m;
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, e.getMessage(), e);
        }
    }

    /** Receives the entries of a top-level object one by one. */
    public interface EntryConsumer {
        void accept(String key, Object value) throws IOException;
    }

    /**
     * Reads a file holding one JSON object entry by entry, in file order, each value decoded as {@link #read}
     * decodes it, without holding the object (a file with an entry per particle stays out of memory). A key
     * given twice is delivered twice. @throws FormatException if it is not one JSON object or a value is malformed
     */
    public static void forEachEntry(Path file, EntryConsumer consumer) throws IOException {
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            JsonToken tok = p.nextToken();
            if (tok != JsonToken.START_OBJECT) throw new FormatException(file, "top level is " + (tok == null ? "empty" : tok.toString()) + "; expected a JSON object");
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t == null) throw new FormatException(file, "the JSON object is not closed");
                String key = p.currentName();
                consumer.accept(key, readValue(p, p.nextToken()));
            }
            if (p.nextToken() != null) throw new FormatException(file, "text after the JSON object at " + p.currentLocation());
        } catch (JsonProcessingException e) {
            throw new FormatException(file, "invalid JSON: " + e.getOriginalMessage() + " at " + e.getLocation(), e);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, e.getMessage(), e);
        }
    }

    /**
     * Writes {@code data} as EMAN2 would ({@link #toText}), atomically: the text goes to a temporary file in the
     * same folder, which then replaces {@code file}, so a reader never sees a half-written file.
     */
    public static void write(Path file, Map<String, ?> data) throws IOException {
        AtomicFiles.writeString(file, toText(data)); // ensure_ascii: the text is ASCII, so UTF-8 bytes are the same
    }

    /** The order in which EMAN2 (Python's sorted()) writes keys: by Unicode code point. */
    public static int compareKeys(String a, String b) {
        return EmanJsonWriter.compareCodePoints(a, b);
    }

    /**
     * The exact file text EMAN2 writes for {@code data}: {@code json.dumps(data, indent=0, sort_keys=True)}
     * with arrays folded onto one line by the regex {@code \[[^\]{]*\]}; no trailing newline.
     * @throws IllegalArgumentException for a value type that has no JSON encoding
     */
    public static String toText(Map<String, ?> data) {
        return EmanJsonWriter.toText(data);
    }

    /**
     * Parses one JSON value (object, array, string, number, literal) with EMAN2's decoding: Transform objects
     * become {@link Transform}s. @throws IllegalArgumentException if the text is not exactly one JSON value
     */
    public static Object parseValue(String text) {
        return parse(text);
    }

    /**
     * EMAN2's matrix string of a Transform: {@code [m00,m01,…,m23]}, each element rounded to float32 and printed
     * with C {@code %1.6g} (a negative zero stays {@code -0}), e.g. {@code "[1,0,0,2.5,0,1,0,-1,0,0,1,0]"}.
     */
    public static String matrixString(Transform t) {
        return EmanJsonWriter.matrixString(t);
    }

    /** The Transform encoded in an EMAN2 matrix string such as {@code "[1,0,0,2.5,0,1,0,-1,0,0,1,0]"}. */
    public static Transform parseMatrixString(String s) {
        String t = s.strip();
        if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
        String[] parts = t.split(",");
        if (parts.length != 12) throw new IllegalArgumentException("Transform matrix has " + parts.length + " numbers; expected 12: " + s);
        double[] m = new double[12];
        for (int i = 0; i < 12; i++) {
            try {
                m[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Transform matrix element " + i + " is '" + parts[i] + "'; expected a number", e);
            }
        }
        return Transform.ofMatrix(m);
    }

    private static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken tok = p.nextToken();
            if (tok == null) throw new IllegalArgumentException("empty JSON text");
            Object v = readValue(p, tok);
            if (p.nextToken() != null) throw new IllegalArgumentException("text after the JSON value at " + p.currentLocation());
            return v;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage() + " at " + e.getLocation(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    private static Object readValue(JsonParser p, JsonToken tok) throws IOException {
        switch (tok) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String key = p.currentName();
                    m.put(key, readValue(p, p.nextToken())); // a repeated key keeps the last value, as Python does
                }
                return decodeObject(m);
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) list.add(readValue(p, t));
                return list;
            }
            case VALUE_STRING: return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT: return p.getDoubleValue();
            case VALUE_TRUE: return Boolean.TRUE;
            case VALUE_FALSE: return Boolean.FALSE;
            case VALUE_NULL: return null;
            default: throw new IllegalArgumentException("unexpected JSON token " + tok + " at " + p.currentLocation());
        }
    }

    /** EMAN2's {@code json_to_obj} for the one class this program uses; everything else stays a map. */
    private static Object decodeObject(Map<String, Object> m) {
        if (!"Transform".equals(m.get("__class__"))) return m;
        Object matrix = m.get("matrix");
        if (matrix instanceof String s) return parseMatrixString(s);
        if (matrix instanceof List<?> list && list.size() == 12) {
            double[] d = new double[12];
            for (int i = 0; i < 12; i++) {
                if (!(list.get(i) instanceof Number n)) throw new IllegalArgumentException("Transform matrix element " + i + " is " + describe(list.get(i)) + "; expected a number");
                d[i] = n.doubleValue();
            }
            return Transform.ofMatrix(d);
        }
        throw new IllegalArgumentException("Transform 'matrix' is " + describe(matrix) + "; expected a string or an array of 12 numbers");
    }

    static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof Map) return "an object";
        if (v instanceof List<?> l) return "an array of " + l.size();
        return "a " + v.getClass().getSimpleName() + " (" + v + ")";
    }
}
