package org.jspt.geom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A symmetry group in EMAN2's conventions ({@code docs/reference/processing.md} §11, {@code docs/reference/alignment.md} §3.1): its
 * operators (EMAN Euler angles, in EMAN2's order) and its asymmetric unit. Immutable and thread-safe.
 *
 * <p>Names (case-insensitive): {@code c<n>}, {@code d<n>} (n ≥ 1), {@code tet}, {@code oct}, {@code icos}
 * ({@code icos5} alias), {@code h<nsym>:<nstart>:<daz>:<tz>[:<maxtilt>]} (also comma-separated; only
 * nstart = 1; daz in degrees, tz in Å, apix 1; defaults nstart 1, daz 0, tz 0, maxtilt 5). Empty, null or
 * {@code none} mean c1.
 *
 * <p>Float32 note: the asymmetric-unit limits and membership tests reproduce EMAN2's float32 arithmetic
 * (see {@link F32}), because the orientation generator's counts depend on it.
 */
public final class Symmetry implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public enum Kind { C, D, H, TET, OCT, ICOS }

    private final Kind kind;
    private final int n;
    private final double daz, tz, maxtilt;
    private final List<Transform> ops;

    private Symmetry(Kind kind, int n, double daz, double tz, double maxtilt) {
        this.kind = kind;
        this.n = n;
        this.daz = daz;
        this.tz = tz;
        this.maxtilt = maxtilt;
        this.ops = Collections.unmodifiableList(buildOperators());
    }

    public static Symmetry c(int n) { return new Symmetry(Kind.C, checkFold(n), 0, 0, 0); }
    public static Symmetry d(int n) { return new Symmetry(Kind.D, checkFold(n), 0, 0, 0); }

    private static int checkFold(int n) {
        if (n < 1) throw new IllegalArgumentException("symmetry fold must be ≥ 1, got " + n);
        return n;
    }

    /**
     * Parses a symmetry name (class javadoc).
     * @throws IllegalArgumentException for an unknown name, listing the valid forms
     */
    public static Symmetry parse(String name) {
        if (name == null || name.isBlank() || name.equalsIgnoreCase("none")) return c(1);
        String s = name.strip().toLowerCase(Locale.ROOT);
        try {
            switch (s) {
                case "tet": return new Symmetry(Kind.TET, 3, 0, 0, 0);
                case "oct": return new Symmetry(Kind.OCT, 4, 0, 0, 0);
                case "icos": case "icos5": return new Symmetry(Kind.ICOS, 5, 0, 0, 0);
                default: break;
            }
            if (s.matches("c\\d+")) return c(Integer.parseInt(s.substring(1)));
            if (s.matches("d\\d+")) return d(Integer.parseInt(s.substring(1)));
            if (s.startsWith("h")) {
                String[] p = s.substring(1).split("[:,]");
                int nsym = Integer.parseInt(p[0]);
                int nstart = p.length > 1 ? Integer.parseInt(p[1]) : 1;
                if (nstart != 1) throw new IllegalArgumentException("symmetry '" + name + "': only nstart = 1 is supported for h symmetry");
                double daz = p.length > 2 ? Double.parseDouble(p[2]) : 0, tz = p.length > 3 ? Double.parseDouble(p[3]) : 0;
                double maxtilt = p.length > 4 ? Double.parseDouble(p[4]) : 5;
                if (p.length > 5) throw new IllegalArgumentException("too many fields");
                return new Symmetry(Kind.H, checkFold(nsym), daz, tz, maxtilt);
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("unknown symmetry '" + name + "'; known: c<n>, d<n>, tet, oct, icos, h<nsym>:<nstart>:<daz>:<tz>[:<maxtilt>]");
    }

    public Kind kind() { return kind; }

    /** The fold n of c n / d n, 3/4/5 for tet/oct/icos (the highest-order axis), nsym for h. */
    public int fold() { return n; }

    public boolean isPlatonic() { return kind == Kind.TET || kind == Kind.OCT || kind == Kind.ICOS; }

    /** The canonical name: c4, d7, tet, oct, icos, h<nsym>:1:<daz>:<tz>:<maxtilt>. */
    public String name() {
        switch (kind) {
            case C: return "c" + n;
            case D: return "d" + n;
            case TET: return "tet";
            case OCT: return "oct";
            case ICOS: return "icos";
            default: return "h" + n + ":1:" + daz + ":" + tz + ":" + maxtilt;
        }
    }

    /** Number of operators (c n: n, d n: 2n, tet 12, oct 24, icos 60, h: nsym). */
    public int order() { return ops.size(); }

    /** Operator i in EMAN2's order ({@code get_sym(i)}). */
    public Transform operator(int i) { return ops.get(i); }

    /** All operators, in EMAN2's order (unmodifiable). */
    public List<Transform> operators() { return ops; }

    private List<Transform> buildOperators() {
        List<Transform> l = new ArrayList<>();
        switch (kind) {
            case C:
                for (int i = 0; i < n; i++) l.add(Transform.eman(i * 360.0 / n, 0, 0));
                break;
            case D:
                for (int i = 0; i < 2 * n; i++) l.add(i < n ? Transform.eman(i * 360.0 / n, 0, 0) : Transform.eman((i - n) * 360.0 / n, 180, 0));
                break;
            case TET: {
                double la = Math.toDegrees(Math.acos(-1.0 / 3));
                for (double p : new double[] {0, 120, 240}) l.add(Transform.eman(0, 0, p));
                for (double a : new double[] {0, 120, 240}) for (double p : new double[] {60, 180, 300}) l.add(Transform.eman(a, la, p));
                break;
            }
            case OCT: {
                double[] q = {0, 90, 180, 270};
                for (double p : q) l.add(Transform.eman(0, 0, p));
                for (double a : q) for (double p : q) l.add(Transform.eman(a, 90, p));
                for (double p : q) l.add(Transform.eman(0, 180, p));
                break;
            }
            case ICOS: {
                double l1 = Math.toDegrees(Math.atan(2)), l2 = 180 - l1;
                double[] c5 = {0, 288, 216, 144, 72}, c5b = {36, 324, 252, 180, 108}, a5b = {36, 108, 180, 252, 324};
                for (double c : c5) l.add(icos(0, 0, c));
                for (double a : new double[] {0, 72, 144, 216, 288}) for (double c : c5b) l.add(icos(a, l1, c));
                for (double a : a5b) for (double c : c5) l.add(icos(a, l2, c));
                for (double c : c5) l.add(icos(0, 180, c));
                break;
            }
            case H:
                for (int i = 0; i < n; i++) {
                    int ii = (i + 1) / 2;
                    if (i > 1 && i % 2 == 0) ii = -ii;
                    // nstart = 1: az = ii·daz, translation z = ii·tz/apix (apix 1)
                    l.add(Transform.eman(ii * daz, 0, 0, 0, 0, ii * tz));
                }
                break;
            default:
                throw new AssertionError(kind);
        }
        return l;
    }

    /** NB: EMAN2's icosahedral table entries (a, b, c) are used as (a + 90, b, c − 90) (5-fold on z, 2-fold on y). */
    private static Transform icos(double a, double b, double c) { return Transform.eman(a + 90, b, c - 90); }

    /** The az offset EMAN2 adds to generated platonic orientations (icos 234°, others 0). */
    public double azAlignmentOffset() { return kind == Kind.ICOS ? 234 : 0; }

    // ---- asymmetric unit (docs/reference/alignment.md §3.1), float32 as EMAN2 ----

    /** Capσ = 2π/m (radians, float32) of a platonic group. */
    private float capSigma() { return F32.div(F32.mul(2f, (float) Math.PI), (float) n); }

    /** α = acos(1/(√3·tan(capσ/2))) (radians, float32). */
    private float platonicAlpha() {
        float cs = capSigma();
        return F32.acos(F32.div(1f, F32.mul(F32.sqrt(3f), F32.tan(F32.div(cs, 2f)))));
    }

    /** θc/2 = ½·acos(cos capσ/(1 − cos capσ)) (radians, float32). */
    private float thetaCOnTwo() {
        float cs = capSigma(), c = F32.cos(cs);
        return F32.mul(0.5f, F32.acos(F32.div(c, F32.sub(1f, c))));
    }

    /** Upper altitude (degrees, float32) of the asymmetric unit, EMAN2's {@code get_delimiters()["alt_max"]}. */
    public float altMax(boolean incMirror) {
        switch (kind) {
            case C: return incMirror ? 180f : 90f;
            case D: case H: return 90f;
            default: return F32.rad2deg(platonicAlpha());
        }
    }

    /** Lower altitude (degrees): 90 − maxtilt for h, else 0. */
    public float altMin() { return kind == Kind.H ? (float) (90 - maxtilt) : 0f; }

    /** Azimuth range (degrees, float32), EMAN2's {@code get_delimiters()["az_max"]}. */
    public float azMax(boolean incMirror) {
        switch (kind) {
            case C: return 360f / n;
            case D: return incMirror ? 360f / n : 180f / n;
            case H: return 360f;
            case TET: return 120f;
            default: return incMirror ? 360f / n : 180f / n;
        }
    }

    /** L(a) of docs/reference/alignment.md §3.1 with the given α (radians, float32 arithmetic). */
    private float platonicAltBound(float az, float alpha) {
        float cs = capSigma(), half = F32.div(cs, 2f);
        float b = F32.div(F32.sin(F32.sub(half, az)), F32.tan(thetaCOnTwo()));
        b = F32.add(b, F32.div(F32.sin(az), F32.tan(alpha)));
        b = F32.mul(b, F32.div(1f, F32.sin(half)));
        return F32.atan(F32.div(1f, b));
    }

    /**
     * True if the direction (alt, az) in degrees is in the asymmetric unit (EMAN2's {@code is_in_asym_unit}).
     * For platonic groups az is before {@link #azAlignmentOffset()}.
     */
    public boolean isInAsymUnit(double altitude, double azimuth, boolean incMirror) {
        float alt = (float) altitude, az = (float) azimuth, altMax = altMax(incMirror), azMax = azMax(incMirror);
        switch (kind) {
            case C:
                return alt >= 0 && alt <= altMax && az < azMax && (n == 1 || az >= 0);
            case D:
                return alt >= 0 && alt <= altMax && az < azMax && (az >= 0 || (n == 1 && incMirror));
            case H:
                return alt >= altMin() && alt <= altMax && az >= 0 && az < azMax;
            default:
                break;
        }
        if (!(alt >= 0 && alt <= altMax && az >= 0 && az < azMax)) return false;
        float cs = capSigma(), tmpaz = F32.deg2rad(az);
        if (tmpaz > F32.div(cs, 2f)) tmpaz = F32.sub(cs, tmpaz);
        float tmpalt = F32.deg2rad(alt), alpha = platonicAlpha();
        if (!(platonicAltBound(tmpaz, alpha) > tmpalt)) return false;
        if (kind == Kind.TET && !incMirror) return !(platonicAltBound(tmpaz, F32.div(alpha, 2f)) < tmpalt);
        return true;
    }

    /** The help text for symmetries ({@code jspt help syms}). */
    public static String describe(int verbosity) {
        String[][] rows = {
            {"c<n>", "cyclic, n-fold axis along z; n operators; c1 = no symmetry"},
            {"d<n>", "dihedral, n-fold along z, 2-folds in the xy-plane (one along x); 2n operators"},
            {"tet", "tetrahedral, 3-fold along z; 12 operators"},
            {"oct", "octahedral, 4-folds along x, y, z; 24 operators"},
            {"icos", "icosahedral (alias icos5), 5-fold along z, 2-fold along y; 60 operators"},
            {"h<nsym>:<nstart>:<daz>:<tz>[:<maxtilt>]", "helical: nsym units, rise tz (Å) and twist daz (degrees); nstart = 1 only; maxtilt default 5"},
        };
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append(r[0]);
            if (verbosity >= 1) sb.append(" : ").append(r[1]);
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Symmetry s && s.kind == kind && s.n == n && s.daz == daz && s.tz == tz && s.maxtilt == maxtilt;
    }

    @Override
    public int hashCode() { return name().hashCode(); }

    @Override
    public String toString() { return name(); }

    /** Float32 arithmetic as EMAN2 does it: each operation (and each function) rounded to float. */
    static final class F32 {
        private F32() {}
        static float add(float a, float b) { return a + b; }
        static float sub(float a, float b) { return a - b; }
        static float mul(float a, float b) { return a * b; }
        static float div(float a, float b) { return a / b; }
        static float sin(float a) { return (float) Math.sin(a); }
        static float cos(float a) { return (float) Math.cos(a); }
        static float tan(float a) { return (float) Math.tan(a); }
        static float acos(float a) { return (float) Math.acos(a); }
        static float atan(float a) { return (float) Math.atan(a); }
        static float sqrt(float a) { return (float) Math.sqrt(a); }
        /** float32(x·π/180) with the constant and product in double. */
        static float deg2rad(float deg) { return (float) (deg * (Math.PI / 180)); }
        static float rad2deg(float rad) { return (float) (rad * (180 / Math.PI)); }
    }
}
