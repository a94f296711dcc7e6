package org.jspt.io.hdf;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.hdf5.H5O_info2_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.jspt.geom.Transform;
import org.jspt.io.FormatException;

/**
 * EMAN2's mapping between header values and HDF5 attributes ({@code docs/reference/formats.md} §2.2–2.3),
 * in one place.
 *
 * <pre>
 * Java value   written as                                     read back from
 * Boolean      1-byte native char 'T'/'F', simple (1)         integer of size 1 ('T' = true)
 * Integer      int32, simple (1)                              signed int32 (1); int8/16/64 that fit
 * Long         uint32, simple (1)                             uint32 (1)
 * Float        float32, simple (1)                            float32 (1)
 * Double       float64, simple (1)                            float64 (first element of n)
 * String       fixed C string, size len+1, NUL-terminated,    fixed or variable length string
 *              scalar dataspace                               (h5py writes variable-length UTF-8)
 * int[]        int32, simple (n); empty lists are skipped     int32 (n &gt; 1)
 * float[]      float32, simple (n); empty lists are skipped   float32 (n &gt; 1)
 * Transform    compound of 12 float32 "00".."23" (48 bytes)   the same compound
 * </pre>
 * Attributes of any other type (enums, references, float16, string arrays, …) are skipped on reading.
 * NB: a string that looks like an EMAN2 CTF ("E1…", "O2…") stays a plain string here.
 *
 * <p>Threading: every method must be called with {@link Hdf5#LOCK} held.
 */
final class HdfAttributes {
    private HdfAttributes() {}

    /** EMAN2's member names of the Transform compound: row, column of the 3×4 matrix. */
    private static final String[] XFORM_MEMBERS = {
        "00", "01", "02", "03", "10", "11", "12", "13", "20", "21", "22", "23"};

    /** All attributes of the object {@code loc}, by name in HDF5's name order; unsupported ones left out. */
    static Map<String, Object> readAll(long loc, Path file, String where) throws FormatException {
        Map<String, Object> out = new LinkedHashMap<>();
        long n;
        try (H5O_info2_t info = new H5O_info2_t()) {
            if (H5Oget_info3(loc, info, H5O_INFO_NUM_ATTRS) < 0) {
                throw failure(file, "cannot list the attributes of " + where);
            }
            n = info.num_attrs();
        }
        // NB: HDF5 1.14.3 may crash the JVM (SIGSEGV in H5A__close) when H5Aopen_by_idx or H5Aiterate2
        // meet a corrupt attribute message: their error path frees a half-built table. Looking up a
        // name that does not exist decodes every attribute message through a path that fails cleanly,
        // so a corrupt header is reported here, before any by-index access.
        if (n > 0 && H5Aexists(loc, "jspt.probe: no such attribute") < 0) {
            throw failure(file, "the attributes of " + where + " are corrupt");
        }
        for (long i = 0; i < n; i++) {
            long attr = H5Aopen_by_idx(loc, ".", H5_INDEX_NAME, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT);
            if (attr < 0) throw failure(file, "cannot open attribute " + i + " of " + where);
            try {
                String name = name(attr);
                Object value = read(attr, file, where + " attribute '" + name + "'");
                if (value != null) out.put(name, value);
            } finally {
                Hdf5.close(attr);
            }
        }
        return out;
    }

    /** Builds a FormatException carrying HDF5's innermost error text, if any. */
    static FormatException failure(Path file, String problem) {
        String detail = Hdf5.errorDetail();
        return new FormatException(file, detail.isEmpty() ? problem : problem + " (HDF5: " + detail + ")");
    }

    private static String name(long attr) {
        long len = H5Aget_name(attr, 0, (byte[]) null);
        byte[] buf = new byte[(int) len + 1];
        H5Aget_name(attr, buf.length, buf);
        return new String(buf, 0, (int) len, StandardCharsets.UTF_8);
    }

