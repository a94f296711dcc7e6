package org.jspt.io.hdf;

import static org.bytedeco.hdf5.global.hdf5.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.jspt.image.Volume;
import org.jspt.io.ImageStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stacks are opened for reading with HDF5's evict-on-close: reading every image of a huge stack once must
 * not leave each image's metadata in the cache (without it a process grew by ~33 kB per distinct image).
 */
class EmanHdfReadMemoryTest {
    @TempDir Path tmp;

    @Test
    void readingManyImagesLeavesTheMetadataCacheSmall() throws Exception {
        int n = 400;
        List<Volume> vols = new ArrayList<>();
        for (int i = 0; i < n; i++) vols.add(new Volume(2, 2, 2));
        Path f = tmp.resolve("s.hdf");
        EmanHdf.write(f, vols);
        Hdf5.lock();
        long fid = -1, images = -1;
        try (FloatPointer buf = new FloatPointer(8); SizeTPointer max = new SizeTPointer(1); SizeTPointer min = new SizeTPointer(1);
             SizeTPointer cur = new SizeTPointer(1); IntPointer entries = new IntPointer(1)) {
            fid = EmanHdf.openFile(f, false); // as every stack is opened for reading
            images = EmanHdf.openImagesGroup(fid, f);
            for (int i = 0; i < n; i++) { // what EmanHdfStack.read does per image: open, read, close
                long g = H5Gopen2(images, Integer.toString(i), H5P_DEFAULT);
                long ds = H5Dopen2(g, "image", H5P_DEFAULT);
                assertTrue(H5Dread(ds, Hdf5.NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) >= 0);
                H5Dclose(ds);
                H5Gclose(g);
            }
            assertTrue(H5Fget_mdc_size(fid, max, min, cur, entries) >= 0);
            // Without eviction the cache keeps ~3 entries per image read (> 1,000 here).
            assertTrue(entries.get() < n, "metadata cache entries after reading " + n + " images: " + entries.get());
        } finally {
            Hdf5.closeAll(images);
            if (fid >= 0) H5Fclose(fid);
            Hdf5.unlock();
        }
        try (ImageStack s = EmanHdf.open(f)) { // and images still read, twice (metadata read again when needed)
            for (int r = 0; r < 2; r++) assertEquals(8, s.read(n - 1).data.length);
        }
    }
}
