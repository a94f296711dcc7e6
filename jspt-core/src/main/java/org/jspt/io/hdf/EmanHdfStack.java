package org.jspt.io.hdf;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.jspt.image.Header;
import org.jspt.image.Volume;
import org.jspt.io.FormatException;
import org.jspt.io.ImageStack;

/**
 * An open EMAN2 HDF5 stack, read-only ({@link EmanHdf#open}). Holds the file's shared /MDF/images group
 * ({@link SharedImagesGroup}) until {@link #close()}. Not thread-safe: open one per thread (native calls are
 * serialised globally).
 */
final class EmanHdfStack implements ImageStack {
    private final Path path;
    /** The file's /MDF/images, shared with the other stacks of the file; null once closed. */
    private SharedImagesGroup group;
    private final int size;
    /** See {@link #floatBuffer}. */
    private FloatPointer floats;
    /** Attributes of /MDF/images other than imageid_max, as "Group.<name>" keys; the same for every image. */
    private final Map<String, Object> groupKeys = new java.util.LinkedHashMap<>();

    private EmanHdfStack(Path path, SharedImagesGroup group, int size) {
        this.path = path;
        this.group = group;
        this.size = size;
    }

    static EmanHdfStack open(Path path) throws IOException {
        Hdf5.lock();
        SharedImagesGroup group = null;
        try {
            group = SharedImagesGroup.acquire(path);
            int max = EmanHdf.readImageidMax(group.images(), path);
            EmanHdfStack s = new EmanHdfStack(path, group, max + 1);
            HdfAttributes.readAll(group.images(), path, EmanHdf.IMAGES).forEach((k, v) -> {
                if (!k.equals(EmanHdf.IMAGEID_MAX)) s.groupKeys.put("Group." + k, v);
            });
            return s;
        } catch (IOException | RuntimeException e) {
            if (group != null) {
                try {
                    group.release();
                } catch (FormatException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        } finally {
            Hdf5.unlock();
        }
    }

    @Override public Path path() { return path; }
    @Override public int size() { return size; }
    @Override public String formatName() { return EmanHdf.FORMAT_NAME; }

    @Override
    public Header readHeader(int i) throws IOException {
        Hdf5.lock();
        long g = -1, ds = -1;
        try {
            g = openImage(i);
            Header h = readAttributes(g, i);
            if (!h.has("nx") || !h.has("ny") || !h.has("nz")) {
                ds = openDataset(g, i);
                long[] shape = datasetShape(ds, i);
                if (!h.has("nx")) h.put("nx", (int) shape[0]);
                if (!h.has("ny")) h.put("ny", (int) shape[1]);
                if (!h.has("nz")) h.put("nz", (int) shape[2]);
            }
            return h;
        } finally {
            Hdf5.closeAll(g, ds);
            Hdf5.unlock();
        }
    }

    @Override
    public Volume read(int i) throws IOException {
        Hdf5.lock();
        long g = -1, ds = -1;
        try {
            g = openImage(i);
            Header h = readAttributes(g, i);
            ds = openDataset(g, i);
            long[] shape = datasetShape(ds, i);
            int nx = sizeFromHeader(h, "nx", shape[0], i), ny = sizeFromHeader(h, "ny", shape[1], i);
            int nz = sizeFromHeader(h, "nz", shape[2], i);
            if (nx != shape[0] || ny != shape[1] || nz != shape[2]) {
                throw new FormatException(path, "image " + i + ": header says " + nx + "x" + ny + "x" + nz
                        + " but dataset is " + shape[0] + "x" + shape[1] + "x" + shape[2]);
            }
            h.put("nx", nx).put("ny", ny).put("nz", nz);
            Volume v = new Volume(nx, ny, nz, readVoxels(ds, (int) (shape[0] * shape[1] * shape[2]), h, i), h);
            int bad = v.firstNonFinite();
            if (bad >= 0) {
                int x = bad % nx, y = (bad / nx) % ny, z = bad / nx / ny;
                throw new FormatException(path, "image " + i + ": voxel (" + x + "," + y + "," + z + ") is "
                        + v.data[bad] + "; EMAN2 images must hold finite values");
            }
            return v;
        } finally {
            Hdf5.closeAll(g, ds);
            Hdf5.unlock();
        }
    }

    private long openImage(int i) throws FormatException {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(path + ": image " + i + " out of range; the stack has "
                    + size + " image" + (size == 1 ? "" : "s"));
        }
        if (group == null) throw new IllegalStateException(path + ": stack is closed");
        long images = group.imagesForLookup();
        String name = Integer.toString(i);
        if (H5Lexists(images, name, H5P_DEFAULT) <= 0) {
            Hdf5.errorDetail();
            throw new FormatException(path, "image " + i + " does not exist (no group " + EmanHdf.IMAGES + "/" + i + ")");
        }
        long g = H5Gopen2(images, name, H5P_DEFAULT);
        if (g < 0) throw HdfAttributes.failure(path, "cannot open group " + EmanHdf.IMAGES + "/" + i);
        return g;
    }

    private Header readAttributes(long g, int i) throws FormatException {
        Header h = new Header();
        HdfAttributes.readAll(g, path, "image " + i).forEach((k, v) -> h.put(k.startsWith("EMAN.") ? k.substring(5) : k, v));
        groupKeys.forEach(h::put);
        return h;
    }

    private long openDataset(long g, int i) throws FormatException {
        if (H5Lexists(g, "image", H5P_DEFAULT) <= 0) {
            Hdf5.errorDetail();
            throw new FormatException(path, "image " + i + " has no 'image' dataset");
        }
        long ds = H5Dopen2(g, "image", H5P_DEFAULT);
        if (ds < 0) throw HdfAttributes.failure(path, "cannot open the dataset of image " + i);
        return ds;
    }

    /** {nx, ny, nz} of a dataset stored as [nz][ny][nx], [ny][nx] or [nx]. */
    private long[] datasetShape(long ds, int i) throws FormatException {
        long space = H5Dget_space(ds);
        try {
            int rank = space < 0 ? -1 : H5Sget_simple_extent_ndims(space);
            if (rank < 1 || rank > 3) {
                throw HdfAttributes.failure(path, "image " + i + ": dataset has rank " + rank + "; expected 1, 2 or 3");
            }
            long[] dims = new long[rank];
            H5Sget_simple_extent_dims(space, dims, (long[]) null);
            long[] shape = {1, 1, 1};
            for (int k = 0; k < rank; k++) shape[k] = dims[rank - 1 - k];
            if (shape[0] * shape[1] * shape[2] > Integer.MAX_VALUE - 8) {
                throw new FormatException(path, "image " + i + ": dataset " + shape[0] + "x" + shape[1] + "x"
                        + shape[2] + " is too large for one volume");
            }
            return shape;
        } finally {
            Hdf5.close(space);
        }
    }

    private int sizeFromHeader(Header h, String key, long fallback, int i) throws FormatException {
        if (!h.has(key)) return (int) fallback;
        Object v = h.get(key);
        if (v instanceof Integer n && n >= 1) return n;
        throw new FormatException(path, "image " + i + ": header '" + key + "' is " + Header.valueToString(v)
                + "; expected a positive int");
    }

    /**
     * The voxels as floats. float32 (either byte order) is converted by HDF5; uint8/uint16 are EMAN2's
     * compressed mode, mapped back with {@code stored_renderbits/min/max} (§2.3).
     */
    private float[] readVoxels(long ds, int n, Header h, int i) throws FormatException {
        long type = H5Dget_type(ds);
        float[] out = new float[n];
        try {
            int cls = type < 0 ? -1 : H5Tget_class(type);
            long bytes = type < 0 ? -1 : H5Tget_size(type);
            String what = "the voxels of image " + i;
            if (cls == H5T_FLOAT && bytes == 4) {
                FloatPointer p = floatBuffer(n);
                if (H5Dread(ds, Hdf5.NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, p) < 0) throw HdfAttributes.failure(path, "cannot read " + what);
                p.get(out, 0, n);
                return out;
            }
            if (cls == H5T_INTEGER && bytes == 1) {
                try (BytePointer p = new BytePointer(n)) {
                    if (H5Dread(ds, Hdf5.NATIVE_UCHAR, H5S_ALL, H5S_ALL, H5P_DEFAULT, p) < 0) throw HdfAttributes.failure(path, "cannot read " + what);
                    for (int k = 0; k < n; k++) out[k] = p.get(k) & 0xFF;
                }
            } else if (cls == H5T_INTEGER && bytes == 2) {
                try (ShortPointer p = new ShortPointer(n)) {
                    if (H5Dread(ds, Hdf5.NATIVE_USHORT, H5S_ALL, H5S_ALL, H5P_DEFAULT, p) < 0) throw HdfAttributes.failure(path, "cannot read " + what);
                    for (int k = 0; k < n; k++) out[k] = p.get(k) & 0xFFFF;
                }
            } else {
                throw HdfAttributes.failure(path, "image " + i + ": dataset type is " + typeName(cls) + " of " + bytes
                        + " bytes; expected float32, uint8 or uint16");
            }
            CompressedMode.decode(out, h, path, i);
            return out;
        } finally {
            Hdf5.close(type);
        }
    }

    /**
     * The stack's native buffer for n floats, kept between reads (grown when needed, freed by {@link #close}):
     * a new JavaCPP pointer per image costs an allocation and a physical-memory check (reading
     * /proc/self/statm) per particle. Used with the HDF5 lock held, like every native call here.
     */
    private FloatPointer floatBuffer(int n) {
        if (floats == null || floats.capacity() < n) {
            if (floats != null) floats.close();
            floats = new FloatPointer(n);
        }
        return floats;
    }

    private static String typeName(int cls) {
        if (cls == H5T_INTEGER) return "integer";
        if (cls == H5T_FLOAT) return "float";
        if (cls == H5T_STRING) return "string";
        if (cls == H5T_COMPOUND) return "compound";
        return "class " + cls;
    }

    @Override
    public void close() throws IOException {
        Hdf5.lock();
        try {
            SharedImagesGroup g = group;
            group = null;
            if (g != null) g.release();
        } finally {
            if (floats != null) floats.close();
            floats = null;
            Hdf5.unlock();
        }
    }

    @Override
    public String toString() { return "EmanHdfStack[" + path + ", " + size + " images]"; }
}
