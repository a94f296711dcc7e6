package org.jspt.io.eman2;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python 3's {@code repr(float)}, which is what {@code json.dumps} writes for floats (docs/reference/formats.md §4.1).
 *
 * <p>Python prints the shortest decimal that reads back to the same double (David Gay's mode 0; when
 * several shortest decimals round-trip, the one nearest the exact value), then lays it out with
 * {@code float_repr_style = 'short'}: scientific notation when the decimal exponent is below −4 or at least
 * 16 ({@code 1e-05}, {@code 1.5e+16}, exponent with a sign and at least two digits, no {@code .0} on a
 * one-digit mantissa), otherwise fixed notation with at least one digit after the point ({@code 100.0}).
 * Java 17's {@link Double#toString} is not always shortest and uses another layout, so it is not used.
 *
 * <p>Stateless and thread-safe.
 */
public final class PythonRepr {
    private PythonRepr() {}

    /**
     * A double the way Python's str() writes the values of EMAN2 option strings (4.0, 4.07), never in exponent
     * form (unlike {@link #formatDouble}); nan, inf, -inf as Python prints them.
     */
    public static String formatPlain(double x) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return (long) x + ".0";
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    /** {@code repr(v)} as Python 3 prints it; non-finite values as JSON writes them: NaN, Infinity, -Infinity. */
    public static String formatDouble(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
        boolean negative = Double.doubleToRawLongBits(v) < 0;
        if (v == 0) return negative ? "-0.0" : "0.0";
        BigDecimal shortest = shortest(Math.abs(v));
        String digits = shortest.unscaledValue().toString();
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') end--;
        digits = digits.substring(0, end);
        // decimal exponent of the first digit: value = d.ddd × 10^e
        int e = shortest.precision() - 1 - shortest.scale();
        StringBuilder sb = new StringBuilder(24);
        if (negative) sb.append('-');
        if (e < -4 || e >= 16) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) sb.append('.').append(digits, 1, digits.length());
            sb.append('e').append(e < 0 ? '-' : '+');
            int ae = Math.abs(e);
            if (ae < 10) sb.append('0');
            sb.append(ae);
        } else if (e >= 0) {
            if (digits.length() <= e + 1) {
                sb.append(digits);
                for (int i = digits.length(); i <= e; i++) sb.append('0');
                sb.append(".0");
            } else {
                sb.append(digits, 0, e + 1).append('.').append(digits, e + 1, digits.length());
            }
        } else {
            sb.append("0.");
            for (int i = -1; i > e; i--) sb.append('0');
            sb.append(digits);
        }
        return sb.toString();
    }

    /**
     * The shortest decimal that parses back to {@code v} (v finite and positive), nearest to v among the
     * shortest. For each length p the only candidates are the p-digit decimals just below and just above
     * the exact value (the round-trip interval is convex and contains v); the nearest is tried first.
     * The shortest length is found by bisection over p = 1…17: if some p-digit decimal d round-trips, the
     * (p+1)-digit candidate on d's side of v lies between v and d, inside the interval, so every longer length
     * has one too. (A scan of p = 1, 2, … gives the same decimal with up to 34 roundings instead of about 10,
     * which showed in the JSON files of 100,000 particles.)
     */
    static BigDecimal shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        int lo = 1, hi = 17; // the answer's length is in [lo, hi]
        BigDecimal atHi = null; // the candidate of hi digits, once known
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            BigDecimal c = roundTrip(exact, v, mid);
            if (c != null) {
                hi = mid;
                atHi = c;
            } else {
                lo = mid + 1;
            }
        }
        if (atHi == null) atHi = roundTrip(exact, v, hi);
        return atHi != null ? atHi : exact.round(new MathContext(17, RoundingMode.HALF_EVEN)); // 17 digits always round-trip
    }

    /** The p-digit decimal nearest {@code exact} if it reads back as v, else the one on the other side if it does, else null. */
    private static BigDecimal roundTrip(BigDecimal exact, double v, int p) {
        BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
        if (nearest.doubleValue() == v) return nearest;
        BigDecimal other = nearest.compareTo(exact) < 0
                ? exact.round(new MathContext(p, RoundingMode.CEILING))
                : exact.round(new MathContext(p, RoundingMode.FLOOR));
        return other.doubleValue() == v ? other : null;
    }
}
