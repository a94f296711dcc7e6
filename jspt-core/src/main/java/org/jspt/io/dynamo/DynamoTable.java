package org.jspt.io.dynamo;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspt.io.AtomicFiles;
import org.jspt.io.FormatException;

/**
 * Dynamo tables ({@code .tbl}, text): one particle per line, whitespace-separated numbers, each column with a
 * fixed meaning. The columns, as Dynamo's {@code dthelp} lists them (Dynamo wiki, "Table convention"), are
 * numbered from 1 here too:
 * <pre>
 *  1 tag        particle tag                       14 ymintilt  wedge: minimum tilt about y (degrees, e.g. −60)
 *  2 aligned    1: marked for alignment            15 ymaxtilt  wedge: maximum tilt about y (e.g. 60)
 *  3 averaged   1: included in the average         16 xmintilt  second tilt axis x: minimum
 *  4 dx         x shift from the centre (pixels)   17 xmaxtilt  second tilt axis x: maximum
 *  5 dy         y shift                            18 fs1, 19 fs2  Fourier sampling parameters
 *  6 dz         z shift                            20 tomo      tomogram number
 *  7 tdrot      Euler angle about z (degrees)      21 reg       region
 *  8 tilt       about the new x                    22 class     class number
 *  9 narot      about the new z                    23 annotation
 * 10 cc         cross-correlation                  24 x, 25 y, 26 z  position in the tomogram (pixels)
 * 11 cc2        cc after thresholding              27 dshift, 28 daxis, 29 dnarot, 30 dcc, … (Dynamo's own)
 * 12 cpu        processor that aligned it
 * 13 ftype      wedge type: 0 full range, 1 single tilt about y
 * </pre>
 * Angles and shifts follow {@link org.jspt.geom.DynamoPose} (template → particle: x' = Mᵀ·x + d).
 *
 * <p>Reading accepts blank lines and lines starting with {@code #} or {@code %}; every row must have the same
 * number of columns and only finite numbers ({@link FormatException} naming the line otherwise). Writing prints
 * integral values without a decimal point and others with the shortest decimal that reads back to the same
 * double, so {@code read(write(rows))} gives equal rows; the file is replaced atomically. Thread-safe.
 */
public final class DynamoTable {
    public static final int TAG = 1, ALIGNED = 2, AVERAGED = 3, DX = 4, DY = 5, DZ = 6, TDROT = 7, TILT = 8, NAROT = 9, CC = 10,
            CC2 = 11, CPU = 12, FTYPE = 13, YMINTILT = 14, YMAXTILT = 15, XMINTILT = 16, XMAXTILT = 17, FS1 = 18, FS2 = 19,
            TOMO = 20, REG = 21, CLASS = 22, ANNOTATION = 23, X = 24, Y = 25, Z = 26;
    /** The columns jspt writes: the standard ones, 1–26. */
    public static final int STANDARD_COLUMNS = 26;

    private DynamoTable() {}

    /** One particle's row; columns are numbered from 1 as in Dynamo. Mutable; not thread-safe. */
    public static final class Row {
        private final double[] v;

        /** A row of {@code columns} zeros. */
        public Row(int columns) { v = new double[columns]; }

        private Row(double[] v) { this.v = v; }

        public int columns() { return v.length; }

        /** Column {@code col} (1-based). */
        public double get(int col) { return v[col - 1]; }

        /** Sets column {@code col} (1-based); returns this. */
        public Row set(int col, double value) {
            if (!Double.isFinite(value)) throw new IllegalArgumentException("column " + col + ": " + value + " is not a finite number");
            v[col - 1] = value;
            return this;
        }

        @Override public boolean equals(Object o) { return o instanceof Row r && Arrays.equals(v, r.v); }
        @Override public int hashCode() { return Arrays.hashCode(v); }
        @Override public String toString() { return line(this); }
    }

    /** Reads a table. @throws FormatException naming the file and line of a bad value or row length */
    public static List<Row> read(Path path) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FormatException(path, "file not found");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new FormatException(path, "not a text table (binary Dynamo tables are not supported)");
        }
        List<Row> rows = new ArrayList<>();
        int width = -1;
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith("%")) continue;
            String[] f = s.split("\\s+");
            if (width < 0) width = f.length;
            if (f.length != width) throw new FormatException(path, "line " + (i + 1) + ": " + f.length + " columns; the first row has " + width);
            double[] v = new double[f.length];
            for (int c = 0; c < f.length; c++) {
                try {
                    v[c] = Double.parseDouble(f[c]);
                } catch (NumberFormatException e) {
                    throw new FormatException(path, "line " + (i + 1) + ", column " + (c + 1) + ": '" + f[c] + "' is not a number");
                }
                if (!Double.isFinite(v[c])) throw new FormatException(path, "line " + (i + 1) + ", column " + (c + 1) + ": " + f[c] + " is not finite");
            }
            rows.add(new Row(v));
        }
        return rows;
    }

    /** Writes the rows, one per line, replacing {@code path} atomically. */
    public static void write(Path path, List<Row> rows) throws IOException {
        AtomicFiles.writeString(path, toString(rows));
    }

    /** The text {@link #write} writes. */
    public static String toString(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        for (Row r : rows) sb.append(line(r)).append('\n');
        return sb.toString();
    }

    private static String line(Row r) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < r.v.length; c++) sb.append(c == 0 ? "" : " ").append(number(r.v[c]));
        return sb.toString();
    }

    /** 3 for 3.0; otherwise the shortest plain decimal that parses back to the same double (never exponent notation). */
    static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        return BigDecimal.valueOf(x).toPlainString();
    }
}
