package org.jspt.io.hdf;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspt.Fixtures;
import org.jspt.geom.Transform;
import org.jspt.image.Header;
import org.jspt.image.Volume;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStackWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading EMAN2-written fixtures, round trips, appending, atomic creation and concurrent readers. */
class EmanHdfTest {
    private static JsonNode expected;

    @TempDir Path tmp;

    @BeforeAll
    static void loadExpected() throws IOException {
        expected = new ObjectMapper().readTree(Fixtures.eman2("expected.json").toFile());
    }

    private static void assertRel(double want, double got, double rel, String what) {
        assertEquals(want, got, Math.max(Math.abs(want) * rel, 1e-12), what);
    }

    @Test
    void readsEman2StackLikeEman2() throws IOException {
        try (ImageStack s = EmanHdf.open(Fixtures.eman2("stack.hdf"))) {
            assertEquals(3, s.size());
            assertEquals("HDF5 (EMAN2)", s.formatName());
            for (JsonNode e : expected.get("stack.hdf")) {
                int i = e.get("index").asInt();
                Volume v = s.read(i);
                Header h = v.header();
                String at = "image " + i + " ";
                assertEquals(e.get("nx").asInt(), v.nx);
                assertEquals(e.get("ny").asInt(), v.ny);
                assertEquals(e.get("nz").asInt(), v.nz);
                // The mean is ~1e-8 around 0: compare it against the image's spread, not relatively.
                assertEquals(e.get("mean").asDouble(), v.mean(), 1e-6, at + "mean");
                assertRel(e.get("sigma").asDouble(), v.sigma(), 1e-6, at + "sigma");
                float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
                for (float x : v.data) { min = Math.min(min, x); max = Math.max(max, x); }
                assertRel(e.get("minimum").asDouble(), min, 1e-6, at + "minimum");
                assertRel(e.get("maximum").asDouble(), max, 1e-6, at + "maximum");
                assertRel(e.get("value_at_x3_y5_z7").asDouble(), v.get(3, 5, 7), 1e-6, at + "voxel (3,5,7)");
                assertEquals(Double.class, h.get("apix_x").getClass(), "EMAN2 wrote apix_x as float64");
                assertRel(e.get("apix_x").asDouble(), h.getDouble("apix_x", 0), 1e-6, at + "apix_x");
                Transform t = h.getTransform("xform.align3d");
                double[] m = t.matrix();
                for (int k = 0; k < 12; k++) {
                    assertEquals(e.get("xform.align3d_matrix").get(k).asDouble(), m[k], 1e-7, at + "xform element " + k);
                }
                assertRel(e.get("spt_score").asDouble(), h.getDouble("spt_score", 0), 1e-6, at + "spt_score");
                int[] coord = (int[]) h.get("ptcl_source_coord");
                for (int k = 0; k < 3; k++) assertEquals(e.get("ptcl_source_coord").get(k).asInt(), coord[k]);
                assertEquals(e.get("class_ptcl_src").asText(), h.get("class_ptcl_src"));
                // NB: a Python bool set on a header is stored by EMAN2 as int32 0/1, not 'T'/'F'.
                assertEquals(Integer.class, h.get("my_bool").getClass());
                assertEquals(e.get("my_bool").asBoolean(), h.getBool("my_bool", !e.get("my_bool").asBoolean()));
                assertEquals(Integer.valueOf(e.get("my_int").asInt()), h.get("my_int"));
                assertEquals(Float.class, h.get("mean").getClass());
            }
        }
    }

    @Test
    void readHeaderGivesTheHeaderWithoutVoxels() throws IOException {
        try (ImageStack s = EmanHdf.open(Fixtures.eman2("stack.hdf"))) {
            Header h = s.readHeader(1);
            assertEquals(24, h.get("nx"));
            assertEquals(24, h.get("nz"));
            assertEquals(s.read(1).header(), h);
        }
    }

