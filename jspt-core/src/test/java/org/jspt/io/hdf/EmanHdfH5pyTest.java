package org.jspt.io.hdf;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.jspt.image.Header;
import org.jspt.image.Volume;
import org.jspt.io.ImageStack;
import org.junit.jupiter.api.Test;

/**
 * Reading a stack written by h5py ({@code src/test/resources/fixtures/h5py/make_h5py_fixture.py}, Debian
 * python3-h5py 3.7): variable-length UTF-8 strings, int64 and float64 attributes, keys without the
 * {@code EMAN.} prefix, a group attribute, a big-endian dataset and an image without nx/ny/nz.
 */
class EmanHdfH5pyTest {
    private static Path fixture() throws Exception {
        return Paths.get(EmanHdfH5pyTest.class.getResource("/fixtures/h5py/h5py_stack.hdf").toURI());
    }

    @Test
    void readsAttributesAsH5pyWritesThem() throws Exception {
        try (ImageStack s = EmanHdf.open(fixture())) {
            assertEquals(2, s.size());
            Volume v = s.read(0);
            assertEquals("4x3x2", v.shape());
            for (int k = 0; k < v.data.length; k++) assertEquals(k * 0.5f - 3.0f, v.data[k], 0f);
            Header h = v.header();
            assertEquals("particles.hdf", h.get("class_ptcl_src"));
            assertEquals("Å/px ünïcode", h.get("note"));
            assertEquals(4.25, h.get("apix_x"));
            assertEquals(1.5, h.get("defocus_pair"), "a float64 array gives its first element, as in EMAN2");
            assertEquals(42, h.get("count64"));
            assertArrayEquals(new int[] {10, 20, 30}, (int[]) h.get("coords"));
            assertArrayEquals(new float[] {0.25f, 0.5f}, (float[]) h.get("weights"));
            assertEquals(Boolean.TRUE, h.get("flag"));
            assertEquals("ts_01", h.get("tilt_series"));
            assertEquals(7, h.get("plain_int"));
            assertEquals("written by h5py", h.get("Group.origin_note"));
            assertFalse(h.has("python_bool"), "an enum attribute has no EMAN2 type and is skipped");
        }
    }

    @Test
    void readsBigEndianDataAndSizeFromDatasetDims() throws Exception {
        try (ImageStack s = EmanHdf.open(fixture())) {
            Header h = s.readHeader(1);
            assertEquals(5, h.get("nx"));
            assertEquals(2, h.get("ny"));
            assertEquals(1, h.get("nz"));
            Volume v = s.read(1);
            assertEquals("5x2", v.shape());
            for (int k = 0; k < 10; k++) assertEquals(k - 4f, v.data[k], 0f);
        }
    }
}
