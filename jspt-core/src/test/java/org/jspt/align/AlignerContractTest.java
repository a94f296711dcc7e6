package org.jspt.align;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Aligner contract (STYLE.md §12), subclassed per aligner: it recovers a known pose of a noise-free
 * phantom, lower scores are better (results sorted, the true pose scores lower than a wrong one), it writes no
 * files and its results do not depend on the number of threads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AlignerContractTest {
    /**
     * A test case: the particle, the reference, the particle's true {@code xform.align3d} and the tolerances.
     * @param angleTol degrees; @param shiftTol voxels (distance between translations)
     */
    record Case(Volume particle, Volume reference, Transform truth, Comparator cmp, double angleTol, double shiftTol) {}

    abstract Aligner aligner();

    abstract Case makeCase();

    Case c;
    List<AlignResult> results;

    @BeforeAll
    void alignOnce() {
        c = makeCase();
        results = aligner().align(c.particle(), c.reference(), c.cmp(), 3);
    }

    static double shiftError(Transform a, Transform b) {
        return Math.sqrt(Math.pow(a.tx() - b.tx(), 2) + Math.pow(a.ty() - b.ty(), 2) + Math.pow(a.tz() - b.tz(), 2));
    }

    @Test
    void recoversTheKnownPose() {
        assertFalse(results.isEmpty());
        Transform best = results.get(0).xform();
        double ang = Transform.angleBetween(best, c.truth()), sh = shiftError(best, c.truth());
        assertTrue(ang <= c.angleTol(), "angle error " + ang + "°, got " + best + ", truth " + c.truth());
        assertTrue(sh <= c.shiftTol(), "shift error " + sh + " px, got " + best + ", truth " + c.truth());
    }

    @Test
    void lowerScoreIsBetter() {
        for (int i = 1; i < results.size(); i++) assertTrue(results.get(i - 1).score() <= results.get(i).score(), "sorted best first");
        Transform wrong = c.truth().compose(Transform.eman(40, 35, 10));
        double sTrue = c.cmp().compare(c.reference(), AlignTestData.moved(c.particle(), c.truth()));
        double sWrong = c.cmp().compare(c.reference(), AlignTestData.moved(c.particle(), wrong));
        assertTrue(sTrue < sWrong, "true pose " + sTrue + " vs wrong " + sWrong);
        assertTrue(results.get(0).score() <= sWrong, "best score " + results.get(0).score() + " vs wrong " + sWrong);
    }

    @Test
    void writesNoFiles() {
        File dir = new File(System.getProperty("user.dir"));
        TreeSet<String> before = listing(dir);
        aligner().align(c.particle(), c.reference(), c.cmp(), 1);
        assertEquals(before, listing(dir));
    }

    private static TreeSet<String> listing(File dir) {
        TreeSet<String> s = new TreeSet<>();
        File[] fs = dir.listFiles();
        if (fs != null) for (File f : fs) s.add(f.getName() + (f.isFile() ? ":" + f.length() + ":" + f.lastModified() : "/"));
        return s;
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        List<AlignResult> one = inPool(1), two = inPool(2);
        assertEquals(one.size(), two.size());
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i).xform().matrix(), two.get(i).xform().matrix(), "solution " + i);
            assertEquals(one.get(i).score(), two.get(i).score(), "solution " + i);
        }
        assertEquals(results, results.stream().toList());
    }

    private List<AlignResult> inPool(int threads) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> aligner().align(c.particle(), c.reference(), c.cmp(), 3)).get();
        } finally {
            pool.shutdown();
        }
    }
}