    @Test
    void readsEman2CompressedMode() throws IOException {
        JsonNode e = expected.get("compressed.hdf");
        try (ImageStack s = EmanHdf.open(Fixtures.eman2("compressed.hdf"))) {
            assertEquals(1, s.size());
            Volume v = s.read(0);
            assertEquals(e.get("nx").asInt(), v.nx);
            assertEquals(e.get("mean_after_reading_with_eman2").asDouble(), v.mean(), 1e-6);
            assertEquals(e.get("value_at_x3_y5_z7_after_reading").asDouble(), v.get(3, 5, 7), 1e-6);
            assertEquals(e.get("bits").asInt(), v.header().get("stored_renderbits"));
            for (JsonNode k : e.get("header_keys")) {
                String key = k.asText();
                // EMAN2 adds these four when it reads an image; they are not in the file.
                if (List.of("HostEndian", "ImageEndian", "source_path", "source_n").contains(key)) continue;
                assertTrue(v.header().has(key), "header key " + key);
            }
        }
    }

    /** A volume with a deterministic pattern and a header carrying every supported value type. */
    static Volume sample(int nx, int ny, int nz, int seed) {
        Volume v = new Volume(nx, ny, nz);
        for (int k = 0; k < v.data.length; k++) v.data[k] = (float) Math.sin(0.37 * k + seed) * (seed + 1);
        v.header().put("my_flag", seed % 2 == 0).put("my_int", -7 + seed).put("my_uint", 4_000_000_000L)
                .put("my_float", 1.25f).put("spt_score", -0.5 - seed).put("class_ptcl_src", "particles_" + seed + ".hdf")
                .put("empty_string", "").put("ptcl_source_coord", new int[] {100 + seed, 200, 300})
                .put("my_floats", new float[] {0.5f, -1.5f, 3e-7f})
                .put("xform.align3d", Transform.eman(5 + seed, 20, -30, 1.5, -2, 0.25))
                .put("apix_x", 3.5f).put("apix_y", 3.5f).put("apix_z", 3.5f)
                .put("HostEndian", "little").put("stored_renderbits", 8);
        return v;
    }

    /** Checks what a reader gets back for {@code in}: its data exactly, its header with EMAN2's additions. */
    static void assertRoundTrip(Volume in, Volume out) {
        assertEquals(in.shape(), out.shape());
        assertArrayEquals(in.data, out.data);
        Header h = out.header();
        for (String k : in.header().keys()) {
            if (k.equals("HostEndian") || k.equals("stored_renderbits")) {
                assertFalse(h.has(k), k + " is not written back");
                continue;
            }
            Object want = in.header().get(k), got = h.get(k);
            if (want instanceof Transform t) {
                // Stored as float32, as EMAN2 does.
                double[] a = t.matrix(), b = ((Transform) got).matrix();
                for (int i = 0; i < 12; i++) assertEquals((float) a[i], b[i], 0.0, k + "[" + i + "]");
            } else {
                assertEquals(want.getClass(), got.getClass(), k + " type");
                assertTrue(java.util.Arrays.deepEquals(new Object[] {want}, new Object[] {got}), k + ": " + got);
            }
        }
        assertEquals(in.nx, h.get("nx"));
        assertEquals(in.ny, h.get("ny"));
        assertEquals(in.nz, h.get("nz"));
        assertEquals(7, h.get("datatype"));
        assertEquals(0, h.get("is_complex_ri"));
        assertEquals((float) in.mean(), (Float) h.get("mean"), 1e-6f);
        assertEquals((float) in.sigma(), (Float) h.get("sigma"), 1e-6f);
    }

    @Test
    void roundTripKeepsDataAndEveryHeaderType() throws IOException {
        Path f = tmp.resolve("rt.hdf");
        List<Volume> in = List.of(sample(6, 5, 4, 0), sample(7, 3, 1, 1), sample(9, 1, 1, 2));
        EmanHdf.write(f, in);
        try (ImageStack s = EmanHdf.open(f)) {
            assertEquals(3, s.size());
            for (int i = 0; i < 3; i++) assertRoundTrip(in.get(i), s.read(i));
            assertEquals(s.read(1).header(), s.readHeader(1));
        }
    }

