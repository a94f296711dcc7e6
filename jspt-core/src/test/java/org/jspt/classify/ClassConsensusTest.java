package org.jspt.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Matching classes across runs (Hungarian on the overlap matrix), the majority consensus and each particle's stability. */
class ClassConsensusTest {
    @Test
    void relabelledRunsAreMatchedBackToTheSameClasses() {
        int[] a = {0, 0, 0, 1, 1, 1, 2, 2, 2};
        int[] b = {2, 2, 2, 0, 0, 0, 1, 1, 1}; // a with labels permuted 0→2, 1→0, 2→1
        assertArrayEquals(new int[] {1, 2, 0}, ClassConsensus.match(a, b, 3));
        ClassConsensus c = ClassConsensus.of(List.of(a, b, b), 3);
        assertArrayEquals(a, c.classOf());
        for (double s : c.stability()) assertEquals(1.0, s);
        for (ClassConsensus.ClassReproducibility r : c.classes()) {
            assertEquals(3, r.members());
            assertEquals(3, r.stableMembers());
            assertEquals(1.0, r.minJaccard());
        }
    }

    @Test
    void theMatchingMaximisesTheOverlapNotTheFirstGuess() {
        // Greedy matching of b's class 0 (its largest overlap is 2 particles with a's class 0) would leave b's class 1,
        // 3 particles of a's class 0, with a's class 1 (overlap 0). The optimum pairs 1→0 and 0→1: overlap 3 + 2 = 5 > 2 + 0.
        int[] a = {0, 0, 0, 0, 0, 1, 1};
        int[] b = {0, 0, 1, 1, 1, 0, 0};
        assertArrayEquals(new int[] {1, 0}, ClassConsensus.match(a, b, 2));
    }

    @Test
    void aParticleOneRunPutsElsewhereHasTheStabilityOfTheRunsAgreeing() {
        int[] r1 = {0, 0, 0, 1, 1, 1};
        int[] r2 = {1, 1, 1, 0, 0, 0};      // same classes, other labels
        int[] r3 = {0, 0, 1, 1, 1, 1};      // particle 2 moved
        ClassConsensus c = ClassConsensus.of(List.of(r1, r2, r3), 2);
        assertArrayEquals(r1, c.classOf());
        assertArrayEquals(new double[] {1, 1, 2.0 / 3, 1, 1, 1}, c.stability(), 1e-12);
        assertArrayEquals(new int[] {3, 3, 2, 3, 3, 3}, c.agreeing());
        ClassConsensus.ClassReproducibility k0 = c.classes().get(0);
        assertEquals(3, k0.members());
        assertEquals(2, k0.stableMembers());
        assertEquals((1 + 1 + 2.0 / 3) / 3, k0.meanStability(), 1e-12);
        assertArrayEquals(new double[] {1, 1, 2.0 / 3}, k0.jaccard(), 1e-12); // run 3: {0,1} ∩ {0,1,2} over the union
    }

    @Test
    void theMajorityWinsOverTheFirstRun() {
        int[] r1 = {0, 1, 0, 1};
        int[] r2 = {0, 0, 0, 1};
        int[] r3 = {0, 0, 0, 1};
        ClassConsensus c = ClassConsensus.of(List.of(r1, r2, r3), 2);
        assertArrayEquals(new int[] {0, 0, 0, 1}, c.classOf());
        assertEquals(1.0 / 3 * 2, c.stability()[1], 1e-12);
    }

    @Test
    void labelsOutsideTheClassesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClassConsensus.of(List.of(new int[] {0, 2}), 2));
        assertThrows(IllegalArgumentException.class, () -> ClassConsensus.of(List.of(new int[] {0, 1}, new int[] {0}), 2));
    }
}
