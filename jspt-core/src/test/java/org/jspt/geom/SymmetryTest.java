package org.jspt.geom;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SymmetryTest {
    @ParameterizedTest
    @CsvSource({"c1,1", "c5,5", "C5,5", "d7,14", "D3,6", "tet,12", "oct,24", "icos,60", "ICOS5,60", "h6:1:30:10,6"})
    void groupOrders(String name, int order) {
        assertEquals(order, Symmetry.parse(name).order());
    }

    @Test
    void noneAndEmptyMeanC1() {
        assertEquals(Symmetry.c(1), Symmetry.parse("none"));
        assertEquals(Symmetry.c(1), Symmetry.parse(""));
        assertEquals(Symmetry.c(1), Symmetry.parse(null));
    }

    @Test
    void unknownNameIsAnErrorListingTheForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Symmetry.parse("x3"));
        assertTrue(e.getMessage().contains("c<n>"));
        assertThrows(IllegalArgumentException.class, () -> Symmetry.parse("c0"));
        assertThrows(IllegalArgumentException.class, () -> Symmetry.parse("h4:2:30:10"));
    }

    private static int indexOf(List<Transform> ops, Transform t) {
        for (int i = 0; i < ops.size(); i++) if (ops.get(i).approxEquals(t, 1e-9)) return i;
        return -1;
    }

    @ParameterizedTest
    @CsvSource({"c1", "c5", "c12", "d1", "d2", "d7", "tet", "oct", "icos"})
    void pointGroupsAreClosedUnderCompositionAndInverse(String name) {
        List<Transform> ops = Symmetry.parse(name).operators();
        for (Transform a : ops) {
            assertTrue(indexOf(ops, a.inverse()) >= 0, name + ": inverse of " + a);
            for (Transform b : ops) assertTrue(indexOf(ops, a.compose(b)) >= 0, name + ": " + a + " * " + b);
        }
        for (int i = 0; i < ops.size(); i++) assertEquals(i, indexOf(ops, ops.get(i)), name + ": duplicate operator " + i);
    }

    /** A rotation's axis (unit vector v with R·v = v) and its fold from the rotation angle. */
    private static boolean hasAxis(Symmetry s, double[] axis, int fold) {
        for (Transform t : s.operators()) {
            double[] out = new double[3];
            t.rotate(axis, out);
            double ang = t.spinAngle();
            if (Math.abs(out[0] - axis[0]) + Math.abs(out[1] - axis[1]) + Math.abs(out[2] - axis[2]) < 1e-9
                    && Math.abs(ang - 360.0 / fold) < 1e-6) return true;
        }
        return false;
    }

    @Test
    void axesFollowEman2Conventions() {
        double[] x = {1, 0, 0}, y = {0, 1, 0}, z = {0, 0, 1};
        assertTrue(hasAxis(Symmetry.c(5), z, 5));
        assertTrue(hasAxis(Symmetry.d(7), z, 7));
        assertTrue(hasAxis(Symmetry.d(7), x, 2));
        assertTrue(hasAxis(Symmetry.d(2), y, 2));
        assertTrue(hasAxis(Symmetry.parse("tet"), z, 3));
        for (double[] a : new double[][] {x, y, z}) assertTrue(hasAxis(Symmetry.parse("oct"), a, 4));
        assertTrue(hasAxis(Symmetry.parse("icos"), z, 5));
        assertTrue(hasAxis(Symmetry.parse("icos"), y, 2));
    }

    @Test
    void asymmetricUnitLimitsMatchEman2() {
        assertEquals(51.428570, Symmetry.d(7).azMax(true), 1e-5);
        assertEquals(25.714285, Symmetry.d(7).azMax(false), 1e-5);
        assertEquals(70.528778, Symmetry.parse("tet").altMax(true), 1e-5);
        assertEquals(54.735615, Symmetry.parse("oct").altMax(true), 1e-5);
        assertEquals(37.377369, Symmetry.parse("icos").altMax(true), 1e-5);
        assertEquals(180, Symmetry.c(4).altMax(true));
        assertEquals(90, Symmetry.c(4).altMax(false));
    }

    @Test
    void asymmetricUnitMembershipSpotChecks() {
        Symmetry c4 = Symmetry.c(4), c1 = Symmetry.c(1), d1 = Symmetry.d(1), oct = Symmetry.parse("oct"), tet = Symmetry.parse("tet");
        assertFalse(c4.isInAsymUnit(30, -1, true));
        assertTrue(c1.isInAsymUnit(30, -10, true));
        assertFalse(c4.isInAsymUnit(30, 90, true));
        assertTrue(d1.isInAsymUnit(30, -10, true));
        assertFalse(d1.isInAsymUnit(30, -10, false));
        assertTrue(oct.isInAsymUnit(45, 0, true));
        assertTrue(oct.isInAsymUnit(45, 0, false));
        assertTrue(tet.isInAsymUnit(50, 60, true));
        assertFalse(tet.isInAsymUnit(50, 60, false));
        assertTrue(tet.isInAsymUnit(20, 60, false));
    }

    @Test
    void helicalOperatorsAlternateAroundIdentity() {
        Symmetry h = Symmetry.parse("h5:1:30:2");
        double[][] expect = {{0, 0}, {30, 2}, {-30, -2}, {60, 4}, {-60, -4}};
        for (int i = 0; i < 5; i++) {
            Transform t = h.operator(i);
            assertTrue(t.approxEquals(Transform.eman(expect[i][0], 0, 0, 0, 0, expect[i][1]), 1e-12), "op " + i + " " + t);
        }
    }
}
