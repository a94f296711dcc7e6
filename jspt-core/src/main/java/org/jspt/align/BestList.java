package org.jspt.align;

import java.util.ArrayList;
import java.util.List;

/**
 * The nsoln best candidates, best first, with EMAN2's rule: a candidate enters only if its score is strictly
 * lower than a kept one's, so among equal scores the earlier candidate (lower index) stays ahead. Because the
 * order is total on (score, index), merging lists kept over any partition of the candidates gives the same
 * result as one sequential pass: results do not depend on how work was split between threads.
 * NaN scores never enter. Not thread-safe (one per chunk).
 */
final class BestList {
    private final int capacity;
    private final List<Candidate> items;

    BestList(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("nsoln must be ≥ 1, got " + capacity);
        this.capacity = capacity;
        this.items = new ArrayList<>(capacity + 1);
    }

    /** Offers a candidate; true if kept. */
    boolean offer(Candidate c) {
        if (Double.isNaN(c.score())) return false;
        if (items.size() == capacity && !c.before(items.get(capacity - 1))) return false;
        int pos = items.size();
        while (pos > 0 && c.before(items.get(pos - 1))) pos--;
        items.add(pos, c);
        if (items.size() > capacity) items.remove(capacity);
        return true;
    }

    /** Offers every candidate of {@code other}. */
    void merge(BestList other) {
        for (Candidate c : other.items) offer(c);
    }

    /** The kept candidates, best first (a copy). */
    List<Candidate> candidates() { return List.copyOf(items); }

    List<AlignResult> results() {
        List<AlignResult> out = new ArrayList<>(items.size());
        for (Candidate c : items) out.add(c.toResult());
        return out;
    }
}
