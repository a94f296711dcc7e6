package org.jspt.io.mrc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.jspt.image.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every readable mode, from hand-built files, with exact values. */
class MrcModesTest {
    @TempDir Path dir;

    private Volume read(int mode, int n, byte[] data) throws IOException {
        MrcBytes b = new MrcBytes(ByteOrder.LITTLE_ENDIAN, n, 1, 1, mode);
        try (Mrc m = Mrc.open(b.write(dir.resolve("m" + mode + ".mrc"), data))) {
            return m.read(0);
        }
    }

    private static byte[] shorts(int... v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : v) b.putShort((short) s);
        return b.array();
    }

    private static final byte[] BYTES = {0, 1, 127, (byte) 128, (byte) 200, (byte) 255};
    private static final float[] SIGNED = {0, 1, 127, -128, -56, -1};

    @Test
    void mode0IsSignedInt8AsMrc2014Says() throws IOException {
        assertArrayEquals(SIGNED, read(0, 6, BYTES).data); // EMAN2 would give 200 for byte 200
        assertEquals(1, read(0, 6, BYTES).header().get("datatype"));
    }

    @Test
    void mode17IsSignedInt8() throws IOException {
        assertArrayEquals(SIGNED, read(17, 6, BYTES).data);
    }

    @Test
    void mode1IsInt16() throws IOException {
        assertArrayEquals(new float[] {-32768, -1, 0, 32767}, read(1, 4, shorts(-32768, -1, 0, 32767)).data);
    }

    @Test
    void mode6IsUint16() throws IOException {
        assertArrayEquals(new float[] {0, 1, 32768, 65535}, read(6, 4, shorts(0, 1, 0x8000, 0xffff)).data);
    }

    @Test
    void mode2IsFloat32() throws IOException {
        MrcBytes b = new MrcBytes(ByteOrder.LITTLE_ENDIAN, 3, 1, 1, 2);
        float[] v = {-1.5f, Float.MIN_VALUE, 3.4e38f};
        try (Mrc m = Mrc.open(b.write(dir.resolve("f.mrc"), b.floats(v)))) {
            assertArrayEquals(v, m.read(0).data);
        }
    }

    @Test
    void mode12IsFloat16IncludingSubnormalsAndNegatives() throws IOException {
        int[] bits = {0x3c00, 0xc000, 0x7bff, 0x0001, 0x03ff, 0x8001, 0x0400, 0x3555, 0x8000};
        float[] want = {1f, -2f, 65504f, 0x1p-24f, 1023 * 0x1p-24f, -0x1p-24f, 0x1p-14f, 0.333251953125f, -0f};
        Volume v = read(12, bits.length, shorts(bits));
        assertArrayEquals(want, v.data);
    }

    @Test
    void halfToFloatHandlesSpecialValues() {
        assertEquals(Float.POSITIVE_INFINITY, MrcMode.halfToFloat((short) 0x7c00));
        assertEquals(Float.NEGATIVE_INFINITY, MrcMode.halfToFloat((short) 0xfc00));
        assertTrue(Float.isNaN(MrcMode.halfToFloat((short) 0x7e00)));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(MrcMode.halfToFloat((short) 0x8000)));
    }

    @Test
    void halfToFloatMatchesTheDefinitionForEveryFinitePattern() {
        for (int h = 0; h < 0x10000; h++) {
            int exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
            if (exp == 0x1f) continue;
            // binary16: (−1)^s · 2^(e−15) · (1 + m/1024), or 2^−14 · m/1024 when e = 0.
            double mag = exp == 0 ? Math.scalb(mant / 1024.0, -14) : Math.scalb(1 + mant / 1024.0, exp - 15);
            double want = (h & 0x8000) != 0 ? -mag : mag;
            assertEquals((float) want, MrcMode.halfToFloat((short) h), "pattern 0x" + Integer.toHexString(h));
        }
    }
}
