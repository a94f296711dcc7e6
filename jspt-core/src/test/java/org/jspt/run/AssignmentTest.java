package org.jspt.run;

import static org.junit.jupiter.api.Assertions.*;

import org.jspt.align.AlignResult;
import org.jspt.geom.Transform;
import org.junit.jupiter.api.Test;

class AssignmentTest {
    private static AlignResult result(double score, double tx) {
        return new AlignResult(Transform.translation(tx, 0, 0), score, 1);
    }

    @Test
    void assignedOnlyKeepsEachParticlesOwnClassAndResult() {
        AlignResult[][] rows = {
            {result(-0.5, 10), result(-0.7, 20), null},
            {result(-0.9, 30), result(-0.1, 40), result(-0.2, 50)},
        };
        Assignment a = Assignment.classify(rows, new boolean[] {true, true, false});
        Assignment kept = a.assignedOnly();
        assertArrayEquals(new int[] {1, 0}, kept.classOf());
        assertSame(a.best(0), kept.best(0));
        assertSame(a.best(1), kept.best(1));
        assertNull(kept.results()[0][0]);
        assertNull(kept.results()[1][1]);
        assertNull(kept.results()[1][2]);
        assertEquals(3, kept.results()[1].length, "rows keep one slot per class");
        assertTrue(kept.sameClassesAs(a));
        assertEquals(0, kept.changedFrom(a));
    }
}
