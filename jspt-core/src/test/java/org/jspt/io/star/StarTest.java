package org.jspt.io.star;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspt.io.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STAR reading (RELION 3.0 and 3.1+ layouts, whitespace, comments, quotes), writing and round trips. */
class StarTest {
    @TempDir Path dir;

    private static final String RELION31 = """
            
            # version 30001
            
            data_optics
            
            loop_ 
            _rlnOpticsGroupName #1 
            _rlnOpticsGroup #2 
            _rlnImagePixelSize #3 
            _rlnImageSize #4 
            _rlnImageDimensionality #5 
            opticsGroup1            1     5.000000     32     3 
             
            
            # version 30001
            
            data_particles
            
            loop_ 
            _rlnImageName #1 
            _rlnTomoName #2
            _rlnAngleRot #3 
            _rlnOpticsGroup #4
            sub/p1.mrc\tTS_01   12.500000  1   # a comment after a row
               2@stack.mrcs   'TS 02'   -7.25 1
            "3@it's here.mrcs"  TS_03 0 1
            
            """;

    @Test
    void readsRelion31BlocksWithCommentsTabsAndQuotes() throws Exception {
        List<Star.Block> b = Star.parse(RELION31, dir.resolve("x.star"));
        assertEquals(2, b.size());
        Star.Table optics = Star.block(b, "optics").orElseThrow().loop();
        assertEquals(List.of("rlnOpticsGroupName", "rlnOpticsGroup", "rlnImagePixelSize", "rlnImageSize", "rlnImageDimensionality"), optics.labels());
        assertEquals("5.000000", optics.get(0, "rlnImagePixelSize"));
        Star.Table p = Star.block(b, "particles").orElseThrow().loop();
        assertEquals(3, p.size());
        assertEquals("sub/p1.mrc", p.get(0, "rlnImageName"));
        assertEquals("TS 02", p.get(1, "rlnTomoName"));
        assertEquals("-7.25", p.get(1, "rlnAngleRot"));
        assertEquals("3@it's here.mrcs", p.get(2, "rlnImageName"));
    }

    @Test
    void readsRelion30UnnamedBlockAndPairs() throws Exception {
        List<Star.Block> b = Star.parse("data_\n_rlnFinalResolution   4.5\n_rlnComment 'two words'\nloop_\n_rlnImageName\n_rlnClassNumber\na.mrc 1\ndata_dir/b.mrc 2\n", null);
        assertEquals(1, b.size(), "an unquoted path starting with data_ in a row is a value");
        assertEquals("data_dir/b.mrc", b.get(0).loop().get(1, "rlnImageName"));
        assertEquals("", b.get(0).name());
        assertEquals(Map.of("rlnFinalResolution", "4.5", "rlnComment", "two words"), b.get(0).values());
        assertEquals("2", b.get(0).loop().get(1, "rlnClassNumber"));
    }

    @Test
    void writtenFilesParseBackIdentically() throws Exception {
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("rlnComment", "two words");
        pairs.put("jsptEmpty", "");
        Star.Table loop = new Star.Table(List.of("rlnImageName", "rlnTomoName", "rlnAngleRot", "jsptNote"), List.of(
                List.of("1@/a b/particles.hdf", "TS_01", "-12.345678", "_looks_like_a_label"),
                List.of("sub/p2.mrc", "it's", "0.000000", "#hash"),
                List.of("x", "say \"hi\" there", "1e-5", "data_x")));
        List<Star.Block> blocks = List.of(new Star.Block("general", pairs, null), Star.Block.ofLoop("particles", loop),
                new Star.Block("", Map.of(), new Star.Table(List.of("rlnEmpty"), List.of())));
        Path f = dir.resolve("out.star");
        Star.write(f, blocks);
        assertEquals(blocks, Star.read(f));
        String text = Files.readString(f);
        assertTrue(text.contains("data_particles") && text.contains("_rlnImageName #1") && text.contains("\"1@/a b/particles.hdf\""), text);
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left");
        }
    }

    @Test
    void structuralProblemsNameTheLine() {
        Path f = dir.resolve("bad.star");
        String m = assertThrows(FormatException.class, () -> Star.parse("data_p\nloop_\n_a\n_b\n1 2\n3\n", f)).getMessage();
        assertTrue(m.contains("bad.star") && m.contains("line 6") && m.contains("1 values") && m.contains("2 columns"), m);
        m = assertThrows(FormatException.class, () -> Star.parse("data_p\n_a 1\n2\n", f)).getMessage();
        assertTrue(m.contains("line 3") && m.contains("outside a loop"), m);
        m = assertThrows(FormatException.class, () -> Star.parse("_a 1\n", f)).getMessage();
        assertTrue(m.contains("before the first data_"), m);
        m = assertThrows(FormatException.class, () -> Star.parse("data_p\nloop_\n_a\n'open\n", f)).getMessage();
        assertTrue(m.contains("line 4") && m.contains("unterminated"), m);
        m = assertThrows(FormatException.class, () -> Star.parse("data_p\nloop_\n_a\n1\n\nloop_\n_b\n2\n", f)).getMessage();
        assertTrue(m.contains("second loop_"), m);
        assertThrows(IllegalArgumentException.class, () -> Star.toString(List.of(new Star.Block("x", Map.of("a", "two\nlines"), null))));
        assertThrows(FormatException.class, () -> Star.read(dir.resolve("missing.star")));
    }

    @Test
    void aBlockWithoutLoopHasNullLoop() throws Exception {
        Star.Block b = Star.parse("data_a\n_x 1\n", null).get(0);
        assertNull(b.loop());
        assertFalse(b.values().isEmpty());
    }
}
