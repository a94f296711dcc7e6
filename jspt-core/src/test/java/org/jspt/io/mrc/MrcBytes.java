package org.jspt.io.mrc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds MRC files byte by byte for tests, from the offsets in docs/reference/formats.md §3.1 (independently of
 * {@link MrcHeader}, so the tests check its table instead of trusting it).
 */
final class MrcBytes {
    final ByteBuffer header = ByteBuffer.allocate(1024);
    private byte[] extended = new byte[0];

    /** A valid MRC2014 header: cell = size (apix 1), angles 90, axes 1 2 3, "MAP ", stamp for the order. */
    MrcBytes(ByteOrder order, int nx, int ny, int nz, int mode) {
        header.order(order);
        putInt(0, nx).putInt(4, ny).putInt(8, nz).putInt(12, mode);
        putInt(28, nx).putInt(32, ny).putInt(36, nz);
        putFloat(40, nx).putFloat(44, ny).putFloat(48, nz);
        putFloat(52, 90).putFloat(56, 90).putFloat(60, 90);
        putInt(64, 1).putInt(68, 2).putInt(72, 3);
        putInt(108, 20140);
        putChars(208, "MAP ");
        byte s = order == ByteOrder.LITTLE_ENDIAN ? (byte) 0x44 : (byte) 0x11;
        header.put(212, s).put(213, s);
    }

    MrcBytes putInt(int offset, int v) { header.putInt(offset, v); return this; }
    MrcBytes putFloat(int offset, float v) { header.putFloat(offset, v); return this; }
    MrcBytes putByte(int offset, int v) { header.put(offset, (byte) v); return this; }

    MrcBytes putChars(int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < b.length; i++) header.put(offset + i, b[i]);
        return this;
    }

    /** Sets nsymbt and fills the extended header with 0x7f so a missed skip shows in the values. */
    MrcBytes extended(int bytes) {
        extended = new byte[bytes];
        java.util.Arrays.fill(extended, (byte) 0x7f);
        return putInt(92, bytes);
    }

    /** A data buffer in this header's byte order. */
    ByteBuffer data(int bytes) { return ByteBuffer.allocate(bytes).order(header.order()); }

    /** float32 voxels in this order. */
    byte[] floats(float... v) {
        ByteBuffer b = data(4 * v.length);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    Path write(Path file, byte[] data) throws IOException {
        byte[] all = new byte[1024 + extended.length + data.length];
        System.arraycopy(header.array(), 0, all, 0, 1024);
        System.arraycopy(extended, 0, all, 1024, extended.length);
        System.arraycopy(data, 0, all, 1024 + extended.length, data.length);
        return Files.write(file, all);
    }
}
