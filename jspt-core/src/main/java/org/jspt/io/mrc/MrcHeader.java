package org.jspt.io.mrc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 1024-byte MRC2014 main header, immutable: the raw bytes plus the byte order they are read in.
 *
 * <p>Every field is declared once, in {@link #FIELDS} (name, byte offset, type); accessors and the
 * writer go through that table. Field names follow {@code docs/reference/formats.md} §3.1, which uses
 * EMAN2's names ({@code xlen} = MRC2014 {@code cella.x}, {@code map}, {@code stamp} = machine stamp).
 * Lengths are in Å, angles in degrees.
 */
public final class MrcHeader {
    /** Header size in bytes; voxel data start at {@code SIZE + nsymbt}. */
    public static final int SIZE = 1024;
    /** Number of 80-character labels. */
    public static final int LABELS = 10;
    public static final int LABEL_LENGTH = 80;
    /** Machine stamps, bytes 212–213 (214–215 are 0). MRC2014: 0x44 0x44 little-endian, 0x11 0x11 big. */
    static final byte STAMP_LE = 0x44, STAMP_LE_EMAN = 0x41, STAMP_BE = 0x11;

    /** Storage type of a header field. */
    public enum Type { INT32, INT16, FLOAT32, CHAR4 }

    /** One header field: its name, byte offset and type. */
    public record Field(String name, int offset, Type type) {}

    /** The header, one line per field (blank and IMOD-only areas are left out). */
    public static final List<Field> FIELDS = List.of(
            new Field("nx", 0, Type.INT32),          // columns (fastest axis in the file)
            new Field("ny", 4, Type.INT32),          // rows
            new Field("nz", 8, Type.INT32),          // sections (images in a stack)
            new Field("mode", 12, Type.INT32),       // voxel type, see MrcMode
            new Field("nxstart", 16, Type.INT32),    // index of the first column (EMAN writes −nx/2)
            new Field("nystart", 20, Type.INT32),
            new Field("nzstart", 24, Type.INT32),
            new Field("mx", 28, Type.INT32),         // sampling intervals of the cell: apix = xlen / mx
            new Field("my", 32, Type.INT32),
            new Field("mz", 36, Type.INT32),         // sections per volume in a volume stack (ispg 401)
            new Field("xlen", 40, Type.FLOAT32),     // cell lengths, Å
            new Field("ylen", 44, Type.FLOAT32),
            new Field("zlen", 48, Type.FLOAT32),
            new Field("alpha", 52, Type.FLOAT32),    // cell angles, degrees
            new Field("beta", 56, Type.FLOAT32),
            new Field("gamma", 60, Type.FLOAT32),
            new Field("mapc", 64, Type.INT32),       // axis (1 = x, 2 = y, 3 = z) of the columns
            new Field("mapr", 68, Type.INT32),       // ... of the rows
            new Field("maps", 72, Type.INT32),       // ... of the sections
            new Field("amin", 76, Type.FLOAT32),     // minimum, maximum and mean voxel value
            new Field("amax", 80, Type.FLOAT32),
            new Field("amean", 84, Type.FLOAT32),
            new Field("ispg", 88, Type.INT32),       // space group; 0 image stack, 1 volume, 401 volume stack
            new Field("nsymbt", 92, Type.INT32),     // extended header length, bytes
            new Field("creatid", 96, Type.INT16),
            new Field("exttyp", 104, Type.CHAR4),    // extended header type, e.g. "FEI1"
            new Field("nversion", 108, Type.INT32),  // 20140 for MRC2014
            new Field("nint", 128, Type.INT16),
            new Field("nreal", 130, Type.INT16),
            new Field("imod_stamp", 152, Type.CHAR4),
            new Field("imod_flags", 156, Type.INT32),
            new Field("xorigin", 196, Type.FLOAT32), // origin, Å
            new Field("yorigin", 200, Type.FLOAT32),
            new Field("zorigin", 204, Type.FLOAT32),
            new Field("map", 208, Type.CHAR4),       // "MAP "
            new Field("stamp", 212, Type.INT32),     // machine stamp; raw, see stampBytes()
            new Field("rms", 216, Type.FLOAT32),     // RMS deviation from the mean
            new Field("nlabl", 220, Type.INT32));    // labels in use; the labels follow at byte 224

    private static final Map<String, Field> BY_NAME = new LinkedHashMap<>();
    static {
        for (Field f : FIELDS) BY_NAME.put(f.name(), f);
    }

    private final byte[] bytes;
    private final ByteOrder order;

    private MrcHeader(byte[] bytes, ByteOrder order) {
        this.bytes = bytes;
        this.order = order;
    }

    /** A header over a copy of {@code raw} (at least 1024 bytes), read in {@code order}. */
    public static MrcHeader of(byte[] raw, ByteOrder order) {
        if (raw.length < SIZE) throw new IllegalArgumentException("MRC header needs " + SIZE + " bytes, got " + raw.length);
        return new MrcHeader(java.util.Arrays.copyOf(raw, SIZE), order);
    }

    /** An all-zero header in {@code order} (a start for the writer). */
    static MrcHeader blank(ByteOrder order) { return new MrcHeader(new byte[SIZE], order); }

    public ByteOrder order() { return order; }

    /** A copy of the 1024 raw bytes. */
    public byte[] bytes() { return bytes.clone(); }

    /** The field called {@code name}. @throws IllegalArgumentException if there is none */
    public static Field field(String name) {
        Field f = BY_NAME.get(name);
        if (f == null) throw new IllegalArgumentException("no MRC header field '" + name + "'; known: " + BY_NAME.keySet());
        return f;
    }

    private ByteBuffer buf() { return ByteBuffer.wrap(bytes).order(order); }

    /** A field's value: Integer (INT32, INT16), Float (FLOAT32) or String (CHAR4, NULs kept). */
    public Object get(String name) {
        Field f = field(name);
        ByteBuffer b = buf();
        return switch (f.type()) {
            case INT32 -> b.getInt(f.offset());
            case INT16 -> (int) b.getShort(f.offset());
            case FLOAT32 -> b.getFloat(f.offset());
            case CHAR4 -> new String(bytes, f.offset(), 4, StandardCharsets.ISO_8859_1);
        };
    }

    public int getInt(String name) { return ((Number) get(name)).intValue(); }
    public float getFloat(String name) { return ((Number) get(name)).floatValue(); }
    public String getChars(String name) { return (String) get(name); }

    /** A copy with field {@code name} set (numbers are cast to the field's type; CHAR4 takes a String). */
    public MrcHeader with(String name, Object value) {
        Field f = field(name);
        MrcHeader h = new MrcHeader(bytes.clone(), order);
        ByteBuffer b = h.buf();
        switch (f.type()) {
            case INT32 -> b.putInt(f.offset(), ((Number) value).intValue());
            case INT16 -> b.putShort(f.offset(), ((Number) value).shortValue());
            case FLOAT32 -> b.putFloat(f.offset(), ((Number) value).floatValue());
            case CHAR4 -> putChars(h.bytes, f.offset(), 4, (String) value);
        }
        return h;
    }

    /** The 4 machine-stamp bytes as stored (byte-order independent). */
    public byte[] stampBytes() { return java.util.Arrays.copyOfRange(bytes, 212, 216); }

    /** A copy with the machine stamp matching this header's byte order (MRC2014 values). */
    MrcHeader withStamp() {
        MrcHeader h = new MrcHeader(bytes.clone(), order);
        byte s = order == ByteOrder.LITTLE_ENDIAN ? STAMP_LE : STAMP_BE;
        h.bytes[212] = s;
        h.bytes[213] = s;
        h.bytes[214] = 0;
        h.bytes[215] = 0;
        return h;
    }

    /** Label i (0–9), trailing blanks and NULs removed. */
    public String label(int i) {
        String s = new String(bytes, 224 + i * LABEL_LENGTH, LABEL_LENGTH, StandardCharsets.ISO_8859_1);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0)) end--;
        return s.substring(0, end);
    }

    /** A copy with label i set (cut at 80 characters, padded with blanks). */
    public MrcHeader withLabel(int i, String text) {
        MrcHeader h = new MrcHeader(bytes.clone(), order);
        putChars(h.bytes, 224 + i * LABEL_LENGTH, LABEL_LENGTH, text);
        return h;
    }

    private static void putChars(byte[] dst, int offset, int len, String s) {
        byte[] src = s.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < len; i++) dst[offset + i] = i < src.length ? src[i] : (byte) ' ';
    }

    // Shorthands for the fields every reader needs.
    public int nx() { return getInt("nx"); }
    public int ny() { return getInt("ny"); }
    public int nz() { return getInt("nz"); }
    public int mode() { return getInt("mode"); }
    public int nsymbt() { return getInt("nsymbt"); }
    public int ispg() { return getInt("ispg"); }
    /** mapc, mapr, maps. */
    public int[] axisMap() { return new int[] {getInt("mapc"), getInt("mapr"), getInt("maps")}; }

    /** Byte offset of the first voxel: 1024 + nsymbt. */
    public long dataOffset() { return SIZE + (long) nsymbt(); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MrcHeader[").append(order);
        for (Field f : FIELDS) sb.append(", ").append(f.name()).append('=').append(get(f.name()));
        return sb.append(']').toString();
    }
}
