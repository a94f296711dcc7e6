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
