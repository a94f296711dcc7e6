package org.jspt.io.mrc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.jspt.Fixtures;
import org.jspt.image.Header;
import org.jspt.image.Volume;
import org.jspt.io.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading MRC layouts: EMAN2's file, byte orders, axis permutations, extended headers, stacks. */
class MrcTest {
    @TempDir Path dir;

    @Test
    void readsEman2SingleAsExpectedJsonSays() throws IOException {
        JsonNode exp = new ObjectMapper().readTree(Fixtures.eman2("expected.json").toFile()).get("single.mrc");
        try (Mrc m = Mrc.open(Fixtures.eman2("single.mrc"))) {
            assertEquals(1, m.size());
            assertEquals("MRC mode 2 (float32)", m.formatName());
            Volume v = m.read(0);
            assertEquals(exp.get("nx").asInt(), v.nx);
            assertEquals(exp.get("mean").asDouble(), v.mean(), 1e-9);
            assertEquals((float) exp.get("value_at_x3_y5_z7").asDouble(), v.get(3, 5, 7));
            assertEquals((float) exp.get("apix_x").asDouble(), v.header().get("apix_x"));
            assertTrue(v.header().getString("MRC.label0", "").startsWith("EMAN "));
        }
    }

    /** Voxel values c + 10 r + 100 s, so any misplacement shows. */
    private static float[] ramp(int cols, int rows, int sections) {
        float[] v = new float[cols * rows * sections];
        int i = 0;
        for (int s = 0; s < sections; s++) for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) v[i++] = c + 10 * r + 100 * s;
        return v;
    }

    @Test
    void readsBigEndianByStamp() throws IOException {
        MrcBytes b = new MrcBytes(ByteOrder.BIG_ENDIAN, 3, 2, 2, 2);
        Path f = b.write(dir.resolve("be.mrc"), b.floats(ramp(3, 2, 2)));
        try (Mrc m = Mrc.open(f)) {
            assertEquals(ByteOrder.BIG_ENDIAN, m.header().order());
            assertArrayEquals(ramp(3, 2, 2), m.read(0).data);
        }
    }

    @Test
    void guessesByteOrderWhenStampIsZero() throws IOException {
        MrcBytes be = new MrcBytes(ByteOrder.BIG_ENDIAN, 3, 2, 2, 2).putByte(212, 0).putByte(213, 0);
        Path f = be.write(dir.resolve("be0.mrc"), be.floats(ramp(3, 2, 2)));
        try (Mrc m = Mrc.open(f)) {
            assertEquals(ByteOrder.BIG_ENDIAN, m.header().order());
            assertArrayEquals(ramp(3, 2, 2), m.read(0).data);
        }
        // Mode 0 reads alike in both orders; the axis numbers decide.
        MrcBytes le = new MrcBytes(ByteOrder.LITTLE_ENDIAN, 2, 1, 1, 0).putByte(212, 0).putByte(213, 0);
        try (Mrc m = Mrc.open(le.write(dir.resolve("le0.mrc"), new byte[] {5, -5}))) {
            assertEquals(ByteOrder.LITTLE_ENDIAN, m.header().order());
            assertArrayEquals(new float[] {5, -5}, m.read(0).data);
        }
    }

    @Test
    void acceptsEman2Stamp4441() throws IOException {
        MrcBytes b = new MrcBytes(ByteOrder.LITTLE_ENDIAN, 2, 1, 1, 2).putByte(213, 0x41);
        try (Mrc m = Mrc.open(b.write(dir.resolve("eman.mrc"), b.floats(1, 2)))) {
            assertEquals(ByteOrder.LITTLE_ENDIAN, m.header().order());
        }
    }

    @Test
    void swapsXAndYWhenMapcIs2() throws IOException {
        MrcBytes b = new MrcBytes(ByteOrder.LITTLE_ENDIAN, 8, 6, 4, 2).putInt(64, 2).putInt(68, 1);
        try (Mrc m = Mrc.open(b.write(dir.resolve("t.mrc"), b.floats(ramp(8, 6, 4))))) {
            Volume v = m.read(0);
            assertEquals("6x8x4", v.shape());
            for (int z = 0; z < 4; z++) for (int y = 0; y < 8; y++) for (int x = 0; x < 6; x++) {
                assertEquals(y + 10 * x + 100 * z, v.get(x, y, z)); // column index c runs along y
            }
        }
    }

    @Test
    void readsAnyAxisPermutation() throws IOException {
        // Columns along z, rows along x, sections along y.
        MrcBytes b = new MrcBytes(ByteOrder.LITTLE_ENDIAN, 4, 3, 2, 2).putInt(64, 3).putInt(68, 1).putInt(72, 2);
        try (Mrc m = Mrc.open(b.write(dir.resolve("p.mrc"), b.floats(ramp(4, 3, 2))))) {
            Volume v = m.read(0);
            assertEquals("3x2x4", v.shape());
            assertEquals(3, v.header().get("nx"));
            for (int c = 0; c < 4; c++) for (int r = 0; r < 3; r++) for (int s = 0; s < 2; s++) {
                assertEquals(c + 10 * r + 100 * s, v.get(r, s, c));
            }
        }
    }

    @Test
    void skipsExtendedHeader() throws IOException {
        MrcBytes b = new MrcBytes(ByteOrder.LITTLE_ENDIAN, 3, 2, 1, 2).extended(256);
        try (Mrc m = Mrc.open(b.write(dir.resolve("ext.mrc"), b.floats(ramp(3, 2, 1))))) {
            assertEquals(256, m.read(0).header().get("MRC.nsymbt"));
            assertArrayEquals(ramp(3, 2, 1), m.read(0).data);
        }
    }

    @Test
    void mrcsIsAStackOf2dImagesAndReadsOnlyImageI() throws IOException {
        MrcBytes b = new MrcBytes(ByteOrder.LITTLE_ENDIAN, 4, 3, 3, 2);
        float[] data = ramp(4, 3, 3);
        data[5] = Float.NaN; // in image 0 only: reading image 2 must not touch it
        try (Mrc m = Mrc.open(b.write(dir.resolve("s.mrcs"), b.floats(data)))) {
            assertEquals(3, m.size());
            assertEquals(1, m.readHeader(2).get("nz"));
            Volume v = m.read(2);
            assertEquals("4x3", v.shape());
            assertArrayEquals(java.util.Arrays.copyOfRange(ramp(4, 3, 3), 24, 36), v.data);
            FormatException e = assertThrows(FormatException.class, () -> m.read(0));
            assertTrue(e.getMessage().endsWith("s.mrcs: image 0 voxel (1, 1, 0) is NaN"), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> m.read(3));
        }
        // The same bytes named .mrc are one volume.
        try (Mrc m = Mrc.open(b.write(dir.resolve("s.mrc"), b.floats(ramp(4, 3, 3))))) {
            assertEquals(1, m.size());
            assertEquals("4x3x3", m.read(0).shape());
        }
    }

    @Test
    void mrcsWithIspg401IsAVolumeStack() throws IOException {
        MrcBytes b = new MrcBytes(ByteOrder.LITTLE_ENDIAN, 4, 3, 6, 2).putInt(36, 2).putInt(88, 401);
        try (Mrc m = Mrc.open(b.write(dir.resolve("v.mrcs"), b.floats(ramp(4, 3, 6))))) {
            assertEquals(3, m.size());
            Volume v = m.read(1);
            assertEquals("4x3x2", v.shape());
            assertArrayEquals(java.util.Arrays.copyOfRange(ramp(4, 3, 6), 24, 48), v.data);
        }
    }

    @Test
    void headerKeysCarryPixelSizeOriginAndRawFields() throws IOException {
        MrcBytes b = new MrcBytes(ByteOrder.LITTLE_ENDIAN, 8, 8, 8, 2)
                .putFloat(40, 20).putFloat(44, 16000).putFloat(48, 0.08f)
                .putFloat(196, 1.5f).putFloat(200, -2).putFloat(204, 3)
                .putInt(220, 1).putChars(224, "made by hand");
        try (Mrc m = Mrc.open(b.write(dir.resolve("h.mrc"), new byte[4 * 512]))) {
            Header h = m.readHeader(0);
            assertEquals(2.5f, h.get("apix_x"));
            assertEquals(1f, h.get("apix_y")); // 16000 / 8 = 2000 Å is out of range
            assertEquals(1f, h.get("apix_z")); // float32 0.08 / 8 is just below 0.01
            assertEquals(1.5f, h.get("origin_x"));
            assertEquals(-2f, h.get("origin_y"));
            assertEquals(3f, h.get("origin_z"));
            assertEquals(2, h.get("MRC.mode"));
            assertEquals(8, h.get("MRC.mx"));
            assertEquals("MAP ", h.get("MRC.map"));
            assertEquals("made by hand", h.get("MRC.label0"));
            assertEquals(7, h.get("datatype"));
        }
        b.putFloat(40, 0);
        try (Mrc m = Mrc.open(b.write(dir.resolve("h0.mrc"), new byte[4 * 512]))) {
            assertEquals(0.125f, m.readHeader(0).get("apix_x")); // xlen 0 → 1, EMAN2's rule
        }
    }

    @Test
    void headerTableMatchesSpecOffsets() {
        assertEquals(40, MrcHeader.field("xlen").offset());
        assertEquals(196, MrcHeader.field("xorigin").offset());
        assertEquals(212, MrcHeader.field("stamp").offset());
        assertEquals(220, MrcHeader.field("nlabl").offset());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MrcHeader.field("nxstrat"));
        assertTrue(e.getMessage().contains("nxstrat"));
        byte[] raw = ByteBuffer.allocate(1024).order(ByteOrder.BIG_ENDIAN).putInt(92, 77).array();
        assertEquals(77, MrcHeader.of(raw, ByteOrder.BIG_ENDIAN).nsymbt());
    }
}