    @Test
    void stacksOfOneFileShareTheImagesGroupAcrossItsReopenings() throws IOException {
        // Stacks of one file share /MDF/images, which is reopened every REOPEN_EVERY lookups; two stacks read in
        // turn, in order and backwards and by header, on both sides of the reopenings, and one goes on alone after
        // the other is closed.
        int n = SharedImagesGroup.REOPEN_EVERY * 2 + 3;
        Path f = tmp.resolve("many.hdf");
        writeNumbered(f, n, 0);
        int before = SharedImagesGroup.openCount();
        ImageStack a = EmanHdf.open(f);
        try (ImageStack b = EmanHdf.open(f)) {
            assertEquals(before + 1, SharedImagesGroup.openCount(), "one shared group for the file");
            for (int i = 0; i < n; i++) assertEquals(i, (i % 2 == 0 ? a : b).read(i).data[0], "in order");
            for (int i = n - 1; i >= 0; i -= 7) assertEquals(-i, (i % 3 == 0 ? a : b).read(i).data[1], "backwards");
            for (int i = 0; i < n; i++) assertEquals(2, b.readHeader(i).get("nx"), "headers");
            a.close();
            for (int i = 0; i < n; i += 5) assertEquals(i, b.read(i).data[0], "after the other stack closed");
        }
        assertEquals(before, SharedImagesGroup.openCount(), "the last close closes the file");
    }

