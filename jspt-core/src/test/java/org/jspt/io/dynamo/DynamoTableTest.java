package org.jspt.io.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspt.io.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dynamo .tbl text tables: round trip, number format, bad input. */
class DynamoTableTest {
    @TempDir Path dir;

    @Test
    void writtenTablesParseBackIdentically() throws Exception {
        Random rnd = new Random(345);
        List<DynamoTable.Row> rows = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            DynamoTable.Row r = new DynamoTable.Row(DynamoTable.STANDARD_COLUMNS);
            r.set(DynamoTable.TAG, p + 1).set(DynamoTable.ALIGNED, 1).set(DynamoTable.DX, rnd.nextGaussian()).set(DynamoTable.TDROT, 360 * rnd.nextDouble() - 180)
                    .set(DynamoTable.TILT, 180 * rnd.nextDouble()).set(DynamoTable.CC, 1e-7 * rnd.nextDouble()).set(DynamoTable.YMINTILT, -60)
                    .set(DynamoTable.CLASS, 1 + p % 3).set(DynamoTable.X, 1e9 * rnd.nextDouble());
            rows.add(r);
        }
        Path f = dir.resolve("t.tbl");
        DynamoTable.write(f, rows);
        assertEquals(rows, DynamoTable.read(f));
        String first = Files.readAllLines(f).get(0);
        assertEquals(26, first.split(" ").length);
        assertTrue(first.startsWith("1 1 0 ") && !first.contains("E"), "integers plain, no exponent: " + first);
    }

    @Test
    void readsDynamoLayoutAndRejectsBadRows() throws Exception {
        Path f = Files.writeString(dir.resolve("d.tbl"), "% made by hand\n1 1 1   0.5 -0.25 0\t10 20 30\n\n2 1 1 0 0 0 -10 90 45\n");
        List<DynamoTable.Row> t = DynamoTable.read(f);
        assertEquals(2, t.size());
        assertEquals(-0.25, t.get(0).get(DynamoTable.DY));
        assertEquals(45, t.get(1).get(DynamoTable.NAROT));
        Files.writeString(f, "1 2 3\n1 2\n");
        String m = assertThrows(FormatException.class, () -> DynamoTable.read(f)).getMessage();
        assertTrue(m.contains("line 2") && m.contains("2 columns"), m);
        Files.writeString(f, "1 x 3\n");
        m = assertThrows(FormatException.class, () -> DynamoTable.read(f)).getMessage();
        assertTrue(m.contains("line 1, column 2") && m.contains("'x'"), m);
        assertThrows(IllegalArgumentException.class, () -> new DynamoTable.Row(26).set(DynamoTable.CC, Double.NaN));
    }
}
