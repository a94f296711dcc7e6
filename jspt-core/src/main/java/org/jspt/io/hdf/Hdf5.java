package org.jspt.io.hdf;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.util.concurrent.locks.ReentrantLock;
import org.bytedeco.hdf5.H5E_error2_t;
import org.bytedeco.hdf5.H5E_walk2_t;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The one door to the native HDF5 library (JavaCPP preset 1.14.3-1.5.10): a global lock, valid
 * predefined type ids, a silenced error stack, and small helpers for closing ids.
 *
 * <p>Threading: the bundled library is not built thread-safe, so <b>every</b> native HDF5 call in this
 * package must run while {@link #LOCK} is held by the calling thread. The lock is reentrant, so helpers
 * may lock again. Holding it across a whole image read keeps the code simple; HDF5 would serialise the
 * calls anyway.
 */
final class Hdf5 {
    private Hdf5() {}

    /** Guards every native HDF5 call in the JVM. */
    static final ReentrantLock LOCK = new ReentrantLock();

    // NB: the C API's predefined-id functions (H5T_NATIVE_FLOAT() etc.) are mapped to Java int and
    // return truncated, unusable ids in this preset; the C++ PredType objects hold the real 64-bit
    // hid_t values, and the ids are valid for the C functions. H5P_DEFAULT (0), H5S_ALL (0),
    // H5E_DEFAULT (0) and the H5F_ACC_* flags are plain constants and safe to use as mapped.
    static final long NATIVE_CHAR, NATIVE_UCHAR, NATIVE_USHORT, NATIVE_INT, NATIVE_UINT, NATIVE_LLONG;
    static final long NATIVE_FLOAT, NATIVE_DOUBLE, C_S1, IEEE_F32LE;

    /**
     * File access properties for reading: evict an object's metadata from the cache when it is closed.
     * NB: without it, reading every image of a big stack once grows the process by ~33 kB per distinct image
     * (measured: 5,000 reads of 16³ images, 94 → 220 MB RSS; flat with eviction), i.e. gigabytes for
     * 10⁵ particles, although each image is opened, read and closed. Streaming passes read each image once
     * per pass, so the cache buys nothing there.
     */
    static final long READ_ACCESS;

    /** Keeps the JavaCPP callback reachable; it records the innermost message of a failed call. */
    private static final ErrorWalker WALKER;
    private static String lastDetail = "";

    static {
        LOCK.lock();
        try {
            NATIVE_CHAR = PredType.NATIVE_SCHAR().getId();
            NATIVE_UCHAR = PredType.NATIVE_UCHAR().getId();
            NATIVE_USHORT = PredType.NATIVE_USHORT().getId();
            NATIVE_INT = PredType.NATIVE_INT().getId();
            NATIVE_UINT = PredType.NATIVE_UINT().getId();
            NATIVE_LLONG = PredType.NATIVE_LLONG().getId();
            NATIVE_FLOAT = PredType.NATIVE_FLOAT().getId();
            NATIVE_DOUBLE = PredType.NATIVE_DOUBLE().getId();
            C_S1 = PredType.C_S1().getId();
            IEEE_F32LE = PredType.IEEE_F32LE().getId();
            READ_ACCESS = H5Pcreate(H5P_CLS_FILE_ACCESS_ID_g());
            if (READ_ACCESS < 0 || H5Pset_evict_on_close(READ_ACCESS, true) < 0) {
                throw new IllegalStateException("HDF5: cannot make the file access properties (evict on close)");
            }
            WALKER = new ErrorWalker();
            quiet();
        } finally {
            LOCK.unlock();
        }
    }

    /** Acquires the global lock and silences the automatic error printing (which may be per thread). */
    static void lock() {
        LOCK.lock();
        quiet();
    }

    static void unlock() { LOCK.unlock(); }

    private static void quiet() {
        // A null callback stops HDF5 from printing its error stack to stderr; failures are reported
        // through return values, which the callers turn into FormatExceptions.
        H5Eset_auto2(H5E_DEFAULT, null, null);
    }

    /**
     * The innermost description on the current HDF5 error stack (e.g. "truncated file: eof = 92848, …"),
     * or "" if there is none. Call right after a failed call, with the lock held.
     */
    static String errorDetail() {
        lastDetail = "";
        H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, WALKER, null);
        H5Eclear2(H5E_DEFAULT);
        return lastDetail.replace('\n', ' ').trim();
    }

    private static final class ErrorWalker extends H5E_walk2_t {
        @Override
        public int call(int n, H5E_error2_t err, Pointer data) {
            BytePointer desc = err.desc();
            if (desc != null && !desc.isNull()) {
                String s = desc.getString();
                // Walking downward, the last entry is the innermost (most specific) one.
                if (!s.isBlank()) lastDetail = s;
            }
            return 0;
        }
    }

    /** Closes an id of any kind (file, group, dataset, attribute, type, space, plist); ignores id < 0. */
    static void close(long id) {
        if (id < 0) return;
        int type = H5Iget_type(id);
        if (type == H5I_FILE) H5Fclose(id);
        else if (type == H5I_GROUP) H5Gclose(id);
        else if (type == H5I_DATASET) H5Dclose(id);
        else if (type == H5I_ATTR) H5Aclose(id);
        else if (type == H5I_DATATYPE) H5Tclose(id);
        else if (type == H5I_DATASPACE) H5Sclose(id);
        else if (type == H5I_GENPROP_LST) H5Pclose(id);
        H5Eclear2(H5E_DEFAULT);
    }

    /** Closes several ids, last opened first. */
    static void closeAll(long... ids) {
        for (int i = ids.length - 1; i >= 0; i--) close(ids[i]);
    }
}
