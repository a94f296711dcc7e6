package org.jspt.geom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RELION (ZYZ) and Dynamo (ZXZ) conventions: published values, the relation to SPIDER, and round trips through
 * the matrix over a dense grid that includes gimbal lock (tilt/alt 0 and 180).
 */
class RelionDynamoEulersTest {
    private static final double TOL = 1e-9;

    /** EMAN (az, alt, phi) on a 15° grid (alt 0..180 inclusive) plus near-singular alts. */
    private static List<double[]> emanGrid() {
        List<double[]> g = new ArrayList<>();
        double[] alts = {0, 1e-7, 15, 30, 45, 60, 75, 90, 105, 120, 135, 150, 165, 180 - 1e-7, 180};
        for (double alt : alts) for (double az = -180; az <= 180; az += 15) for (double phi = -180; phi <= 180; phi += 15) g.add(new double[] {az, alt, phi});
        return g;
    }

    private static void assertSameMatrix(Transform expected, Transform actual, double tol, String what) {
        assertTrue(expected.approxEquals(actual, tol), what + ": expected " + java.util.Arrays.toString(expected.matrix()) + " got " + java.util.Arrays.toString(actual.matrix()));
    }

    @Test
    void dynamoMatrixIsThePublishedDynamoEuler2matrix() {
        // dynamo_euler2matrix([30, 60, 75]) as published with the eulerangles package's tests; R = Mᵀ.
        double[][] published = {{-0.0173, -0.5477, 0.8365}, {0.9012, -0.3709, -0.2241}, {0.4330, 0.7500, 0.5000}};
        double[][] r = EulerConvention.DYNAMO.toTransform(30, 60, 75).rotation();
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) assertEquals(published[i][j], r[j][i], 1e-4, "M" + i + j);
        assertArrayEquals(new double[] {30, 60, 75}, EulerConvention.DYNAMO.fromTransform(EulerConvention.DYNAMO.toTransform(30, 60, 75)), 1e-9);
    }

    @Test
    void publishedEquivalentRelionAndDynamoAnglesGiveTheSameRotation() {
        // "give identical reconstructions" (eulerangles examples): Dynamo (−47.273, 1.1777, −132.3) ≡ RELION (137.7, 1.1777, 42.727).
        Transform d = EulerConvention.DYNAMO.toTransform(-47.273, 1.1777, -132.3), r = EulerConvention.RELION.toTransform(137.7, 1.1777, 42.727);
        assertSameMatrix(r, d, 1e-9, "equivalent pair");
        assertArrayEquals(new double[] {137.7, 1.1777, 42.727}, EulerConvention.RELION.fromTransform(d), 1e-9);
        assertArrayEquals(new double[] {-47.273, 1.1777, -132.3}, EulerConvention.DYNAMO.fromTransform(r), 1e-9);
    }

    @Test
    void relionIsTheSpiderConventionOfTheSameMatrix() {
        Random rnd = new Random(345);
        for (int i = 0; i < 200; i++) {
            double rot = 360 * rnd.nextDouble() - 180, tilt = 180 * rnd.nextDouble(), psi = 360 * rnd.nextDouble() - 180;
            assertSameMatrix(Transform.spider(rot, tilt, psi), EulerConvention.RELION.toTransform(rot, tilt, psi), 1e-12, "spider");
        }
        // RELION's elementwise definition at one point, by hand: rot 90, tilt 90, psi 0 → A = [[0,0,−1],[−1,0,0],[0,1,0]].
        assertSameMatrix(Transform.of(new double[][] {{0, 0, -1}, {-1, 0, 0}, {0, 1, 0}}, new double[3]), EulerConvention.RELION.toTransform(90, 90, 0), 1e-15, "by hand");
    }

    @Test
    void emanRelionDynamoRoundTripsKeepTheMatrix() {
        for (double[] e : emanGrid()) {
            Transform t = Transform.eman(e[0], e[1], e[2]);
            String at = "EMAN " + java.util.Arrays.toString(e);
            double[] r = EulerConvention.RELION.fromTransform(t);
            Transform tr = EulerConvention.RELION.toTransform(r);
            assertSameMatrix(t, tr, TOL, at + " → RELION");
            double[] d = EulerConvention.DYNAMO.fromTransform(tr);
            Transform td = EulerConvention.DYNAMO.toTransform(d);
            assertSameMatrix(t, td, TOL, at + " → RELION → Dynamo");
            assertSameMatrix(t, EulerConvention.RELION.toTransform(EulerConvention.RELION.fromTransform(td)), TOL, at + " → Dynamo → RELION");
            assertTrue(r[1] >= 0 && r[1] <= 180 && d[1] >= 0 && d[1] <= 180, at + ": tilt in [0, 180]");
            // NB: EMAN angles are read back as EMAN2 does, from the float32 matrix, hence the looser tolerance.
            assertSameMatrix(t, EulerConvention.EMAN.toTransform(EulerConvention.EMAN.fromTransform(td)), 2e-6, at + " → Dynamo → EMAN");
        }
    }

    @Test
    void relionAndDynamoAngleGridsRoundTripIncludingGimbalLock() {
        double[] tilts = {0, 1e-9, 1e-5, 20, 45, 90, 135, 179.99999, 180};
        for (double tilt : tilts) for (double a = -180; a <= 180; a += 20) for (double c = -180; c <= 180; c += 20) {
            Transform r = EulerConvention.RELION.toTransform(a, tilt, c);
            assertSameMatrix(r, EulerConvention.RELION.toTransform(EulerConvention.RELION.fromTransform(r)), TOL, "RELION " + a + " " + tilt + " " + c);
            assertSameMatrix(r, EulerConvention.DYNAMO.toTransform(EulerConvention.DYNAMO.fromTransform(r)), TOL, "RELION→Dynamo " + a + " " + tilt + " " + c);
            Transform d = EulerConvention.DYNAMO.toTransform(a, tilt, c);
            assertSameMatrix(d, EulerConvention.DYNAMO.toTransform(EulerConvention.DYNAMO.fromTransform(d)), TOL, "Dynamo " + a + " " + tilt + " " + c);
            assertSameMatrix(d, EulerConvention.RELION.toTransform(EulerConvention.RELION.fromTransform(d)), TOL, "Dynamo→RELION " + a + " " + tilt + " " + c);
        }
        // At gimbal lock the in-plane turn goes to psi (RELION, rot = 0) and narot (Dynamo, tdrot = 0).
        assertArrayEquals(new double[] {0, 0, 70}, EulerConvention.RELION.fromTransform(EulerConvention.RELION.toTransform(30, 0, 40)), 1e-9);
        assertArrayEquals(new double[] {0, 0, 70}, EulerConvention.DYNAMO.fromTransform(EulerConvention.DYNAMO.toTransform(30, 0, 40)), 1e-9);
    }

    @Test
    void posesCarryShiftsInEachProgramsUnitsAndSign() {
        Transform refToPtcl = Transform.eman(40, 70, -20, 1.5, -2.0, 0.25);
        RelionPose r = RelionPose.of(refToPtcl, 2.5);
        assertArrayEquals(new double[] {-3.75, 5.0, -0.625}, new double[] {r.originXAngst(), r.originYAngst(), r.originZAngst()}, 1e-12, "origin = −t·apix");
        assertSameMatrix(refToPtcl, r.referenceToParticle(2.5), TOL, "RELION pose round trip");
        DynamoPose d = DynamoPose.of(refToPtcl);
        assertArrayEquals(new double[] {1.5, -2.0, 0.25}, new double[] {d.dx(), d.dy(), d.dz()}, 1e-12, "d = t in pixels");
        assertSameMatrix(refToPtcl, d.referenceToParticle(), TOL, "Dynamo pose round trip");
    }
}
