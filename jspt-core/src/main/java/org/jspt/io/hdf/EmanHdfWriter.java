package org.jspt.io.hdf;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.jspt.image.Header;
import org.jspt.image.Volume;
import org.jspt.io.AtomicFiles;
import org.jspt.io.FormatException;
import org.jspt.io.ImageStackWriter;

/**
 * Writes images to an EMAN2 HDF5 stack one at a time ({@link EmanHdf#create}, {@link EmanHdf#append}).
 * A new stack is written at a temporary name and renamed on {@link #close()}; appending writes in place
 * and raises {@code imageid_max} only after an image is complete. Not thread-safe (native calls are
 * serialised globally).
 */
final class EmanHdfWriter implements ImageStackWriter {
    private final Path target;
    /** The file HDF5 writes: a temporary sibling for a new stack, the target itself when appending. */
    private final Path file;
    private final boolean fresh;
    private long fid, images;
    private int count;
    private boolean closed;

    private EmanHdfWriter(Path target, Path file, boolean fresh, long fid, long images, int count) {
        this.target = target;
        this.file = file;
        this.fresh = fresh;
        this.fid = fid;
        this.images = images;
        this.count = count;
    }

    static EmanHdfWriter create(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) throw new FormatException(target, "no such directory: " + dir);
        Path tmp = AtomicFiles.tempBeside(target); // created empty with umask permissions; HDF5 truncates it
        Hdf5.lock();
        long fid = -1, mdf = -1, images = -1;
        try {
            fid = H5Fcreate(tmp.toString(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            if (fid < 0) throw HdfAttributes.failure(target, "cannot create temporary file " + tmp.getFileName());
            mdf = H5Gcreate2(fid, "MDF", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            images = mdf < 0 ? -1 : H5Gcreate2(mdf, "images", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            if (images < 0) throw HdfAttributes.failure(target, "cannot create group " + EmanHdf.IMAGES);
            HdfAttributes.write(images, EmanHdf.IMAGEID_MAX, -1, target); // an empty stack, as EMAN2 starts
            return new EmanHdfWriter(target, tmp, true, fid, images, 0);
        } catch (IOException | RuntimeException e) {
            Hdf5.closeAll(fid, images);
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            Hdf5.close(mdf);
            Hdf5.unlock();
        }
    }

    static EmanHdfWriter appendTo(Path target) throws IOException {
        Hdf5.lock();
        long fid = -1, images = -1;
        try {
            fid = EmanHdf.openFile(target, true);
            images = EmanHdf.openImagesGroup(fid, target);
            int max = EmanHdf.readImageidMax(images, target);
            return new EmanHdfWriter(target, target, false, fid, images, max + 1);
        } catch (IOException | RuntimeException e) {
            Hdf5.closeAll(fid, images);
            throw e;
        } finally {
            Hdf5.unlock();
        }
    }

    @Override public Path path() { return target; }
    @Override public int count() { return count; }

    /**
     * Writes {@code v} as image {@link #count()}: its header (minus HostEndian/ImageEndian and compressed-mode
     * keys) plus EMAN2's statistics, and the voxels as float32. The volume is not modified.
     *
     * @throws IllegalArgumentException if a voxel is NaN or infinite (the file would be unreadable)
     */
    @Override
    public void append(Volume v) throws IOException {
        if (closed) throw new IllegalStateException(target + ": writer is closed");
        int bad = v.firstNonFinite();
        if (bad >= 0) {
            throw new IllegalArgumentException(target + ": image " + count + ": voxel (" + bad % v.nx + ","
                    + (bad / v.nx) % v.ny + "," + bad / v.nx / v.ny + ") is " + v.data[bad] + "; cannot store non-finite values");
        }
        Header h = EmanHeaderKeys.forWriting(v);
        String name = Integer.toString(count);
        Hdf5.lock();
        long g = -1, space = -1, ds = -1;
        try {
            // A group left by an append that failed half-way (imageid_max was not raised): replace it.
            if (H5Lexists(images, name, H5P_DEFAULT) > 0 && H5Ldelete(images, name, H5P_DEFAULT) < 0) {
                throw HdfAttributes.failure(target, "cannot replace the incomplete group of image " + count);
            }
            g = createImageGroup(name, h);
            if (g < 0) throw HdfAttributes.failure(target, "cannot create group " + EmanHdf.IMAGES + "/" + name);
            for (Map.Entry<String, Object> e : h.asMap().entrySet()) {
                HdfAttributes.write(g, "EMAN." + e.getKey(), e.getValue(), target);
            }
            // [nz][ny][nx], [ny][nx] or [nx]: x fastest, as EMAN2 and C order agree.
            long[] dims = v.nz > 1 ? new long[] {v.nz, v.ny, v.nx} : v.ny > 1 ? new long[] {v.ny, v.nx} : new long[] {v.nx};
            space = H5Screate_simple(dims.length, dims, (long[]) null);
            ds = H5Dcreate2(g, "image", Hdf5.IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            if (ds < 0) throw HdfAttributes.failure(target, "cannot create the dataset of image " + count);
            try (FloatPointer p = new FloatPointer(v.data)) {
                if (H5Dwrite(ds, Hdf5.NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, p) < 0) {
                    throw HdfAttributes.failure(target, "cannot write the voxels of image " + count);
                }
            }
            setImageidMax(count);
            count++;
        } finally {
            Hdf5.closeAll(g, space, ds);
            Hdf5.unlock();
        }
    }

    /** Array attributes longer than this (4-byte values) go to dense storage: see {@link #createImageGroup}. */
    static final int DENSE_ARRAY_LENGTH = 8192;

    /**
     * The group of one image. HDF5 keeps a group's attributes in its object header (compact storage), where
     * one attribute message holds at most 64 KB: a class average of more than about 16,000 particles
     * ({@code class_ptcl_idxs}) failed with "object header message is too large". A header with an array
     * longer than {@link #DENSE_ARRAY_LENGTH} gets a group with dense attribute storage (a fractal heap, no
     * size limit; {@code H5Pset_attr_phase_change(gcpl, 0, 0)}), which needs the HDF5 1.8 object format, so
     * the file's format bounds are raised from then on. Other files and groups are written as before.
     */
    private long createImageGroup(String name, Header h) throws FormatException {
        boolean big = false;
        for (Object v : h.asMap().values()) {
            if ((v instanceof int[] a && a.length > DENSE_ARRAY_LENGTH) || (v instanceof float[] f && f.length > DENSE_ARRAY_LENGTH)) big = true;
        }
        if (!big) return H5Gcreate2(images, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        if (H5Fset_libver_bounds(fid, H5F_LIBVER_V18, H5F_LIBVER_LATEST) < 0) {
            throw HdfAttributes.failure(target, "cannot allow the HDF5 1.8 format for the large header of image " + name);
        }
        long gcpl = H5Pcreate(H5P_CLS_GROUP_CREATE_ID_g());
        try {
            if (gcpl < 0 || H5Pset_attr_phase_change(gcpl, 0, 0) < 0) {
                throw HdfAttributes.failure(target, "cannot ask for dense attribute storage for image " + name);
            }
            return H5Gcreate2(images, name, H5P_DEFAULT, gcpl, H5P_DEFAULT);
        } finally {
            Hdf5.close(gcpl);
        }
    }

    private void setImageidMax(int max) throws FormatException {
        long attr = H5Aopen(images, EmanHdf.IMAGEID_MAX, H5P_DEFAULT);
        try (IntPointer p = new IntPointer(1).put(max)) {
            if (attr < 0 || H5Awrite(attr, Hdf5.NATIVE_INT, p) < 0) {
                throw HdfAttributes.failure(target, "cannot update " + EmanHdf.IMAGEID_MAX);
            }
        } finally {
            Hdf5.close(attr);
        }
    }

    /** Closes the HDF5 file; for a new stack, then moves it over the target (atomically where possible). */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        boolean ok = false;
        try {
            closeFile();
            if (fresh) {
                AtomicFiles.commit(file, target);
            }
            ok = true;
        } finally {
            if (!ok && fresh) Files.deleteIfExists(file);
        }
    }

    private void closeFile() throws FormatException {
        Hdf5.lock();
        try {
            Hdf5.close(images);
            images = -1;
            if (fid >= 0) {
                long f = fid;
                fid = -1;
                if (H5Fclose(f) < 0) throw HdfAttributes.failure(target, "cannot close (flush) the file");
            }
        } finally {
            Hdf5.unlock();
        }
    }

    /** For a new stack, deletes the temporary file; when appending, closes the file (images already written stay). */
    @Override
    public void abort() {
        closed = true;
        try {
            closeFile();
        } catch (FormatException ignored) {
            // Aborting: the file is discarded (new stack) or left as far as it was written (append).
        }
        if (fresh) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // Nothing more we can do; the temporary name starts with '.' and says what it is.
            }
        }
    }
}
