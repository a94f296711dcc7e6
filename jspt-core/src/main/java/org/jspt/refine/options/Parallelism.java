package org.jspt.refine.options;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --parallel} choice (jspt's meaning, {@code docs/reference/refinemulti.md} §2.2): {@code thread:N} → N worker
 * threads; {@code spark:<master-url>} → the Spark executor ({@code spark:local}, {@code spark:local[N]},
 * {@code spark:local[*]}, {@code spark:spark://HOST:PORT}); {@code None}/{@code none} → one thread.
 * Results must not depend on the choice. Immutable.
 *
 * @param threads worker threads for {@link Kind#THREADS} (1 for {@code None}); 0 for Spark
 * @param sparkMaster the Spark master URL for {@link Kind#SPARK}, else null
 */
public record Parallelism(Kind kind, int threads, String sparkMaster) {
    public enum Kind { THREADS, SPARK }

    private static final Pattern THREAD = Pattern.compile("thread:(\\d+)");
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\d+|\\*)])?");
    private static final Pattern CLUSTER = Pattern.compile("spark://[^\\s:/]+:\\d{1,5}");

    /** N in-process threads. */
    public static Parallelism threads(int n) {
        if (n < 1) throw new IllegalArgumentException("thread count must be >= 1, got " + n);
        return new Parallelism(Kind.THREADS, n, null);
    }

    /**
     * Parses a {@code --parallel} value.
     * @throws IllegalArgumentException for anything else, giving the accepted forms
     */
    public static Parallelism parse(String s) {
        String t = s == null ? "" : s.strip();
        if (t.equalsIgnoreCase("none")) return threads(1);
        Matcher m = THREAD.matcher(t);
        if (m.matches()) {
            int n;
            try {
                n = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n >= 1) return threads(n);
            throw new IllegalArgumentException("'" + s + "': the thread count must be a positive int");
        }
        if (t.startsWith("spark:")) {
            String master = t.substring("spark:".length());
            Matcher l = LOCAL.matcher(master);
            boolean okLocal = l.matches() && (l.group(2) == null || l.group(2).equals("*") || Integer.parseInt(l.group(2)) >= 1);
            if (okLocal || CLUSTER.matcher(master).matches()) return new Parallelism(Kind.SPARK, 0, master);
            throw new IllegalArgumentException("'" + s + "': the Spark master must be local, local[N], local[*] or spark://HOST:PORT");
        }
        throw new IllegalArgumentException("'" + s + "': expected thread:N, spark:<master-url> (spark:local[N], spark:spark://HOST:PORT) or None");
    }

    @Override
    public String toString() { return kind == Kind.SPARK ? "spark:" + sparkMaster : "thread:" + threads; }
}
