package org.jspt.proc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;

/**
 * A set of named {@link Descriptor}s of one kind (processors, averagers), with EMAN2's validation:
 * an unknown name or parameter key is an error, numbers convert between int, float and bool (float → int
 * truncates toward zero). Thread-safe after construction (read-only).
 *
 * @param <T> what the descriptors build
 */
public final class Catalog<T> {
    private final String kind;
    private final TreeMap<String, Descriptor<T>> byName = new TreeMap<>();

    /** @param kind "processor", "averager"…, for messages */
    public Catalog(String kind, Collection<Descriptor<T>> descriptors) {
        this.kind = kind;
        for (Descriptor<T> d : descriptors) {
            if (byName.put(d.name(), d) != null) throw new IllegalStateException("duplicate " + kind + " " + d.name());
        }
    }

    /** Names, sorted. */
    public List<String> names() { return List.copyOf(byName.keySet()); }

    public Collection<Descriptor<T>> descriptors() { return byName.values(); }

    /** @throws IllegalArgumentException for an unknown name, listing the known ones closest first */
    public Descriptor<T> descriptor(String name, String specText) {
        Descriptor<T> d = byName.get(name);
        if (d == null) {
            throw new IllegalArgumentException("'" + specText + "': no such " + kind + " '" + name + "'; known: "
                    + String.join(", ", closestFirst(name, byName.keySet())));
        }
        return d;
    }

    /**
     * Validates and converts {@code spec}'s values, fills defaults and builds the object.
     * @param fileResolver turns a string given for a VOLUME parameter (a file name) into a Volume; may be
     *        null, then such a string is an error
     * @throws IllegalArgumentException naming the string for an unknown name or key or a bad value
     */
    public T create(ProcessorSpec spec, Function<String, Volume> fileResolver) {
        Descriptor<T> d = descriptor(spec.name(), spec.text());
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> given = new HashSet<>();
        for (ParamSpec p : d.params()) if (p.defaultValue() != null) values.put(p.name(), p.defaultValue());
        for (Map.Entry<String, Object> e : spec.values().entrySet()) {
            ParamSpec p = d.param(e.getKey());
            if (p == null) {
                List<String> keys = new ArrayList<>();
                for (ParamSpec q : d.params()) keys.add(q.name());
                throw new IllegalArgumentException("'" + spec.text() + "': unknown parameter '" + e.getKey() + "' for "
                        + kind + " " + d.name() + "; known: "
                        + (keys.isEmpty() ? "(none)" : String.join(", ", closestFirst(e.getKey(), keys))));
            }
            values.put(p.name(), convert(spec, p, e.getValue(), spec.texts().get(e.getKey()), fileResolver));
            given.add(p.name());
        }
        return d.factory().apply(new Params(spec.text(), values, given));
    }

    private static Object convert(ProcessorSpec spec, ParamSpec p, Object v, String text, Function<String, Volume> resolver) {
        String where = "'" + spec.text() + "': parameter '" + p.name() + "' ";
        switch (p.type()) {
            case INT:
                if (v instanceof Number n) {
                    double x = n.doubleValue();
                    if (!Double.isFinite(x) || Math.abs(x) > Integer.MAX_VALUE) throw new IllegalArgumentException(where + "expects an int, got " + text);
                    return (int) x; // NB: EMAN2 truncates toward zero (2.9 → 2, −2.9 → −2)
                }
                if (v instanceof Boolean b) return b ? 1 : 0;
                break;
            case FLOAT:
                if (v instanceof Number n) return n.doubleValue();
                if (v instanceof Boolean b) return b ? 1.0 : 0.0;
                break;
            case BOOL:
                if (v instanceof Number n) return n.doubleValue() != 0;
                if (v instanceof Boolean b) return b;
                break;
            case STRING:
                if (v instanceof String s) return s;
                if (v instanceof Number && text != null) return text;
                break;
            case INTLIST:
                if (v instanceof int[] a) return a.clone();
                if (v instanceof Integer i) return new int[] {i};
                if (v instanceof String s) {
                    String[] parts = s.replace("(", "").replace(")", "").replace("[", "").replace("]", "").split(",");
                    int[] a = new int[parts.length];
                    try {
                        for (int i = 0; i < a.length; i++) a[i] = Integer.parseInt(parts[i].strip());
                    } catch (NumberFormatException ex) {
                        throw new IllegalArgumentException(where + "expects a comma-separated int list, got " + text);
                    }
                    return a;
                }
                break;
            case VOLUME:
                if (v instanceof Volume vol) return vol;
                if (text != null && !(v instanceof Volume)) {
                    if (resolver == null) throw new IllegalArgumentException(where + "names a file (" + text
                            + ") but no file resolver was given; load the volume and pass it with ProcessorSpec.with");
                    Volume vol = resolver.apply(v instanceof String s ? s : text);
                    if (vol == null) throw new IllegalArgumentException(where + "could not load " + text);
                    return vol;
                }
                break;
            case TRANSFORM:
                if (v instanceof Transform t) return t;
                break;
            case TRANSFORMS:
                if (v instanceof Transform t) return List.of(t);
                if (v instanceof List<?> l && l.stream().allMatch(x -> x instanceof Transform)) {
                    List<Transform> ts = new ArrayList<>();
                    for (Object x : l) ts.add((Transform) x);
                    return List.copyOf(ts);
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException(where + "expects " + p.type().emanName() + ", got " + text);
    }

    /** {@code choices} sorted by Levenshtein distance to {@code word}, then alphabetically. */
    public static List<String> closestFirst(String word, Collection<String> choices) {
        List<String> l = new ArrayList<>(choices);
        l.sort(Comparator.comparingInt((String c) -> editDistance(word, c)).thenComparing(Comparator.naturalOrder()));
        return l;
    }

    /** Levenshtein distance (insert, delete, substitute, each 1). */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }

    /** e2help-style listing: names; with verbosity ≥ 1 also the description and parameters. */
    public String describe(int verbosity) {
        StringBuilder sb = new StringBuilder();
        for (Descriptor<T> d : byName.values()) {
            if (verbosity <= 0) {
                sb.append(d.name()).append('\n');
                continue;
            }
            sb.append(d.name()).append(" : ").append(d.description()).append('\n');
            for (ParamSpec p : d.params()) {
                sb.append("    ").append(p.name()).append('(').append(p.type().emanName()).append(')');
                if (p.defaultValue() != null) sb.append(" [default ").append(formatDefault(p.defaultValue())).append(']');
                sb.append(" - ").append(p.description()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String formatDefault(Object v) {
        if (v instanceof int[] a) return java.util.Arrays.toString(a);
        return String.valueOf(v);
    }
}
