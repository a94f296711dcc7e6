package org.jspt.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.jspt.Fixtures;
import org.jspt.align.TreeAligner;
import org.junit.jupiter.api.Test;

/** A quick run of the alignment benchmark: it produces sane rows for the global and the local tree search. */
class AlignBenchmarkTest {
    @Test
    void quickRunProducesRatesAndErrors() throws Exception {
        Path pdb = Fixtures.pdb("1LCD.pdb");
        AlignBenchmark.Config c = new AlignBenchmark.Config(new int[] {32}, pdb.toString(), 3, 2, new int[] {1},
                List.of(TreeAligner.NAME, "no_such_aligner"), 99, 8);
        List<AlignBenchmark.Row> rows = new AlignBenchmark().run(c);
        assertEquals(2, rows.size(), "global + local rows; unregistered aligners are skipped");
        for (AlignBenchmark.Row r : rows) {
            assertEquals(32, r.box());
            assertEquals(3, r.particles());
            assertTrue(r.pairsPerSecond1() > 0 && r.pairsPerSecondAll() > 0 && r.cpuSecondsPerPair1() > 0, r.toString());
            assertTrue(r.medianAngle() >= 0 && r.medianAngle() < 20, r.toString());
            assertTrue(r.prepBytes() > 0, r.toString());
            assertTrue(Double.isNaN(r.classAccuracy()), "K = 1 has no classification");
        }
        assertTrue(rows.get(1).aligner().contains("maxang"), rows.get(1).aligner());
    }

    @Test
    void percentileIsNearestRank() {
        double[] v = {5, 1, 4, 2, 3};
        assertEquals(3, AlignBenchmark.percentile(v, 50));
        assertEquals(5, AlignBenchmark.percentile(v, 90));
        assertEquals(1, AlignBenchmark.percentile(v, 0));
    }
}
