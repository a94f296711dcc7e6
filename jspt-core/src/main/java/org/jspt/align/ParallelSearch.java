package org.jspt.align;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.jspt.exec.ParticleWorkers;

/**
 * Runs an exhaustive search over candidates 0..count−1 in parallel and keeps the nsoln best with EMAN2's
 * strict tie rule ({@link BestList}).
 *
 * <p>Threading: candidates are split into fixed chunks run as a parallel stream, i.e. in the fork-join pool of
 * the calling thread (the common pool unless called from inside another pool); on a thread where an executor
 * runs particles side by side ({@link ParticleWorkers}) the chunks run in order on the calling thread, so that
 * several searches at once do not each add the common pool's threads to the executor's (oversubscription). Each chunk keeps its own best
 * list; the lists are merged in chunk order. Since the ranking is a total order on (score, index) and each
 * candidate's score is computed from the inputs alone, the result does not depend on the number of threads.
 * Workspaces (per-thread buffers) are made on demand and recycled, so at most one per concurrently running
 * chunk exists; nothing is allocated per candidate beyond what the evaluator itself needs.
 */
final class ParallelSearch {
    /** Candidates per chunk: small enough to balance, large enough to amortise a workspace borrow. */
    static final int CHUNK = 4;

    /** Scores one candidate using a workspace that no other thread uses at the same time. */
    interface Evaluator<W> {
        /** @return the scored candidate, or null to skip it */
        Candidate evaluate(int index, W workspace);
    }

    private ParallelSearch() {}

    static <W> BestList run(int count, int nsoln, Supplier<W> workspaces, Evaluator<W> evaluator) {
        int chunks = (count + CHUNK - 1) / CHUNK;
        ConcurrentLinkedQueue<W> pool = new ConcurrentLinkedQueue<>();
        IntStream range = IntStream.range(0, chunks);
        if (!ParticleWorkers.isCurrentThreadOne()) range = range.parallel();
        List<BestList> lists = range.mapToObj(c -> {
            W w = pool.poll();
            if (w == null) w = workspaces.get();
            try {
                BestList best = new BestList(nsoln);
                for (int i = c * CHUNK, end = Math.min(count, i + CHUNK); i < end; i++) {
                    Candidate cand = evaluator.evaluate(i, w);
                    if (cand != null) best.offer(cand);
                }
                return best;
            } finally {
                pool.offer(w);
            }
        }).toList(); // NB: toList keeps encounter (chunk) order
        BestList all = new BestList(nsoln);
        for (BestList l : lists) all.merge(l);
        return all;
    }
}
