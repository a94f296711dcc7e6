package org.jspt.spark;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --parallel spark:local[2]} through the real command line (the ServiceLoader path) gives the thread executor's outputs. */
class SparkLocalRefineTest {
    @Test
    void refineMultiOnLocalSparkMatchesTheThreadExecutor(@TempDir Path tmp) throws Exception {
        TinyRun data = new TinyRun(tmp);
        Path threads = data.refine("threads", "thread:2");
        String ui = System.setProperty("spark.ui.enabled", "false");
        try {
            Path spark = data.refine("spark", "spark:local[2]");
            TinyRun.assertSameOutputs(threads, spark);
        } finally {
            if (ui == null) System.clearProperty("spark.ui.enabled"); else System.setProperty("spark.ui.enabled", ui);
        }
    }

    /**
     * --goldstandard (refinemulti.md §7.9) ships each particle's search starts and the two halves' references to the
     * workers: iteration 02, a gold-standard one, matches the thread executor's.
     */
    @Test
    void goldStandardIterationsOnLocalSparkMatchTheThreadExecutor(@TempDir Path tmp) throws Exception {
        TinyRun data = new TinyRun(tmp);
        Path threads = data.refine("threads", "thread:2", "--iter=1", "--goldstandard=1");
        String ui = System.setProperty("spark.ui.enabled", "false");
        try {
            Path spark = data.refine("spark", "spark:local[2]", "--iter=1", "--goldstandard=1");
            TinyRun.assertSameOutputs(threads, spark);
        } finally {
            if (ui == null) System.clearProperty("spark.ui.enabled"); else System.setProperty("spark.ui.enabled", ui);
        }
    }
}
