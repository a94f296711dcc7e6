package org.jspt.io.mrc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspt.image.Volume;
import org.jspt.io.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken files: each error names the file and the field; validate() lists every problem. */
class MrcBadInputTest {
    @TempDir Path dir;

    private static MrcBytes good(int n) { return new MrcBytes(ByteOrder.LITTLE_ENDIAN, n, n, n, 2); }

    private String openError(Path f) {
        return assertThrows(FormatException.class, () -> Mrc.open(f).close()).getMessage();
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("none.mrc");
        assertEquals(f + ": file not found", openError(f));
        assertEquals(List.of(f + ": file not found"), Mrc.validate(f));
    }

    @Test
    void headerShorterThan1024Bytes() throws IOException {
        Path f = Files.write(dir.resolve("short.mrc"), new byte[500]);
        assertEquals(f + ": file is 500 bytes, shorter than the 1024-byte MRC header", openError(f));
    }

    @Test
    void truncatedData() throws IOException {
        Path f = good(24).write(dir.resolve("x.mrc"), new byte[5000 - 1024]);
        assertEquals(f + ": file is 5000 bytes but the header needs 1024 + 4·24·24·24 = 56320 (truncated?)", openError(f));
    }

    @Test
    void unsupportedModes() throws IOException {
        Path f = good(2).putInt(12, 7).write(dir.resolve("x.mrc"), new byte[32]);
        assertEquals(f + ": header 'mode' is 7; expected 0, 1, 2, 6, 12 or 17", openError(f));
        Path c = good(2).putInt(12, 4).write(dir.resolve("c.mrc"), new byte[64]);
        assertTrue(openError(c).contains("'mode' is 4 (complex float32, not supported)"));
    }

    @Test
    void badMapId() throws IOException {
        Path f = good(2).putChars(208, "ABC\u0001").write(dir.resolve("x.mrc"), new byte[32]);
        assertEquals(f + ": header 'map' is \"ABC\\x01\"; expected \"MAP \" (not an MRC file?)", openError(f));
    }

    @Test
    void oldFileWithoutMapIdReadsButValidateNotesIt() throws IOException {
        MrcBytes b = good(2).putChars(208, "\0\0\0\0").putInt(108, 0);
        Path f = b.write(dir.resolve("old.mrc"), b.floats(1, 2, 3, 4, 5, 6, 7, 8));
        try (Mrc m = Mrc.open(f)) {
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, m.read(0).data);
        }
        List<String> problems = Mrc.validate(f);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(f + ": header 'map' is empty"));
        assertTrue(problems.get(1).startsWith(f + ": header 'nversion' is 0"));
    }

    @Test
    void nonPositiveDimensions() throws IOException {
        Path f = good(2).putInt(4, -3).write(dir.resolve("x.mrc"), new byte[32]);
        assertEquals(f + ": header 'ny' is -3; expected a positive size", openError(f));
    }

    @Test
    void axesNotAPermutation() throws IOException {
        Path f = good(2).putInt(68, 1).write(dir.resolve("x.mrc"), new byte[32]);
        assertEquals(f + ": header 'mapc', 'mapr', 'maps' are 1, 1, 3; expected a permutation of 1, 2, 3", openError(f));
    }

    @Test
    void byteOrderThatCannotBeGuessed() throws IOException {
        Path f = good(2).putByte(212, 0).putByte(213, 0).putInt(12, 0x12345678).write(dir.resolve("x.mrc"), new byte[32]);
        String m = openError(f);
        assertTrue(m.startsWith(f + ": machine stamp is 0x00 0x00 0x00 0x00 and header 'mode'"), m);
    }

    @Test
    void volumeStackWhoseNzIsNoMultipleOfMz() throws IOException {
        Path f = good(2).putInt(8, 3).putInt(36, 2).putInt(88, 401).write(dir.resolve("x.mrcs"), new byte[48]);
        assertTrue(openError(f).startsWith(f + ": header 'mz' is 2 but 'nz' is 3"));
    }

    @Test
    void nanAndInfiniteVoxelsAreNamed() throws IOException {
        float[] v = new float[4 * 3 * 2];
        v[1 + 4 * (2 + 3 * 1)] = Float.NaN;
        MrcBytes b = new MrcBytes(ByteOrder.LITTLE_ENDIAN, 4, 3, 2, 2);
        Path f = b.write(dir.resolve("nan.mrc"), b.floats(v));
        try (Mrc m = Mrc.open(f)) {
            assertEquals(f + ": voxel (1, 2, 1) is NaN", assertThrows(FormatException.class, () -> m.read(0)).getMessage());
        }
        v[1 + 4 * (2 + 3 * 1)] = Float.NEGATIVE_INFINITY;
        try (Mrc m = Mrc.open(b.write(f, b.floats(v)))) {
            assertTrue(assertThrows(FormatException.class, () -> m.read(0)).getMessage().endsWith("(1, 2, 1) is infinite"));
        }
    }

    @Test
    void validateListsEveryProblem() throws IOException {
        MrcBytes b = good(2).putChars(208, "MAPX").putByte(212, 0).putByte(213, 0).putInt(12, 3)
                .putInt(72, 7).putInt(0, 0).putInt(220, 12);
        Path f = b.write(dir.resolve("bad.mrc"), new byte[100]);
        List<String> p = Mrc.validate(f);
        String[] fields = {"'map'", "machine stamp", "'mode'", "'nx'", "'mapc', 'mapr', 'maps'", "'nlabl'"};
        assertEquals(fields.length, p.size(), p.toString());
        for (int i = 0; i < fields.length; i++) {
            assertTrue(p.get(i).startsWith(f + ": ") && p.get(i).contains(fields[i]), p.get(i));
        }
    }

    @Test
    void validateWarnsAboutTrailingBytes() throws IOException {
        MrcBytes b = good(2);
        Path f = b.write(dir.resolve("long.mrc"), new byte[32 + 10]);
        assertEquals(List.of(f + ": warning: file is 1066 bytes, 10 more than the header needs "
                + "(1024 + 4·2·2·2 = 1056); the extra bytes are ignored"), Mrc.validate(f));
        try (Mrc m = Mrc.open(f)) {
            assertEquals(8, m.read(0).size());
        }
    }

    @Test
    void validateAcceptsWhatWeWrite() throws IOException {
        Path f = dir.resolve("ok.mrc");
        Mrc.write(f, new Volume(3, 4, 5));
        assertEquals(List.of(), Mrc.validate(f));
    }
}
