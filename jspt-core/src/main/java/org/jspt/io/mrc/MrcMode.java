package org.jspt.io.mrc;

import java.nio.ByteBuffer;

/**
 * The MRC voxel types jspt reads; all are converted to float32 in memory.
 *
 * <pre>
 *  mode  storage                      EMAN2 datatype
 *     0  int8, signed (MRC2014)       1 (EM_CHAR)    NB: EMAN2 reads mode 0 as unsigned 0..255
 *     1  int16, signed                3 (EM_SHORT)
 *     2  float32                      7 (EM_FLOAT)
 *     6  uint16                       4 (EM_USHORT)
 *    12  float16 (IEEE half)          7 (held as float32)
 *    17  int8, signed (EMAN-specific) 1 (EM_CHAR)
 * </pre>
 * Not supported: 3 and 4 (complex int16 / float32; jspt images are real), 16 (RGB), 101 (4-bit packed).
 */
public enum MrcMode {
    INT8(0, 1, "int8", 1),
    INT16(1, 2, "int16", 3),
    FLOAT32(2, 4, "float32", 7),
    UINT16(6, 2, "uint16", 4),
    FLOAT16(12, 2, "float16", 7),
    INT8_EMAN(17, 1, "int8", 1);

    /** The list quoted by error messages. */
    static final String EXPECTED = "0, 1, 2, 6, 12 or 17";

    public final int code;
    /** Bytes per voxel in the file. */
    public final int bytes;
    public final String typeName;
    /** EMAN2's {@code EMUtil::EMDataType} of the stored values (header key {@code datatype}). */
    public final int emanDatatype;

    MrcMode(int code, int bytes, String typeName, int emanDatatype) {
        this.code = code;
        this.bytes = bytes;
        this.typeName = typeName;
        this.emanDatatype = emanDatatype;
    }

    /** The mode with this code, or null if jspt does not read it. */
    public static MrcMode of(int code) {
        for (MrcMode m : values()) if (m.code == code) return m;
        return null;
    }

    /** Why a mode is not read, for messages: "header 'mode' is 4 (complex float32); expected …". */
    static String unsupported(int code) {
        String what = switch (code) {
            case 3 -> " (complex int16, not supported)";
            case 4 -> " (complex float32, not supported)";
            case 16 -> " (RGB, not supported)";
            case 101 -> " (4-bit packed, not supported)";
            default -> "";
        };
        return "header 'mode' is " + code + what + "; expected " + EXPECTED;
    }

    /** Decodes {@code n} voxels from {@code src} (its position advances) into {@code dst[at ..]}. */
    void decode(ByteBuffer src, float[] dst, int at, int n) {
        switch (this) {
            case INT8, INT8_EMAN -> { for (int i = 0; i < n; i++) dst[at + i] = src.get(); }
            case INT16 -> { for (int i = 0; i < n; i++) dst[at + i] = src.getShort(); }
            case UINT16 -> { for (int i = 0; i < n; i++) dst[at + i] = src.getShort() & 0xffff; }
            case FLOAT32 -> src.asFloatBuffer().get(dst, at, n);
            case FLOAT16 -> { for (int i = 0; i < n; i++) dst[at + i] = halfToFloat(src.getShort()); }
        }
        if (this == FLOAT32) src.position(src.position() + 4 * n); // asFloatBuffer() has its own position
    }

    /**
     * IEEE 754 binary16 → float32, exact for every pattern (subnormals, ±0, ±Inf, NaN).
     * NB: Java 17 lacks {@code Float.float16ToFloat} (added in Java 20).
     */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13)); // Inf, NaN
        if (exp == 0) {
            // Zero or subnormal: mant · 2^−24, exact in float32.
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        // Normal: re-bias the exponent from 15 to 127 and widen the mantissa from 10 to 23 bits.
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
