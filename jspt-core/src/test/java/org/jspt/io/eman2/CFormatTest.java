package org.jspt.io.eman2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** C printf %1.6g (values checked against Python's '%1.6g', which follows C). */
class CFormatTest {
    @Test
    void specExamples() {
        assertEquals("1.23457", CFormat.g6(1.23456789f));
        assertEquals("-1.2345e-05", CFormat.g6(-0.000012345f));
        assertEquals("1e+07", CFormat.g6(1e7f));
        assertEquals("-1.16558e-08", CFormat.g6(-1.16558e-08f));
        assertEquals("0.866025", CFormat.g6((float) Math.sqrt(0.75)));
        assertEquals("2.5", CFormat.g6(2.5f));
    }

    @Test
    void zerosKeepTheirSign() {
        assertEquals("0", CFormat.g6(0f));
        assertEquals("-0", CFormat.g6(-0f));
    }

    @Test
    void switchesToExponentBelow1em4AndFrom1e6() {
        assertEquals("0.0001", CFormat.g6(1e-4f));
        assertEquals("1e-05", CFormat.g6(1e-5f));
        assertEquals("123457", CFormat.g6(123456.7f));
        assertEquals("1e+06", CFormat.g6(999999.5f), "rounding carries into the next decade");
        assertEquals("999999", CFormat.g6(999999f));
        assertEquals("1.5e+20", CFormat.g6(1.5e20f));
        assertEquals("1e+100", CFormat.g(1e100, 6));
    }

    @Test
    void trailingZerosAndPointRemoved() {
        assertEquals("100", CFormat.g6(100f));
        assertEquals("0.5", CFormat.g6(0.5f));
        assertEquals("-3", CFormat.g6(-3f));
        assertEquals("0.1", CFormat.g6(0.1f));
    }

    @Test
    void exactTiesRoundToEven() {
        assertEquals("0.125", CFormat.g(0.125, 3));
        assertEquals("0.12", CFormat.g(0.125, 2));
        assertEquals("2", CFormat.g(2.5, 1));
    }

    @Test
    void nonFinite() {
        assertEquals("nan", CFormat.g6(Float.NaN));
        assertEquals("inf", CFormat.g6(Float.POSITIVE_INFINITY));
        assertEquals("-inf", CFormat.g6(Float.NEGATIVE_INFINITY));
    }
}