    @Test
    void aFileReplacedUnderItsNameIsNotConfusedWithTheOpenOne() throws IOException {
        Path f = tmp.resolve("replaced.hdf"), g = tmp.resolve("next.hdf");
        writeNumbered(f, 3, 0);
        writeNumbered(g, 4, 100);
        try (ImageStack old = EmanHdf.open(f)) {
            Files.move(g, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (ImageStack now = EmanHdf.open(f)) {
                assertEquals(4, now.size());
                assertEquals(102, now.read(2).data[0]);
                assertEquals(2, old.read(2).data[0], "the open stack still reads the file it opened");
            }
        }
    }

    private static void writeNumbered(Path f, int n, int first) throws IOException {
        try (ImageStackWriter w = EmanHdf.create(f)) {
            for (int i = 0; i < n; i++) {
                Volume v = new Volume(2, 1, 1);
                v.data[0] = first + i;
                v.data[1] = -(first + i);
                w.append(v);
            }
        }
    }

    @Test
    void appendAddsAtTheEndInPlace() throws IOException {
        Path f = tmp.resolve("app.hdf");
        EmanHdf.write(f, List.of(sample(6, 5, 4, 0), sample(7, 3, 1, 1)));
        Volume third = sample(4, 4, 4, 2);
        try (ImageStackWriter w = EmanHdf.append(f)) {
            assertEquals(2, w.count());
            w.append(third);
            assertEquals(3, w.count());
        }
        try (ImageStack s = EmanHdf.open(f)) {
            assertEquals(3, s.size());
            assertRoundTrip(sample(6, 5, 4, 0), s.read(0));
            assertRoundTrip(third, s.read(2));
            List<Volume> all = new ArrayList<>();
            s.forEach(all::add);
            assertEquals(3, all.size());
        }
    }

    @Test
    void appendToAMissingFileCreatesIt() throws IOException {
        Path f = tmp.resolve("new.hdf");
        try (ImageStackWriter w = EmanHdf.append(f)) {
            w.append(sample(3, 3, 3, 0));
        }
        try (ImageStack s = EmanHdf.open(f)) {
            assertEquals(1, s.size());
        }
    }

    @Test
    void appendToEman2FileKeepsItsImages() throws IOException {
        Path f = tmp.resolve("stack.hdf");
        Files.copy(Fixtures.eman2("stack.hdf"), f);
        Volume first;
        try (ImageStack s = EmanHdf.open(f)) {
            first = s.read(0);
        }
        try (ImageStackWriter w = EmanHdf.append(f)) {
            w.append(first);
        }
        try (ImageStack s = EmanHdf.open(f)) {
            assertEquals(4, s.size());
            assertArrayEquals(first.data, s.read(3).data);
            assertEquals(first.header().get("xform.align3d").toString(), s.read(3).header().get("xform.align3d").toString());
        }
    }

    @Test
    void createWritesATemporaryFileAndRenamesOnClose() throws IOException {
        Path f = tmp.resolve("out.hdf");
        ImageStackWriter w = EmanHdf.create(f);
        w.append(sample(3, 3, 3, 0));
        assertFalse(Files.exists(f), "target must not exist before close");
        try (var listing = Files.list(tmp)) {
            assertEquals(1, listing.filter(p -> p.getFileName().toString().startsWith(".out.hdf.") && p.getFileName().toString().endsWith(".tmp")).count());
        }
        w.close();
        assertTrue(Files.exists(f));
        try (var listing = Files.list(tmp)) {
            assertEquals(List.of(f), listing.toList(), "only the target remains");
        }
    }

    @Test
    void abortLeavesNoFile() throws IOException {
        Path f = tmp.resolve("out.hdf");
        ImageStackWriter w = EmanHdf.create(f);
        w.append(sample(3, 3, 3, 0));
        w.abort();
        try (var listing = Files.list(tmp)) {
            assertEquals(0, listing.count());
        }
    }

    @Test
    void createReplacesAnExistingFileOnlyOnClose() throws IOException {
        Path f = tmp.resolve("out.hdf");
        EmanHdf.write(f, List.of(sample(3, 3, 3, 0)));
        ImageStackWriter w = EmanHdf.create(f);
        w.append(sample(4, 4, 4, 1));
        w.append(sample(4, 4, 4, 2));
        try (ImageStack s = EmanHdf.open(f)) {
            assertEquals(1, s.size(), "old file intact while writing");
        }
        w.close();
        try (ImageStack s = EmanHdf.open(f)) {
            assertEquals(2, s.size());
        }
    }

    @Test
    void writerRejectsNonFiniteVoxels() throws IOException {
        Volume v = sample(3, 3, 3, 0);
        v.set(1, 2, 0, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmanHdf.write(tmp.resolve("nan.hdf"), List.of(v)));
        assertTrue(e.getMessage().contains("voxel (1,2,0)"), e.getMessage());
        try (var listing = Files.list(tmp)) {
            assertEquals(0, listing.count(), "nothing left behind");
        }
    }

    @Test
    void threadsReadingTheSameFileGetCorrectData() throws Exception {
        Path f = Fixtures.eman2("stack.hdf");
        float[][] want = new float[3][];
        try (ImageStack s = EmanHdf.open(f)) {
            for (int i = 0; i < 3; i++) want[i] = s.read(i).data;
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                results.add(pool.submit((Callable<Boolean>) () -> {
                    try (ImageStack s = EmanHdf.open(f)) {
                        for (int round = 0; round < 20; round++) {
                            for (int i = 0; i < 3; i++) {
                                if (!java.util.Arrays.equals(want[i], s.read(i).data)) return false;
                                s.readHeader(i);
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) assertTrue(r.get());
        } finally {
            pool.shutdownNow();
        }
    }
    /**
     * A class average of 100,000 particles carries class_ptcl_idxs of ~48,000 ints (192 KB): more than HDF5's
     * 64 KB for an attribute in a group's object header. Such a header is written (dense attribute storage)
     * and read back, with an ordinary image after it in the same file.
     */
    @Test
    void headerArraysOverTheObjectHeaderLimitAreWrittenAndReadBack() throws IOException {
        int[] idx = new int[48_000];
        for (int i = 0; i < idx.length; i++) idx[i] = 2 * i + 1;
        float[] f = new float[20_000];
        for (int i = 0; i < f.length; i++) f[i] = i * 0.5f;
        Volume big = Volume.cube(8);
        big.data[3] = 2f;
        big.header().put("class_ptcl_idxs", idx).put("spt_ptcl_indxs", idx.clone()).put("curve", f).put("spt_multiplicity", idx.length);
        Volume small = Volume.cube(8);
        small.data[5] = -1f;
        small.header().put("class_ptcl_idxs", new int[] {4, 6});
        Path file = tmp.resolve("large_header.hdf");
        EmanHdf.write(file, List.of(big, small));
        try (ImageStack s = EmanHdf.open(file)) {
            assertEquals(2, s.size());
            Volume b = s.read(0), m = s.read(1);
            assertArrayEquals(idx, (int[]) b.header().get("class_ptcl_idxs"));
            assertArrayEquals(idx, (int[]) b.header().get("spt_ptcl_indxs"));
            assertArrayEquals(f, (float[]) b.header().get("curve"));
            assertEquals(48_000, b.header().getInt("spt_multiplicity", 0));
            assertArrayEquals(big.data, b.data);
            assertArrayEquals(new int[] {4, 6}, (int[]) m.header().get("class_ptcl_idxs"));
            assertArrayEquals(small.data, m.data);
        }
    }
}
