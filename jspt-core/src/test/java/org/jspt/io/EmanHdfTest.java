package org.jspt.io;

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
}
