package org.jspt.io.hdf;

import static org.bytedeco.hdf5.global.hdf5.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.jspt.Fixtures;
import org.jspt.image.Volume;
import org.jspt.io.FormatException;
import org.jspt.io.ImageStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken files give one-line FormatExceptions naming the file and the problem (and never crash). */
class EmanHdfBadInputTest {
    @TempDir Path tmp;

    /** Opens the stack and reads every image; returns the FormatException this must raise. */
    private static FormatException readAllFails(Path f) {
        return assertThrows(FormatException.class, () -> {
            try (ImageStack s = EmanHdf.open(f)) {
                for (int i = 0; i < s.size(); i++) s.read(i);
            }
        });
    }

    private static void assertMessage(FormatException e, Path f, String problem) {
        String m = e.getMessage();
        assertTrue(m.startsWith(f.toString() + ": "), m);
        assertTrue(m.contains(problem), "expected '" + problem + "' in: " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
    }

    private Path validStack() throws IOException {
        Path f = tmp.resolve("good.hdf");
        EmanHdf.write(f, List.of(EmanHdfTest.sample(6, 5, 4, 0), EmanHdfTest.sample(6, 5, 4, 1)));
        return f;
    }

    /** Edits a file through the C API (as another program might have written it). */
    private interface Edit { void apply(long fid) throws Exception; }

    private static void edit(Path f, Edit e) throws Exception {
        Hdf5.lock();
        long fid = H5Fopen(f.toString(), H5F_ACC_RDWR, H5P_DEFAULT);
        try {
            assertTrue(fid >= 0);
            e.apply(fid);
        } finally {
            assertTrue(H5Fclose(fid) >= 0);
            Hdf5.unlock();
        }
    }

    @Test
    void missingFile() {
        Path f = tmp.resolve("nothing.hdf");
        FormatException e = assertThrows(FormatException.class, () -> EmanHdf.open(f));
        assertMessage(e, f, "no such file");
    }

    @Test
    void textFileIsNotHdf5() throws IOException {
        Path f = tmp.resolve("notes.hdf");
        Files.writeString(f, "these are not voxels\n");
        assertMessage(readAllFails(f), f, "not an HDF5 file");
    }

    @Test
    void truncatedFile() throws IOException {
        Path f = tmp.resolve("half.hdf");
        byte[] b = Files.readAllBytes(Fixtures.eman2("stack.hdf"));
        Files.write(f, Arrays.copyOf(b, b.length / 2));
        FormatException e = readAllFails(f);
        assertMessage(e, f, "truncated or corrupt");
        assertTrue(e.getMessage().contains("truncated file"), "HDF5's own reason: " + e.getMessage());
    }

    @Test
    void corruptBytesInTheVoxels() throws IOException {
        Path f = tmp.resolve("corrupt.hdf");
        byte[] b = Files.readAllBytes(Fixtures.eman2("stack.hdf"));
        Arrays.fill(b, b.length / 2, b.length / 2 + 64, (byte) 0xFF); // 0xFFFFFFFF is a NaN
        Files.write(f, b);
        assertMessage(readAllFails(f), f, "is NaN");
    }

    @Test
    void corruptBytesInTheHeader() throws IOException {
        // Offsets inside image 0's attribute messages in stack.hdf (found by sweeping the file):
        // both used to crash the JVM inside HDF5 1.14.3 before the guards in HdfAttributes.
        for (int offset : new int[] {8192, 10240, 10431}) {
            Path f = tmp.resolve("corrupt" + offset + ".hdf");
            byte[] b = Files.readAllBytes(Fixtures.eman2("stack.hdf"));
            Arrays.fill(b, offset, offset + 64, (byte) 0xFF);
            Files.write(f, b);
            FormatException e = readAllFails(f);
            assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void hdf5FileWithoutEmanLayout() throws Exception {
        Path f = tmp.resolve("plain.h5");
        Hdf5.lock();
        try {
            long fid = H5Fcreate(f.toString(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
            assertTrue(fid >= 0 && H5Fclose(fid) >= 0);
        } finally {
            Hdf5.unlock();
        }
        assertMessage(readAllFails(f), f, "no group /MDF/images");
        edit(f, fid -> HdfAttributes.write(fid, "num_dataset", 3, f));
        assertMessage(readAllFails(f), f, "EMAN's old HDF layout is not supported");
        assertMessage(assertThrows(FormatException.class, () -> EmanHdf.append(f)), f, "EMAN's old HDF layout");
    }

    @Test
    void groupWithoutImageDataset() throws Exception {
        Path f = validStack();
        edit(f, fid -> assertTrue(H5Ldelete(fid, "/MDF/images/1/image", H5P_DEFAULT) >= 0));
        assertMessage(readAllFails(f), f, "image 1 has no 'image' dataset");
    }

    @Test
    void missingImageGroup() throws Exception {
        Path f = validStack();
        edit(f, fid -> assertTrue(H5Ldelete(fid, "/MDF/images/0", H5P_DEFAULT) >= 0));
        assertMessage(readAllFails(f), f, "image 0 does not exist");
    }

    @Test
    void headerThatLiesAboutTheSize() throws Exception {
        Path f = validStack();
        edit(f, fid -> {
            long g = H5Gopen2(fid, "/MDF/images/1", H5P_DEFAULT);
            HdfAttributes.write(g, "EMAN.nz", 3, f);
            H5Gclose(g);
        });
        assertMessage(readAllFails(f), f, "image 1: header says 6x5x3 but dataset is 6x5x4");
    }

    @Test
    void nanVoxel() throws Exception {
        Path f = validStack();
        Volume v = EmanHdfTest.sample(6, 5, 4, 1);
        v.set(2, 3, 1, Float.NaN);
        edit(f, fid -> {
            long ds = H5Dopen2(fid, "/MDF/images/1/image", H5P_DEFAULT);
            try (FloatPointer p = new FloatPointer(v.data)) {
                assertTrue(H5Dwrite(ds, Hdf5.NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, p) >= 0);
            }
            H5Dclose(ds);
        });
        assertMessage(readAllFails(f), f, "image 1: voxel (2,3,1) is NaN");
    }

    @Test
    void indexOutOfRange() throws Exception {
        Path f = validStack();
        try (ImageStack s = EmanHdf.open(f)) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> s.read(2));
            assertTrue(e.getMessage().contains("image 2 out of range; the stack has 2 images"), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> s.readHeader(-1));
        }
    }
}
