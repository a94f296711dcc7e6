package org.jspt.io.eman2;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * C {@code printf} number formats that EMAN2 files depend on, reproduced exactly (Java's own
 * {@code %g} differs: it never strips trailing zeros and switches to exponent form at other limits).
 *
 * <p>Stateless and thread-safe.
 */
public final class CFormat {
    private CFormat() {}

    private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_EVEN);

    /**
     * C {@code printf("%1.6g", (double) v)}: the float widened to double (as C's varargs promotion does),
     * 6 significant digits, trailing zeros and a bare decimal point removed, exponent form
     * ({@code 1e+07}, {@code -1.2345e-05}, at least two exponent digits) when the decimal exponent of the
     * rounded value is below −4 or at least 6. A negative zero prints as {@code -0}; non-finite values as
     * glibc prints them ({@code nan}, {@code -nan}, {@code inf}, {@code -inf}).
     * This is how EMAN2 writes Transform matrices to JSON (docs/reference/formats.md §4.2).
     */
    public static String g6(float v) {
        return g(v, 6);
    }

    /** C {@code %1.<precision>g} of a double (precision ≥ 1), with the rules of {@link #g6(float)}. */
    public static String g(double v, int precision) {
        if (precision < 1) throw new IllegalArgumentException("precision must be at least 1, got " + precision);
        if (Double.isNaN(v)) return (Double.doubleToRawLongBits(v) < 0) ? "-nan" : "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        boolean negative = (Double.doubleToRawLongBits(v) < 0); // keeps the sign of -0.0
        if (v == 0) return negative ? "-0" : "0";
        // Exact binary value rounded once to P significant digits; glibc rounds exact ties to even.
        BigDecimal r = new BigDecimal(Math.abs(v)).round(precision == 6 ? SIX : new MathContext(precision, RoundingMode.HALF_EVEN));
        String digits = r.unscaledValue().toString();
        // exponent X of the rounded value in d.ddd×10^X form (rounding may have carried, e.g. 999999.5 → 1e+06)
        int x = digits.length() - 1 - r.scale();
        digits = stripTrailingZeros(digits);
        StringBuilder sb = new StringBuilder(16);
        if (negative) sb.append('-');
        if (x < -4 || x >= precision) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
            sb.append('e').append(x < 0 ? '-' : '+');
            int ax = Math.abs(x);
            if (ax < 10) sb.append('0');
            sb.append(ax);
        } else if (x >= 0) {
            if (digits.length() <= x + 1) {
                sb.append(digits);
                for (int i = digits.length(); i <= x; i++) sb.append('0');
            } else {
                sb.append(digits, 0, x + 1).append('.').append(digits, x + 1, digits.length());
            }
        } else {
            sb.append("0.");
            for (int i = -1; i > x; i--) sb.append('0');
            sb.append(digits);
        }
        return sb.toString();
    }

    private static String stripTrailingZeros(String digits) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') end--;
        return digits.substring(0, end);
    }
}
