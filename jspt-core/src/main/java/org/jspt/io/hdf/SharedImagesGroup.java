package org.jspt.io.hdf;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacpp.CLongPointer;
import org.jspt.io.FormatException;

/**
 * The {@code /MDF/images} group of one EMAN2 HDF file open for reading, shared by every {@link EmanHdfStack} of that
 * file in this process, and closed and opened again every {@link #REOPEN_EVERY} image lookups.
 *
 * <p>Why: each lookup of an image by name caches nodes of the group's symbol table (B-tree and symbol nodes) in
 * HDF5's metadata cache, tagged to the group, for as long as the group is open; every later close of an image (evict
 * on close, see {@link Hdf5}) then costs more. Measured on 100,000 images of 16³ read in order (perf: 90 % of the time
 * in the metadata cache): the reads slowed from 2,100/s to 700/s, and a pass took 100 s. Closing the group evicts its
 * nodes (256 to 1,024 lookups between reopenings were equally fast; 64 and 4,096 slower), and opening it again costs a
 * few reads: the same pass takes 15 s at a flat 7,500/s. HDF5 shares one file (and one metadata cache) among all the
 * opens of that file in a process, so the group's nodes stay cached while <em>any</em> stack holds the group open:
 * with one stack per particle thread the reopening did nothing until the stacks shared one group id. Sharing costs no
 * parallelism, as every HDF5 call is serialised ({@link Hdf5#lock()}).
 *
 * <p>Every method is called with {@link Hdf5#lock()} held.
 */
final class SharedImagesGroup {
    static final int REOPEN_EVERY = 512;

    /** Open groups by HDF5's file number (the same for every open of one file: HDF5 shares the file). */
    private static final Map<Long, SharedImagesGroup> OPEN = new HashMap<>();

    private final long fileno;
    private final Path path;
    private long fid, images;
    private int users, lookups;

    private SharedImagesGroup(long fileno, Path path, long fid, long images) {
        this.fileno = fileno;
        this.path = path;
        this.fid = fid;
        this.images = images;
    }

    /** The shared group of {@code path}'s file, opening the file if no stack of it is open; one more user. */
    static SharedImagesGroup acquire(Path path) throws FormatException {
        long fid = EmanHdf.openFile(path, false);
        try {
            long fileno;
            try (CLongPointer no = new CLongPointer(1)) {
                if (H5Fget_fileno(fid, no) < 0) throw HdfAttributes.failure(path, "cannot get the HDF5 file number");
                fileno = no.get();
            }
            SharedImagesGroup s = OPEN.get(fileno);
            if (s == null) {
                s = new SharedImagesGroup(fileno, path, fid, EmanHdf.openImagesGroup(fid, path));
                fid = -1; // the shared group owns it now
                OPEN.put(fileno, s);
            }
            s.users++;
            return s;
        } finally {
            Hdf5.close(fid); // a second open of a shared file (HDF5 keeps the file open for the shared id), or a failure
        }
    }

    /** The group, to read its own attributes. */
    long images() { return images; }

    /** The group, for one more image lookup; reopened first when {@link #REOPEN_EVERY} lookups were made since. */
    long imagesForLookup() throws FormatException {
        if (++lookups > REOPEN_EVERY) {
            long old = images;
            images = -1;
            Hdf5.close(old);
            images = EmanHdf.openImagesGroup(fid, path);
            lookups = 1;
        }
        return images;
    }

    /** One user fewer; the last closes the group and the file. */
    void release() throws FormatException {
        if (--users > 0) return;
        OPEN.remove(fileno);
        Hdf5.close(images);
        images = -1;
        long f = fid;
        fid = -1;
        if (H5Fclose(f) < 0) throw HdfAttributes.failure(path, "cannot close the file");
    }

    /** Files with a shared group open now (for tests). */
    static int openCount() { return OPEN.size(); }
}