    /** The decoded value of one attribute, or null if its type has no header equivalent. */
    static Object read(long attr, Path file, String what) throws FormatException {
        long type = H5Aget_type(attr), space = H5Aget_space(attr);
        try {
            if (type < 0 || space < 0) throw failure(file, "cannot read the type of " + what);
            long n = H5Sget_simple_extent_npoints(space);
            if (n <= 0 || n > Integer.MAX_VALUE) return null;
            int count = (int) n;
            int cls = H5Tget_class(type);
            long size = H5Tget_size(type);
            if (H5Tis_variable_str(type) <= 0 && H5Aget_storage_size(attr) < n * size) {
                throw failure(file, what + " is corrupt: " + H5Aget_storage_size(attr) + " bytes stored for "
                        + n + " values of " + size + " bytes");
            }
            if (cls == H5T_INTEGER) return readInteger(attr, type, size, count, file, what);
            if (cls == H5T_FLOAT && size == 4) {
                float[] v = new float[count];
                try (FloatPointer p = new FloatPointer(count)) {
                    check(H5Aread(attr, Hdf5.NATIVE_FLOAT, p), file, what);
                    p.get(v);
                }
                return count == 1 ? (Object) v[0] : v;
            }
            if (cls == H5T_FLOAT && size == 8) {
                // NB: EMAN2 keeps only the first element of a float64 array.
                try (DoublePointer p = new DoublePointer(count)) {
                    check(H5Aread(attr, Hdf5.NATIVE_DOUBLE, p), file, what);
                    return p.get(0);
                }
            }
            if (cls == H5T_STRING && count == 1) {
                return H5Tis_variable_str(type) > 0 ? readVariableString(attr, type, space, file, what)
                        : readFixedString(attr, type, size, file, what);
            }
            if (cls == H5T_COMPOUND && isTransform(type)) return readTransform(attr, file, what);
            return null;
        } finally {
            Hdf5.closeAll(type, space);
        }
    }

    private static Object readInteger(long attr, long type, long size, int count, Path file, String what)
            throws FormatException {
        if (size == 1) {
            // A C++ bool: the character 'T' or 'F' (anything but 'T' is false, as in EMAN2).
            try (BytePointer p = new BytePointer(count)) {
                check(H5Aread(attr, type, p), file, what);
                return p.get(0) == 'T';
            }
        }
        if (size == 4 && H5Tget_sign(type) == H5T_SGN_NONE) {
            int[] raw = new int[count];
            try (IntPointer p = new IntPointer(count)) {
                check(H5Aread(attr, Hdf5.NATIVE_UINT, p), file, what);
                p.get(raw);
            }
            if (count == 1) return raw[0] & 0xFFFFFFFFL;
            for (int r : raw) if (r < 0) return null; // beyond int32: no header type holds it
            return raw;
        }
        if (size == 4) {
            int[] v = new int[count];
            try (IntPointer p = new IntPointer(count)) {
                check(H5Aread(attr, Hdf5.NATIVE_INT, p), file, what);
                p.get(v);
            }
            return count == 1 ? (Object) v[0] : v;
        }
        // int16 and int64 (h5py writes Python ints as int64): kept when the values fit a header type.
        long[] v = new long[count];
        try (LongPointer p = new LongPointer(count)) {
            check(H5Aread(attr, Hdf5.NATIVE_LLONG, p), file, what);
            p.get(v);
        }
        if (count == 1 && v[0] != (int) v[0]) return v[0] >= 0 && v[0] <= 0xFFFFFFFFL ? (Object) v[0] : null;
        int[] ints = new int[count];
        for (int i = 0; i < count; i++) {
            if (v[i] != (int) v[i]) return null;
            ints[i] = (int) v[i];
        }
        return count == 1 ? (Object) ints[0] : ints;
    }

    private static String readFixedString(long attr, long type, long size, Path file, String what)
            throws FormatException {
        byte[] b = new byte[(int) size];
        try (BytePointer p = new BytePointer(size + 1)) {
            // Reading with the file's own type converts nothing: we get the stored bytes.
            check(H5Aread(attr, type, p), file, what);
            p.get(b);
        }
        int len = 0;
        while (len < b.length && b[len] != 0) len++;
        String s = new String(b, 0, len, StandardCharsets.UTF_8);
        return H5Tget_strpad(type) == H5T_STR_SPACEPAD ? s.stripTrailing() : s;
    }

    private static String readVariableString(long attr, long type, long space, Path file, String what)
            throws FormatException {
        long mem = H5Tcopy(Hdf5.C_S1);
        try (PointerPointer<BytePointer> p = new PointerPointer<>(1)) {
            H5Tset_size(mem, H5T_VARIABLE);
            H5Tset_cset(mem, H5Tget_cset(type));
            check(H5Aread(attr, mem, p), file, what);
            BytePointer s = p.get(BytePointer.class, 0);
            String value = s == null || s.isNull() ? "" : s.getString(StandardCharsets.UTF_8);
            H5Treclaim(mem, space, H5P_DEFAULT, p); // frees the string HDF5 allocated
            return value;
        } finally {
            Hdf5.close(mem);
        }
    }

    private static boolean isTransform(long type) {
        if (H5Tget_nmembers(type) != XFORM_MEMBERS.length) return false;
        long size = H5Tget_size(type);
        for (int k = 0; k < XFORM_MEMBERS.length; k++) {
            if (H5Tget_member_class(type, k) != H5T_FLOAT) return false;
            // NB: a corrupt member offset beyond the compound makes HDF5 1.14.3 read out of bounds.
            long member = H5Tget_member_type(type, k);
            long end = H5Tget_member_offset(type, k) + (member < 0 ? Long.MAX_VALUE / 2 : H5Tget_size(member));
            Hdf5.close(member);
            if (member < 0 || end > size) return false;
            BytePointer name = H5Tget_member_name(type, k);
            if (name == null || name.isNull()) return false;
            String s = name.getString();
            H5free_memory(name);
            if (!s.equals(XFORM_MEMBERS[k])) return false;
        }
        return true;
    }

