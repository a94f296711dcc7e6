package org.jspt.align;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspt.exec.ThreadExecutor;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.junit.jupiter.api.Test;

/**
 * Exhaustive aligners run on an executor's particle workers keep their candidate search on the worker's own
 * thread (no common-pool threads on top of the executor's), with the same results as a search run alone.
 */
class ExhaustiveSearchThreadsTest {
    /** ccc, recording the threads it is called on. */
    private static Comparator recording(Set<Thread> seen) {
        Comparator ccc = new Ccc(null, true);
        return new Comparator() {
            @Override public String name() { return ccc.name(); }

            @Override
            public double compare(Volume image, Volume with) {
                seen.add(Thread.currentThread());
                return ccc.compare(image, with);
            }
        };
    }

    @Test
    void searchesOnParticleWorkersStayOnTheirThreadAndGiveTheSameResults() {
        Volume ref = AlignTestData.phantom(24, 5);
        List<Volume> parts = List.of(AlignTestData.moved(ref, Transform.eman(60, 30, 90, 1, -2, 1)),
                AlignTestData.moved(ref, Transform.eman(200, 75, 10, -1, 0, 2)));
        for (String spec : List.of("rotate_translate_3d:delta=30:dphi=30:search=3", "rotate_translate_3d_grid:daz=30:dalt=30:dphi=30:search=3")) {
            Aligner a = AlignTestSupport.build(spec);
            ThreadExecutor ex = new ThreadExecutor(2);
            List<Object[]> onWorkers = ex.map(parts.size(), i -> {
                Set<Thread> seen = ConcurrentHashMap.newKeySet();
                AlignResult r = a.alignBest(parts.get(i), ref, recording(seen));
                return new Object[] {r, Set.copyOf(seen), Thread.currentThread()};
            });
            for (int i = 0; i < parts.size(); i++) {
                Object[] w = onWorkers.get(i);
                assertEquals(Set.of((Thread) w[2]), w[1], spec + ": particle " + i + " was scored on other threads too");
                AlignResult alone = a.alignBest(parts.get(i), ref, recording(ConcurrentHashMap.newKeySet()));
                AlignResult r = (AlignResult) w[0];
                assertEquals(alone.score(), r.score(), 0.0, spec + ": particle " + i);
                assertTrue(alone.xform().equals(r.xform()), spec + ": particle " + i);
            }
        }
    }
}
