package org.jspt.io.em;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspt.image.Volume;
import org.jspt.io.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EM format's 512-byte header as TOM's tom_emread.m documents it, written byte by byte here. */
class EmFileTest {
    @TempDir Path dir;

    /** A file as TOM lays it out: machine, 0, 0, type, nx ny nz, 80-byte comment, 40 int parameters, 256 bytes user data. */
    static byte[] em(int machine, int type, ByteOrder order, int nx, int ny, int nz, int objPixelMilliAngstrom, float... values) {
        int bytes = type == 2 ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(512 + bytes * values.length).order(order);
        b.put(0, (byte) machine).put(3, (byte) type).putInt(4, nx).putInt(8, ny).putInt(12, nz);
        b.putInt(96 + 4 * 6, objPixelMilliAngstrom);
        b.position(512);
        for (float v : values) {
            if (type == 2) b.putShort((short) v);
            else b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void readsLittleAndBigEndianFilesAsTomDoes() throws Exception {
        float[] v = {1, -2, 3.5f, 4, 5, 6, 7, -8};
        Path pc = Files.write(dir.resolve("pc.em"), em(6, 5, ByteOrder.LITTLE_ENDIAN, 2, 2, 2, 2500, v));
        Path sgi = Files.write(dir.resolve("sgi.em"), em(3, 5, ByteOrder.BIG_ENDIAN, 2, 2, 2, 0, v));
        Path shorts = Files.write(dir.resolve("int16.em"), em(5, 2, ByteOrder.BIG_ENDIAN, 2, 4, 1, 0, 1, -2, 3, 4, 5, 6, 7, -8));
        try (EmFile a = EmFile.open(pc); EmFile b = EmFile.open(sgi); EmFile c = EmFile.open(shorts)) {
            assertArrayEquals(v, a.read(0).data);
            assertEquals(2.5, a.read(0).apix(), 1e-6, "parameter 7: object pixel size in Å·1000");
            assertArrayEquals(v, b.read(0).data);
            Volume s = c.read(0);
            assertEquals(2, s.nx);
            assertEquals(4, s.ny);
            assertEquals(-8, s.get(1, 3, 0));
        }
    }

    @Test
    void writesWhatItReadsWithThePixelSize() throws Exception {
        Volume v = new Volume(3, 2, 4);
        for (int i = 0; i < v.size(); i++) v.data[i] = i * 0.25f - 1;
        v.setApix(1.35);
        Path f = dir.resolve("w.em");
        EmFile.write(f, v);
        byte[] raw = Files.readAllBytes(f);
        assertEquals(512 + 4 * 24, raw.length);
        assertEquals(6, raw[0], "machine: PC");
        assertEquals(5, raw[3], "type: float");
        try (EmFile r = EmFile.open(f)) {
            Volume back = r.read(0);
            assertArrayEquals(v.data, back.data);
            assertEquals(1.35, back.apix(), 1e-6);
        }
    }

    @Test
    void badFilesAreOneClearError() throws Exception {
        byte[] ok = em(6, 5, ByteOrder.LITTLE_ENDIAN, 2, 2, 2, 0, 1, 2, 3, 4, 5, 6, 7, 8);
        Path shortFile = Files.write(dir.resolve("short.em"), java.util.Arrays.copyOf(ok, ok.length - 4));
        Path complex = Files.write(dir.resolve("complex.em"), em(6, 8, ByteOrder.LITTLE_ENDIAN, 1, 1, 1, 0, 0, 0));
        Path machine = Files.write(dir.resolve("machine.em"), em(9, 5, ByteOrder.LITTLE_ENDIAN, 1, 1, 1, 0, 0));
        assertTrue(assertThrows(FormatException.class, () -> EmFile.open(shortFile)).getMessage().contains("needs 544"));
        assertTrue(assertThrows(FormatException.class, () -> EmFile.open(complex)).getMessage().contains("data type 8"));
        assertTrue(assertThrows(FormatException.class, () -> EmFile.open(machine)).getMessage().contains("machine byte"));
    }
}
