package org.jspt.io.hdf;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file layout jspt writes, checked with the HDF5 project's own {@code h5dump} (Debian package
 * {@code hdf5-tools}) against EMAN2's layout (docs/reference/formats.md §2.1–2.2). The test fails, not skips, when
 * h5dump is missing: CI installs it.
 */
class EmanHdfH5dumpTest {
    @TempDir Path tmp;

    private static String h5dump(Path file) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("h5dump", "-p", "-H", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("h5dump not found; install the Debian package hdf5-tools (" + e.getMessage() + ")");
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "h5dump timed out");
        assertEquals(0, p.exitValue(), "h5dump failed:\n" + out);
        return out;
    }

    /** The block that starts at the first line containing {@code opening} and ends at its matching brace. */
    private static String block(String dump, String opening) {
        int start = dump.indexOf(opening);
        assertTrue(start >= 0, "h5dump output has no " + opening + ":\n" + dump);
        int depth = 0;
        for (int i = start; i < dump.length(); i++) {
            char c = dump.charAt(i);
            if (c == '{') depth++;
            if (c == '}' && --depth == 0) return dump.substring(start, i + 1);
        }
        return fail("unbalanced braces after " + opening);
    }

    private static String squash(String s) { return s.replaceAll("\\s+", " "); }

    @Test
    void writtenFileHasEman2sLayoutAndTypes() throws Exception {
        Path f = tmp.resolve("layout.hdf");
        Volume v = new Volume(6, 5, 4);
        v.header().put("class_ptcl_src", "particles.hdf").put("my_bool", true).put("spt_score", -0.5)
                .put("xform.align3d", Transform.eman(10, 20, 30, 1, 2, 3));
        EmanHdf.write(f, List.of(v, new Volume(7, 3, 1)));
        String dump = h5dump(f);

        String images = block(dump, "GROUP \"images\"");
        assertTrue(squash(block(images, "ATTRIBUTE \"imageid_max\"")).contains(
                "DATATYPE H5T_STD_I32LE DATASPACE SIMPLE { ( 1 ) / ( 1 ) }"));
        String g0 = block(images, "GROUP \"0\"");
        String g1 = block(images, "GROUP \"1\"");

        String ds0 = squash(block(g0, "DATASET \"image\""));
        assertTrue(ds0.contains("DATATYPE H5T_IEEE_F32LE DATASPACE SIMPLE { ( 4, 5, 6 ) / ( 4, 5, 6 ) }"), ds0);
        assertTrue(ds0.contains("CONTIGUOUS"), ds0);
        assertTrue(squash(block(g1, "DATASET \"image\"")).contains("DATASPACE SIMPLE { ( 3, 7 ) / ( 3, 7 ) }"));

        String xf = squash(block(g0, "ATTRIBUTE \"EMAN.xform.align3d\""));
        StringBuilder members = new StringBuilder("H5T_COMPOUND {");
        for (String m : new String[] {"00", "01", "02", "03", "10", "11", "12", "13", "20", "21", "22", "23"}) {
            members.append(" H5T_IEEE_F32LE \"").append(m).append("\";");
        }
        assertTrue(xf.contains(members + " } DATASPACE SIMPLE { ( 1 ) / ( 1 ) }"), xf);

        String str = squash(block(g0, "ATTRIBUTE \"EMAN.class_ptcl_src\""));
        assertTrue(str.contains("H5T_STRING { STRSIZE 14; STRPAD H5T_STR_NULLTERM;"), str);
        assertTrue(str.contains("DATASPACE SCALAR"), str);

        assertTrue(squash(block(g0, "ATTRIBUTE \"EMAN.my_bool\"")).contains(
                "DATATYPE H5T_STD_I8LE DATASPACE SIMPLE { ( 1 ) / ( 1 ) }"));
        assertTrue(squash(block(g0, "ATTRIBUTE \"EMAN.spt_score\"")).contains(
                "DATATYPE H5T_IEEE_F64LE DATASPACE SIMPLE { ( 1 ) / ( 1 ) }"));
        assertTrue(squash(block(g0, "ATTRIBUTE \"EMAN.nx\"")).contains("DATATYPE H5T_STD_I32LE"));
        assertTrue(squash(block(g0, "ATTRIBUTE \"EMAN.mean\"")).contains("DATATYPE H5T_IEEE_F32LE"));
        assertTrue(squash(block(g0, "ATTRIBUTE \"EMAN.apix_x\"")).contains("DATATYPE H5T_IEEE_F32LE"));
    }

    @Test
    void boolIsStoredAsTheCharacterT() throws Exception {
        Path f = tmp.resolve("bool.hdf");
        Volume v = new Volume(2, 2, 2);
        v.header().put("yes", true).put("no", false);
        EmanHdf.write(f, List.of(v));
        Process p = new ProcessBuilder("h5dump", "-a", "/MDF/images/0/EMAN.yes", "-a", "/MDF/images/0/EMAN.no", f.toString())
                .redirectErrorStream(true).start();
        String out = squash(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.contains("(0): 84"), "'T' = 84: " + out);
        assertTrue(out.contains("(0): 70"), "'F' = 70: " + out);
    }
}
