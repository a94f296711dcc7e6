package org.jspt.proc;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;

/**
 * Validated parameter values, converted to their declared types, defaults filled in. Immutable view.
 * Accessors throw IllegalArgumentException naming the spec if a required value is absent.
 */
public final class Params {
    private final String spec;
    private final Map<String, Object> values;
    private final Set<String> given;

    Params(String spec, Map<String, Object> values, Set<String> given) {
        this.spec = spec;
        this.values = Collections.unmodifiableMap(values);
        this.given = Collections.unmodifiableSet(given);
    }

    /** The spec string, for messages. */
    public String spec() { return spec; }
    /** True if the key was given explicitly (not a default). */
    public boolean given(String key) { return given.contains(key); }
    /** True if the key has a value (given or a default). */
    public boolean has(String key) { return values.get(key) != null; }

    private Object need(String key) {
        Object v = values.get(key);
        if (v == null) throw new IllegalArgumentException("'" + spec + "': parameter '" + key + "' is required");
        return v;
    }

    public int getInt(String key) { return (Integer) need(key); }
    public double getDouble(String key) { return (Double) need(key); }
    public boolean getBool(String key) { return (Boolean) need(key); }
    public String getString(String key) { return (String) need(key); }
    public Volume getVolume(String key) { return (Volume) need(key); }
    public Transform getTransform(String key) { return (Transform) need(key); }
    /** A {@link ParamType#TRANSFORMS} value (an unmodifiable list). */
    @SuppressWarnings("unchecked")
    public java.util.List<Transform> getTransforms(String key) { return (java.util.List<Transform>) need(key); }
    public int[] getInts(String key) { return ((int[]) need(key)).clone(); }

    public double getDouble(String key, double fallback) { return has(key) ? getDouble(key) : fallback; }
    public int getInt(String key, int fallback) { return has(key) ? getInt(key) : fallback; }
    public boolean getBool(String key, boolean fallback) { return has(key) ? getBool(key) : fallback; }

    /** A numeric check: throws IllegalArgumentException naming the spec unless {@code ok}. */
    public void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException("'" + spec + "': " + message);
    }
}