    private static Transform readTransform(long attr, Path file, String what) throws FormatException {
        long mem = transformType(); // members are matched by name, so any member order or byte order reads
        float[] m = new float[12];
        try (FloatPointer p = new FloatPointer(12)) {
            check(H5Aread(attr, mem, p), file, what);
            p.get(m);
        } finally {
            Hdf5.close(mem);
        }
        try {
            return Transform.ofMatrix(m);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, what + ": " + e.getMessage());
        }
    }

    /** EMAN2's 48-byte Transform compound in native float32 (the caller closes it). */
    private static long transformType() {
        long t = H5Tcreate(H5T_COMPOUND, 48);
        for (int k = 0; k < XFORM_MEMBERS.length; k++) H5Tinsert(t, XFORM_MEMBERS[k], 4L * k, Hdf5.NATIVE_FLOAT);
        return t;
    }

    private static void check(int status, Path file, String what) throws FormatException {
        if (status < 0) throw failure(file, "cannot read " + what);
    }

    /**
     * Writes (or replaces) the attribute {@code name} on {@code loc} with EMAN2's type for {@code value}.
     * Empty lists are not written, as in EMAN2.
     *
     * @throws IllegalArgumentException for a Long outside uint32 or an unsupported value type
     */
    static void write(long loc, String name, Object value, Path file) throws FormatException {
        if ((value instanceof int[] a && a.length == 0) || (value instanceof float[] f && f.length == 0)) return;
        if (H5Aexists(loc, name) > 0 && H5Adelete(loc, name) < 0) {
            throw failure(file, "cannot replace attribute '" + name + "'");
        }
        long type = -1, space = -1, attr = -1;
        boolean ownType = false;
        Pointer data = null;
        try {
            int n = 1;
            if (value instanceof Boolean b) {
                type = Hdf5.NATIVE_CHAR;
                data = new BytePointer(1).put((byte) (b ? 'T' : 'F'));
            } else if (value instanceof Integer i) {
                type = Hdf5.NATIVE_INT;
                data = new IntPointer(1).put(i);
            } else if (value instanceof Long l) {
                if (l < 0 || l > 0xFFFFFFFFL) {
                    throw new IllegalArgumentException("header '" + name + "': " + l + " does not fit uint32");
                }
                type = Hdf5.NATIVE_UINT;
                data = new IntPointer(1).put((int) (long) l);
            } else if (value instanceof Float f) {
                type = Hdf5.NATIVE_FLOAT;
                data = new FloatPointer(1).put(f);
            } else if (value instanceof Double d) {
                type = Hdf5.NATIVE_DOUBLE;
                data = new DoublePointer(1).put(d);
            } else if (value instanceof int[] a) {
                type = Hdf5.NATIVE_INT;
                data = new IntPointer(a);
                n = a.length;
            } else if (value instanceof float[] a) {
                type = Hdf5.NATIVE_FLOAT;
                data = new FloatPointer(a);
                n = a.length;
            } else if (value instanceof Transform t) {
                type = transformType();
                ownType = true;
                float[] m = new float[12];
                double[] d = t.matrix();
                for (int k = 0; k < 12; k++) m[k] = (float) d[k];
                data = new FloatPointer(m);
            } else if (value instanceof String s) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                type = H5Tcopy(Hdf5.C_S1);
                ownType = true;
                H5Tset_size(type, b.length + 1L); // EMAN2: length + 1, NUL-terminated
                H5Tset_strpad(type, H5T_STR_NULLTERM);
                if (b.length != s.length()) H5Tset_cset(type, H5T_CSET_UTF8);
                BytePointer p = new BytePointer(b.length + 1L);
                p.put(b).put(b.length, (byte) 0);
                data = p;
            } else {
                throw new IllegalArgumentException("header '" + name + "': cannot store "
                        + (value == null ? "null" : value.getClass().getSimpleName()) + " in HDF5");
            }
            space = value instanceof String ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, new long[] {n}, (long[]) null);
            attr = H5Acreate2(loc, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
            if (attr < 0 || H5Awrite(attr, type, data) < 0) throw failure(file, "cannot write attribute '" + name + "'");
        } finally {
            if (data != null) data.close();
            Hdf5.closeAll(space, attr);
            if (ownType) Hdf5.close(type);
        }
    }
}
