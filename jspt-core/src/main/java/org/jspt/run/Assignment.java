package org.jspt.run;

import java.util.ArrayList;
import java.util.List;
import org.jspt.align.AlignResult;

/**
 * The classification of an iteration ({@code docs/reference/refinemulti.md} §7.3): every particle goes to the reference
 * with the lowest score; ties go to the lowest reference index. Immutable.
 *
 * @param results results[p][r]: particle p's best result against active reference r (null if r was not aligned)
 * @param classOf classOf[p]: the class (reference index) of particle p
 */
public record Assignment(AlignResult[][] results, int[] classOf) {
    public static Assignment classify(AlignResult[][] results, boolean[] active) {
        int n = results.length;
        int[] cls = new int[n];
        for (int p = 0; p < n; p++) {
            int best = -1;
            for (int r = 0; r < results[p].length; r++) {
                if (!active[r] || results[p][r] == null) continue;
                if (best < 0 || results[p][r].score() < results[p][best].score()) best = r;
            }
            if (best < 0) throw new IllegalStateException("particle " + p + " has no alignment result");
            cls[p] = best;
        }
        return new Assignment(results, cls);
    }

    public int particles() { return classOf.length; }

    /** The particle's result in its own class. */
    public AlignResult best(int p) { return results[p][classOf[p]]; }

    /**
     * The same classes keeping only each particle's result in its own class (the others null): all that a later
     * iteration reads of this one (class changes, orientation changes, the gold-standard starts), at 1/K of the memory
     * that 100,000 particles' K results each would hold.
     */
    public Assignment assignedOnly() {
        AlignResult[][] kept = new AlignResult[results.length][];
        for (int p = 0; p < results.length; p++) {
            kept[p] = new AlignResult[results[p].length];
            kept[p][classOf[p]] = results[p][classOf[p]];
        }
        return new Assignment(kept, classOf);
    }

    /** Members of class k, ascending. */
    public List<Integer> members(int k) {
        List<Integer> m = new ArrayList<>();
        for (int p = 0; p < classOf.length; p++) if (classOf[p] == k) m.add(p);
        return m;
    }

    /** Number of particles whose class differs from {@code previous} (null: 0). */
    public int changedFrom(Assignment previous) {
        if (previous == null) return 0;
        int c = 0;
        for (int p = 0; p < classOf.length; p++) if (classOf[p] != previous.classOf[p]) c++;
        return c;
    }

    /** Same class for every particle (§7.4 convergence). */
    public boolean sameClassesAs(Assignment previous) {
        return previous != null && java.util.Arrays.equals(classOf, previous.classOf);
    }
}
