package org.jspt.io.eman2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Python 3 repr(float) (expected strings printed by CPython). */
class PythonReprTest {
    @Test
    void briefAndSpecExamples() {
        assertEquals("-0.43209999799728394", PythonRepr.formatDouble((double) -0.4321f));
        assertEquals("-0.7502385377883911", PythonRepr.formatDouble(-0.7502385377883911));
        assertEquals("1e-05", PythonRepr.formatDouble(1e-5));
        assertEquals("100.0", PythonRepr.formatDouble(100.0));
        assertEquals("1e+16", PythonRepr.formatDouble(1e16));
        assertEquals("0.1", PythonRepr.formatDouble(0.1));
        assertEquals("1.5e+20", PythonRepr.formatDouble(1.5e20));
    }

    @Test
    void layoutLimits() {
        assertEquals("0.0001", PythonRepr.formatDouble(1e-4));
        assertEquals("0.00012345", PythonRepr.formatDouble(1.2345e-4));
        assertEquals("1.2345e-05", PythonRepr.formatDouble(1.2345e-5));
        assertEquals("1000000000000000.0", PythonRepr.formatDouble(1e15));
        assertEquals("1234567890123456.8", PythonRepr.formatDouble(1234567890123456.8));
        assertEquals("1.2345678901234568e+16", PythonRepr.formatDouble(12345678901234567.0));
        assertEquals("-2.5", PythonRepr.formatDouble(-2.5));
        assertEquals("0.0", PythonRepr.formatDouble(0.0));
        assertEquals("-0.0", PythonRepr.formatDouble(-0.0));
    }

    @Test
    void shortestRoundTripWhereJava17IsNot() {
        // Java 17's Double.toString gives "2.0E-3"-style layouts and, for some values, extra digits
        assertEquals("1e+23", PythonRepr.formatDouble(1e23));
        assertEquals("2e+23", PythonRepr.formatDouble(2e23)); // Java 17 prints 1.9999999999999998E23
        assertEquals("5e-324", PythonRepr.formatDouble(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", PythonRepr.formatDouble(Double.MAX_VALUE));
        assertEquals("2.2250738585072014e-308", PythonRepr.formatDouble(Double.MIN_NORMAL));
        assertEquals("0.30000000000000004", PythonRepr.formatDouble(0.1 + 0.2));
    }

    @Test
    void nonFiniteAsJsonTokens() {
        assertEquals("NaN", PythonRepr.formatDouble(Double.NaN));
        assertEquals("Infinity", PythonRepr.formatDouble(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", PythonRepr.formatDouble(Double.NEGATIVE_INFINITY));
    }

    /**
     * shortest() bisects the length; it must give the decimal of the definition: the first length p = 1, 2, …
     * with a p-digit decimal that reads back, the nearest one first. Values of every kind: scores and matrix
     * entries (floats widened), random bits, powers of two (where the round-trip interval is lopsided).
     */
    @Test
    void shortestIsTheFirstLengthThatRoundTrips() {
        Random rnd = new Random(11);
        java.util.List<Double> values = new java.util.ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            values.add((double) (float) rnd.nextGaussian());
            values.add(rnd.nextDouble() - 0.5);
            double bits = Double.longBitsToDouble(rnd.nextLong());
            if (Double.isFinite(bits) && bits != 0) values.add(Math.abs(bits));
        }
        for (int e = -1074; e <= 1023; e += 7) values.add(Math.scalb(1.0, e));
        values.add(Double.MIN_VALUE);
        values.add(Double.MAX_VALUE);
        for (double v : values) {
            double a = Math.abs(v);
            if (a == 0) continue;
            assertEquals(byDefinition(a), PythonRepr.shortest(a), "value " + a);
        }
    }

    private static java.math.BigDecimal byDefinition(double v) {
        java.math.BigDecimal exact = new java.math.BigDecimal(v);
        for (int p = 1; p <= 17; p++) {
            java.math.BigDecimal nearest = exact.round(new java.math.MathContext(p, java.math.RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == v) return nearest;
            java.math.BigDecimal other = exact.round(new java.math.MathContext(p, nearest.compareTo(exact) < 0
                    ? java.math.RoundingMode.CEILING : java.math.RoundingMode.FLOOR));
            if (other.doubleValue() == v) return other;
        }
        throw new AssertionError("no decimal of up to 17 digits reads back as " + v);
    }

    @Test
    void alwaysRoundTrips() {
        Random rnd = new Random(345);
        for (int i = 0; i < 20_000; i++) {
            double v = Double.longBitsToDouble(rnd.nextLong());
            if (!Double.isFinite(v)) continue;
            String s = PythonRepr.formatDouble(v);
            assertEquals(v, Double.parseDouble(s), s);
        }
    }

    @Test
    void plainNumbersForOptionStrings() {
        assertEquals("4.0", PythonRepr.formatPlain(4));
        assertEquals("4.07", PythonRepr.formatPlain(4.07));
        assertEquals("0.0001", PythonRepr.formatPlain(1e-4));
        assertEquals("inf", PythonRepr.formatPlain(Double.POSITIVE_INFINITY));
    }
}
