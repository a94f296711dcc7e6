package org.jspt.image;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspt.geom.Transform;

/**
 * An image header: an ordered map from EMAN2 header keys to typed values.
 *
 * <p>Allowed value types mirror EMAN2's header types and decide how a value is written to HDF5
 * ({@code docs/reference/formats.md} §2.2): {@link Boolean} (C++ bool, 'T'/'F'), {@link Integer}
 * (int32), {@link Long} (uint32), {@link Float} (float32), {@link Double} (float64), {@link String},
 * {@code int[]}, {@code float[]} and {@link Transform}. Anything else is rejected by {@link #put}.
 *
 * <p>Not thread-safe; a header belongs to one image.
 */
public final class Header implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Object> values = new LinkedHashMap<>();

    public Header() {}

    /** A deep copy (arrays are cloned; Transforms are immutable). */
    public Header copy() {
        Header h = new Header();
        values.forEach((k, v) -> h.values.put(k, copyValue(v)));
        return h;
    }

    private static Object copyValue(Object v) {
        if (v instanceof int[] a) return a.clone();
        if (v instanceof float[] a) return a.clone();
        return v;
    }

    /** Sets a value; null removes the key. @throws IllegalArgumentException for an unsupported type */
    public Header put(String key, Object value) {
        if (key == null || key.isEmpty()) throw new IllegalArgumentException("header key must not be empty");
        if (value == null) {
            values.remove(key);
            return this;
        }
        if (!(value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Float || value instanceof Double || value instanceof String
                || value instanceof int[] || value instanceof float[] || value instanceof Transform)) {
            throw new IllegalArgumentException("header '" + key + "': unsupported value type "
                    + value.getClass().getSimpleName());
        }
        values.put(key, value);
        return this;
    }

    public Object get(String key) { return values.get(key); }
    public boolean has(String key) { return values.containsKey(key); }
    public void remove(String key) { values.remove(key); }
    public Set<String> keys() { return Collections.unmodifiableSet(values.keySet()); }
    public Map<String, Object> asMap() { return Collections.unmodifiableMap(values); }
    public int size() { return values.size(); }

    /** A numeric value (int, float, double or bool as 0/1) as a double, or {@code fallback} if absent. */
    public double getDouble(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof Boolean b) return b ? 1 : 0;
        if (v instanceof float[] a && a.length > 0) return a[0];
        if (v instanceof int[] a && a.length > 0) return a[0];
        throw new IllegalArgumentException("header '" + key + "' is " + typeName(v) + ", not a number");
    }

    /** A numeric value as an int (rounded toward zero), or {@code fallback} if absent. */
    public int getInt(String key, int fallback) {
        return values.containsKey(key) ? (int) getDouble(key, fallback) : fallback;
    }

    public boolean getBool(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Boolean b) return b;
        return getDouble(key, 0) != 0;
    }

    public String getString(String key, String fallback) {
        Object v = values.get(key);
        return v == null ? fallback : v instanceof String s ? s : valueToString(v);
    }

    /** The Transform stored under {@code key}, or null if absent. */
    public Transform getTransform(String key) {
        Object v = values.get(key);
        if (v == null) return null;
        if (v instanceof Transform t) return t;
        throw new IllegalArgumentException("header '" + key + "' is " + typeName(v) + ", not a Transform");
    }

    /** A numeric list (int or float list; a scalar gives one element) as doubles, or null if absent. */
    public double[] getDoubles(String key) {
        Object v = values.get(key);
        if (v == null) return null;
        if (v instanceof int[] a) return Arrays.stream(a).asDoubleStream().toArray();
        if (v instanceof float[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) d[i] = a[i];
            return d;
        }
        return new double[] {getDouble(key, 0)};
    }

    /** EMAN2-like type name of a header value, for {@code jspt info} and messages. */
    public static String typeName(Object v) {
        if (v instanceof Boolean) return "bool";
        if (v instanceof Integer) return "int";
        if (v instanceof Long) return "uint";
        if (v instanceof Float) return "float";
        if (v instanceof Double) return "double";
        if (v instanceof String) return "string";
        if (v instanceof int[]) return "intlist";
        if (v instanceof float[]) return "floatlist";
        if (v instanceof Transform) return "Transform";
        return v == null ? "null" : v.getClass().getSimpleName();
    }

    /** A readable rendering of a value (lists in brackets, Transforms as EMAN Euler angles + translation). */
    public static String valueToString(Object v) {
        if (v instanceof int[] a) return Arrays.toString(a);
        if (v instanceof float[] a) return Arrays.toString(a);
        return String.valueOf(v);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Header h) || h.values.size() != values.size()) return false;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object other = h.values.get(e.getKey());
            if (!Arrays.deepEquals(new Object[] {e.getValue()}, new Object[] {other})) return false;
        }
        return true;
    }

    @Override
    public int hashCode() { return values.keySet().hashCode(); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        values.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=').append(valueToString(v)));
        return sb.append('}').toString();
    }
}
