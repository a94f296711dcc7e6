package org.jspt.io.hdf;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.IntPointer;
import org.jspt.image.Volume;
import org.jspt.io.FormatException;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStackWriter;

/**
 * EMAN2's HDF5 image stacks ({@code docs/reference/formats.md} §2): {@code /MDF/images/<i>} groups with
 * the header as {@code EMAN.<key>} attributes and the voxels in a float32 dataset {@code image} of
 * dimensions [nz][ny][nx] (x fastest); {@code imageid_max} on {@code /MDF/images} gives the count − 1.
 *
 * <p>Reading is strict: a file that is not HDF5, truncated, corrupt, of EMAN's old layout, whose header
 * contradicts its dataset, or whose voxels are not finite gives a {@link FormatException} naming the
 * file and the problem. Writing creates files atomically (temporary name, then rename).
 *
 * <p>Threading: the HDF5 library is not thread-safe; all native calls are serialised on one global lock
 * ({@link Hdf5#LOCK}), so several threads may each use their own stack or writer. A single stack or
 * writer must not be shared between threads.
 */
public final class EmanHdf {
    private EmanHdf() {}

    /** Short format name, as {@link ImageStack#formatName()} reports it. */
    public static final String FORMAT_NAME = "HDF5 (EMAN2)";

    static final String IMAGES = "/MDF/images";
    static final String IMAGEID_MAX = "imageid_max";

    /**
     * Opens an EMAN2 HDF5 stack read-only. The file stays open until {@link ImageStack#close()}.
     *
     * @throws FormatException if the file is missing, not HDF5, unreadable, or not in EMAN2's layout
     */
    public static ImageStack open(Path path) throws IOException {
        checkReadable(path);
        return EmanHdfStack.open(path);
    }

    /**
     * Creates a new stack written at a temporary name beside {@code path} ({@code .<name>.tmp-<random>.hdf})
     * and renamed over {@code path} by {@link ImageStackWriter#close()}; {@link ImageStackWriter#abort()}
     * deletes it. An existing file at {@code path} is replaced only on close.
     */
    public static ImageStackWriter create(Path path) throws IOException {
        return EmanHdfWriter.create(path);
    }

    /**
     * Opens an existing EMAN2 stack for appending at imageid_max + 1, in place; a missing file is created
     * as by {@link #create}.
     *
     * @throws FormatException if the existing file is not an EMAN2 HDF5 stack
     */
    public static ImageStackWriter append(Path path) throws IOException {
        if (!Files.exists(path)) return create(path);
        checkReadable(path);
        return EmanHdfWriter.appendTo(path);
    }

    /** Every image of the stack at {@code path}, in order (the whole stack in memory: for small stacks). */
    public static List<Volume> readAll(Path path) throws IOException {
        List<Volume> out = new java.util.ArrayList<>();
        try (ImageStack s = open(path)) {
            for (Volume v : s) out.add(v);
        }
        return out;
    }

    /** Writes {@code images} as a new stack at {@code path}, atomically (nothing is left on failure). */
    public static void write(Path path, List<Volume> images) throws IOException {
        ImageStackWriter w = create(path);
        boolean done = false;
        try {
            for (Volume v : images) w.append(v);
            w.close();
            done = true;
        } finally {
            if (!done) w.abort();
        }
    }

    private static void checkReadable(Path path) throws FormatException {
        if (!Files.exists(path)) throw new FormatException(path, "no such file");
        if (Files.isDirectory(path)) throw new FormatException(path, "is a directory, not an HDF5 file");
        if (!Files.isReadable(path)) throw new FormatException(path, "cannot read the file (permission denied)");
    }

    /**
     * Opens {@code path} with HDF5 ({@code write} = read-write) and returns the file id; checks the HDF5
     * signature first so that a text file gets a clear message. Lock held by the caller.
     */
    static long openFile(Path path, boolean write) throws FormatException {
        String name = path.toAbsolutePath().toString();
        int accessible = H5Fis_accessible(name, H5P_DEFAULT);
        if (accessible == 0) {
            Hdf5.errorDetail(); // clear the stack
            throw new FormatException(path, "not an HDF5 file (no HDF5 signature)");
        }
        long fid = H5Fopen(name, write ? H5F_ACC_RDWR : H5F_ACC_RDONLY, write ? H5P_DEFAULT : Hdf5.READ_ACCESS);
        if (fid < 0) throw HdfAttributes.failure(path, "cannot open as HDF5: the file is truncated or corrupt");
        return fid;
    }

    /**
     * Opens {@code /MDF/images} of an open file, explaining what is wrong if the file is not in EMAN2's
     * layout. Lock held by the caller.
     */
    static long openImagesGroup(long fid, Path path) throws FormatException {
        if (H5Lexists(fid, "MDF", H5P_DEFAULT) <= 0 || H5Lexists(fid, IMAGES, H5P_DEFAULT) <= 0) {
            Hdf5.errorDetail();
            if (H5Aexists(fid, "num_dataset") > 0) {
                throw new FormatException(path, "EMAN's old HDF layout is not supported (root attribute"
                        + " 'num_dataset'); convert it with EMAN2's e2proc3d.py or e2proc2d.py");
            }
            throw new FormatException(path, "no group " + IMAGES + ": not an EMAN2 image file");
        }
        long g = H5Gopen2(fid, IMAGES, H5P_DEFAULT);
        if (g < 0) throw HdfAttributes.failure(path, "cannot open group " + IMAGES);
        return g;
    }

    /** The value of {@code imageid_max} (−1 for an empty stack). Lock held by the caller. */
    static int readImageidMax(long images, Path path) throws FormatException {
        if (H5Aexists(images, IMAGEID_MAX) <= 0) {
            throw new FormatException(path, "attribute " + IMAGES + "/" + IMAGEID_MAX + " is missing");
        }
        long attr = H5Aopen(images, IMAGEID_MAX, H5P_DEFAULT), type = -1;
        try (IntPointer p = new IntPointer(1)) {
            type = attr < 0 ? -1 : H5Aget_type(attr);
            if (type < 0 || H5Tget_class(type) != H5T_INTEGER) {
                throw HdfAttributes.failure(path, "attribute " + IMAGEID_MAX + " is not an integer");
            }
            if (H5Aread(attr, Hdf5.NATIVE_INT, p) < 0) throw HdfAttributes.failure(path, "cannot read " + IMAGEID_MAX);
            int max = p.get(0);
            if (max < -1) throw new FormatException(path, IMAGEID_MAX + " is " + max + "; expected -1 or more");
            return max;
        } finally {
            Hdf5.closeAll(attr, type);
        }
    }
}
