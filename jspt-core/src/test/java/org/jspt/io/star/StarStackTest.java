package org.jspt.io.star;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspt.image.Volume;
import org.jspt.io.FormatException;
import org.jspt.io.ImageStack;
import org.jspt.io.ImageStackWriter;
import org.jspt.io.ImageStacks;
import org.jspt.io.mrc.Mrc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A STAR file as an image stack: single-volume MRCs and N@stack.mrcs, pixel size, checks. */
class StarStackTest {
    @TempDir Path dir;

    private Volume cube(int n, float value) {
        Volume v = Volume.cube(n).setApix(3.0);
        v.fill(value);
        return v;
    }

    private void volumes() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Mrc.write(dir.resolve("sub/a.mrc"), cube(8, 1));
        try (ImageStackWriter w = Mrc.createStack(dir.resolve("sub/s.mrcs"), 8, 8, 8)) {
            w.append(cube(8, 2));
            w.append(cube(8, 3));
        }
        Mrc.write(dir.resolve("sub/big.mrc"), cube(10, 4));
    }

    @Test
    void readsFilesAndStackMembersRelativeToTheStarFolderWithTheOpticsPixelSize() throws Exception {
        volumes();
        Path star = Files.writeString(dir.resolve("p.star"), """
                data_optics
                loop_
                _rlnOpticsGroup #1
                _rlnImagePixelSize #2
                1 5.5
                data_particles
                loop_
                _rlnImageName #1
                _rlnOpticsGroup #2
                2@sub/s.mrcs 1
                sub/a.mrc 1
                1@sub/s.mrcs 1
                """);
        try (ImageStack s = ImageStacks.open(star.toString())) {
            assertTrue(s instanceof StarStack);
            assertEquals(3, s.size());
            assertEquals(3f, s.read(0).data[0]);
            assertEquals(1f, s.read(1).data[0]);
            assertEquals(2f, s.read(2).data[0]);
            assertEquals(5.5, s.read(1).apix(), 1e-6);
            assertEquals(5.5, s.readHeader(2).getDouble("apix_x", 0), 1e-6);
            assertEquals(dir.resolve("sub/s.mrcs").toString(), s.readHeader(0).getString("source_path", ""));
            assertEquals(1, s.readHeader(0).getInt("source_n", -1));
            assertEquals("2@sub/s.mrcs", ((StarStack) s).name(0));
        }
    }

    @Test
    void withoutOpticsThePixelSizeComesFromTheMrcHeader() throws Exception {
        volumes();
        Path star = Files.writeString(dir.resolve("p.star"), "data_\nloop_\n_rlnImageName\nsub/a.mrc\n");
        try (ImageStack s = ImageStacks.open(star)) {
            assertEquals(3.0, s.read(0).apix(), 1e-6);
        }
    }

    @Test
    void badListsFailWithOneLineNamingTheStarFileAndParticle() throws Exception {
        volumes();
        String m = message("data_particles\nloop_\n_rlnImageName\nsub/a.mrc\nsub/big.mrc\n");
        assertTrue(m.contains("p.star") && m.contains("particle 2") && m.contains("big.mrc") && m.contains("10x10x10") && m.contains("same box"), m);
        m = message("data_particles\nloop_\n_rlnImageName\nsub/nope.mrc\n");
        assertTrue(m.contains("particle 1") && m.contains("nope.mrc") && m.contains("not found"), m);
        m = message("data_particles\nloop_\n_rlnImageName\n3@sub/s.mrcs\n");
        assertTrue(m.contains("image 3") && m.contains("holds 2"), m);
        m = message("data_particles\nloop_\n_rlnClassNumber\n1\n");
        assertTrue(m.contains("_rlnImageName"), m);
        m = message("data_particles\nloop_\n_rlnImageName\n_rlnImagePixelSize\nsub/a.mrc 2\n1@sub/s.mrcs 3\n");
        assertTrue(m.contains("pixel size"), m);
        for (String s : new String[] {m}) assertEquals(1, s.lines().count());
    }

    private String message(String text) throws Exception {
        Path star = Files.writeString(dir.resolve("p.star"), text);
        return assertThrows(FormatException.class, () -> StarStack.open(star)).getMessage();
    }
}
