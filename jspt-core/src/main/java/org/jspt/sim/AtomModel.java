package org.jspt.sim;

import java.util.Arrays;

/**
 * Point scatterers: positions (Å, any frame) with weights (atomic numbers for PDB atoms), a chain id and a
 * residue number per atom (0 when the source has none, as for phantoms). Immutable.
 */
public final class AtomModel {
    private final double[] x, y, z, w;
    private final char[] chain;
    private final int[] residue;
    /** The ids of chains named by more than one character (mmCIF), by the private character that stands for each. */
    private final java.util.Map<Character, String> longChainIds;

    public AtomModel(double[] x, double[] y, double[] z, double[] w, char[] chain) {
        this(x, y, z, w, chain, new int[x.length]);
    }

    public AtomModel(double[] x, double[] y, double[] z, double[] w, char[] chain, int[] residue) {
        this(x, y, z, w, chain, residue, java.util.Map.of());
    }

    /** @param longChainIds chain ids of more than one character, keyed by the character that stands for each in {@code chain} */
    AtomModel(double[] x, double[] y, double[] z, double[] w, char[] chain, int[] residue, java.util.Map<Character, String> longChainIds) {
        this.longChainIds = java.util.Map.copyOf(longChainIds);
        int n = x.length;
        if (y.length != n || z.length != n || w.length != n || chain.length != n || residue.length != n) throw new IllegalArgumentException("atom arrays differ in length");
        this.residue = residue.clone();
        this.x = x.clone();
        this.y = y.clone();
        this.z = z.clone();
        this.w = w.clone();
        this.chain = chain.clone();
    }

    public int size() { return x.length; }
    public double x(int i) { return x[i]; }
    public double y(int i) { return y[i]; }
    public double z(int i) { return z[i]; }
    public double weight(int i) { return w[i]; }
    public char chain(int i) { return chain[i]; }
    public int residue(int i) { return residue[i]; }

    /** The chain ids present, in order of first appearance. */
    public String chains() {
        StringBuilder sb = new StringBuilder();
        for (char c : chain) if (sb.indexOf(String.valueOf(c)) < 0) sb.append(c);
        return sb.toString();
    }

    /** The character that stands for the chain of id {@code id} (one character: itself if present), or 0 if there is none. */
    public char chainWithId(String id) {
        for (var e : longChainIds.entrySet()) if (e.getValue().equals(id)) return e.getKey();
        return id.length() == 1 && chains().indexOf(id.charAt(0)) >= 0 ? id.charAt(0) : 0;
    }

    /** Whether some chain id has more than one character (mmCIF). */
    public boolean hasLongChainIds() { return !longChainIds.isEmpty(); }

    /** The chain ids for messages: "ABC" when every id is one character, else "A, B, AA" (order of first appearance). */
    public String chainIds() {
        String cs = chains();
        if (longChainIds.isEmpty()) return cs;
        StringBuilder sb = new StringBuilder();
        for (char c : cs.toCharArray()) sb.append(sb.length() > 0 ? ", " : "").append(longChainIds.getOrDefault(c, String.valueOf(c)));
        return sb.toString();
    }

    /** Weighted centre of mass (Å). */
    public double[] centreOfMass() {
        double sx = 0, sy = 0, sz = 0, sw = 0;
        for (int i = 0; i < x.length; i++) {
            sx += w[i] * x[i];
            sy += w[i] * y[i];
            sz += w[i] * z[i];
            sw += w[i];
        }
        if (sw <= 0) throw new IllegalArgumentException("model has no mass");
        return new double[] {sx / sw, sy / sw, sz / sw};
    }

    /** The atoms i with {@code keep[i]}. */
    public AtomModel select(boolean[] keep) {
        if (keep.length != x.length) throw new IllegalArgumentException("selection of " + keep.length + " atoms for a model of " + x.length);
        int n = 0;
        for (boolean k : keep) if (k) n++;
        double[] nx = new double[n], ny = new double[n], nz = new double[n], nw = new double[n];
        char[] nc = new char[n];
        int[] nr = new int[n];
        for (int i = 0, j = 0; i < x.length; i++) {
            if (!keep[i]) continue;
            nx[j] = x[i]; ny[j] = y[i]; nz[j] = z[i]; nw[j] = w[i]; nc[j] = chain[i]; nr[j] = residue[i];
            j++;
        }
        return new AtomModel(nx, ny, nz, nw, nc, nr, longChainIds);
    }

    /** Largest distance (Å) of an atom from {@code centre}. */
    public double radiusAbout(double[] centre) {
        double r2 = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - centre[0], dy = y[i] - centre[1], dz = z[i] - centre[2];
            r2 = Math.max(r2, dx * dx + dy * dy + dz * dz);
        }
        return Math.sqrt(r2);
    }

    /** Sum of weights. */
    public double totalWeight() { return Arrays.stream(w).sum(); }

    /** Collects atoms one by one (the structure readers). */
    static final class Builder {
        private double[] x = new double[1024], y = new double[1024], z = new double[1024], w = new double[1024];
        private char[] chain = new char[1024];
        private int[] residue = new int[1024];
        private final java.util.Map<Character, String> longChainIds = new java.util.HashMap<>();
        private int n;

        /** Says that {@code c} stands for the chain id {@code id} of more than one character. */
        void longChainId(char c, String id) { longChainIds.put(c, id); }

        void add(double ax, double ay, double az, double weight, char chainId, int residueNumber) {
            if (n == x.length) {
                int m = 2 * n;
                x = Arrays.copyOf(x, m); y = Arrays.copyOf(y, m); z = Arrays.copyOf(z, m); w = Arrays.copyOf(w, m);
                chain = Arrays.copyOf(chain, m);
                residue = Arrays.copyOf(residue, m);
            }
            x[n] = ax; y[n] = ay; z[n] = az; w[n] = weight; chain[n] = chainId; residue[n] = residueNumber;
            n++;
        }

        int size() { return n; }

        AtomModel build() {
            return new AtomModel(Arrays.copyOf(x, n), Arrays.copyOf(y, n), Arrays.copyOf(z, n), Arrays.copyOf(w, n),
                    Arrays.copyOf(chain, n), Arrays.copyOf(residue, n), longChainIds);
        }
    }
}
