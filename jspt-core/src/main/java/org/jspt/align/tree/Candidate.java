package org.jspt.align.tree;

import org.jspt.geom.Transform;

/**
 * One search solution: the reference is rotated by {@link #rot} then shifted by {@link #t} (N-box voxels),
 * i.e. reference transform T = Translate(t)·R, and the particle's transform is T⁻¹. Mutable; owned by
 * one search.
 */
final class Candidate {
    /** Row-major 3×3 rotation applied to the reference. */
    final double[] rot = new double[9];
    final double[] t = new double[3];
    double score = Double.POSITIVE_INFINITY;
    /** Index in the global grid (or the start list), for tie-stable ordering. */
    int order;
    /** For a local search: the start rotation that maxang is measured from (shared, not modified), or null. */
    double[] origin;

    Candidate(double[] r, int ro, double[] t, int order) {
        System.arraycopy(r, ro, rot, 0, 9);
        if (t != null) System.arraycopy(t, 0, this.t, 0, 3);
        this.order = order;
    }

    /** Lower score first, then grid order: deterministic. */
    static int compare(Candidate a, Candidate b) {
        int c = Double.compare(a.score, b.score);
        return c != 0 ? c : Integer.compare(a.order, b.order);
    }

    /** The reference transform Translate(t)·R. */
    Transform referenceTransform() {
        return Transform.ofMatrix(rot[0], rot[1], rot[2], t[0], rot[3], rot[4], rot[5], t[1], rot[6], rot[7], rot[8], t[2]);
    }

    /** Angle in degrees between two rotations (row-major 3×3 at offsets), via the trace of Aᵀ·B. */
    static double angle(double[] a, int ao, double[] b, int bo) {
        double tr = 0;
        for (int i = 0; i < 9; i++) tr += a[ao + i] * b[bo + i];
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (tr - 1) / 2))));
    }
}
