package org.jspt.io.mrc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jspt.image.Volume;
import org.jspt.io.ImageStackWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing: round trips, header bytes at their offsets, stacks, atomic replacement. */
class MrcWriteTest {
    @TempDir Path dir;

    private static Volume random(int nx, int ny, int nz, long seed) {
        Volume v = new Volume(nx, ny, nz);
        Random r = new Random(seed);
        for (int i = 0; i < v.size(); i++) v.data[i] = (float) r.nextGaussian();
        return v;
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void roundTripKeepsDataPixelSizeOriginAndWritesMrc2014Header() throws IOException {
        Volume v = random(6, 5, 4, 1).setApix(2.5);
        v.header().put("origin_x", 1f).put("origin_y", 2f).put("origin_z", 3f);
        Path f = dir.resolve("rt.mrc");
        Mrc.write(f, v);

        try (Mrc m = Mrc.open(f)) {
            Volume back = m.read(0);
            assertEquals("6x5x4", back.shape());
            assertArrayEquals(v.data, back.data);
            for (String k : new String[] {"apix_x", "apix_y", "apix_z"}) assertEquals(2.5f, back.header().get(k));
            assertEquals(1f, back.header().get("origin_x"));
            assertEquals(2f, back.header().get("origin_y"));
            assertEquals(3f, back.header().get("origin_z"));
        }

        byte[] all = Files.readAllBytes(f);
        assertEquals(1024 + 4 * 120, all.length);
        ByteBuffer h = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(2, h.getInt(12));
        assertEquals(-3, h.getInt(16));
        assertEquals(-2, h.getInt(20));
        assertEquals(-2, h.getInt(24));
        assertEquals(6, h.getInt(28));
        assertEquals(5, h.getInt(32));
        assertEquals(4, h.getInt(36));
        assertEquals(15f, h.getFloat(40));
        assertEquals(12.5f, h.getFloat(44));
        assertEquals(10f, h.getFloat(48));
        for (int off = 52; off <= 60; off += 4) assertEquals(90f, h.getFloat(off));
        assertEquals(1, h.getInt(64));
        assertEquals(2, h.getInt(68));
        assertEquals(3, h.getInt(72));
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float x : v.data) { min = Math.min(min, x); max = Math.max(max, x); }
        assertEquals(min, h.getFloat(76));
        assertEquals(max, h.getFloat(80));
        assertEquals((float) v.mean(), h.getFloat(84), 1e-7);
        assertEquals((float) v.sigma(), h.getFloat(216), 1e-6);
        assertEquals(0, h.getInt(88));
        assertEquals(0, h.getInt(92));
        assertEquals(20140, h.getInt(108));
        assertEquals(0, h.getInt(104)); // exttyp
        assertEquals(1f, h.getFloat(196));
        assertEquals("MAP ", new String(all, 208, 4, StandardCharsets.ISO_8859_1));
        assertArrayEquals(new byte[] {0x44, 0x44, 0, 0}, java.util.Arrays.copyOfRange(all, 212, 216));
        assertEquals(1, h.getInt(220));
        assertTrue(new String(all, 224, 80, StandardCharsets.ISO_8859_1).startsWith("jspt 20"));
    }

    @Test
    void keepsNxstartAndLabelsFromTheHeader() throws IOException {
        Volume v = new Volume(4, 4, 4);
        v.header().put("MRC.nxstart", 5).put("MRC.label0", "from EMAN");
        Path f = dir.resolve("n.mrc");
        Mrc.write(f, v);
        try (Mrc m = Mrc.open(f)) {
            assertEquals(5, m.header().getInt("nxstart"));
            assertEquals(-2, m.header().getInt("nystart"));
            assertEquals(2, m.header().getInt("nlabl"));
            assertEquals("from EMAN", m.header().label(0));
            assertTrue(m.header().label(1).startsWith("jspt "));
        }
    }

    @Test
    void stackOf2dImages() throws IOException {
        Path f = dir.resolve("s.mrcs");
        try (ImageStackWriter w = Mrc.createStack(f, 4, 3, 1)) {
            for (int i = 0; i < 3; i++) w.append(random(4, 3, 1, i));
            assertEquals(3, w.count());
        }
        try (Mrc m = Mrc.open(f)) {
            assertEquals(3, m.size());
            assertEquals(3, m.header().nz());
            assertEquals(1, m.header().getInt("mz"));
            assertEquals(0, m.header().ispg());
            assertArrayEquals(random(4, 3, 1, 2).data, m.read(2).data);
        }
        assertEquals(List.of(), Mrc.validate(f));
    }

    @Test
    void stackOfVolumesUsesIspg401() throws IOException {
        Path f = dir.resolve("v.mrcs");
        try (ImageStackWriter w = Mrc.createStack(f, 4, 3, 2)) {
            w.append(random(4, 3, 2, 7));
            w.append(random(4, 3, 2, 8));
        }
        try (Mrc m = Mrc.open(f)) {
            assertEquals(2, m.size());
            assertEquals(401, m.header().ispg());
            assertEquals(4, m.header().nz());
            assertEquals(2, m.header().getInt("mz"));
            assertArrayEquals(random(4, 3, 2, 8).data, m.read(1).data);
        }
    }

    @Test
    void stackRejectsAnotherSize() throws IOException {
        Path f = dir.resolve("s.mrcs");
        try (ImageStackWriter w = Mrc.createStack(f, 4, 4, 1)) {
            w.append(new Volume(4, 4, 1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.append(new Volume(5, 4, 1)));
            assertEquals(f + ": image 1 is 5x4; this file holds 4x4 images", e.getMessage());
        }
        try (Mrc m = Mrc.open(f)) {
            assertEquals(1, m.size());
        }
    }

    @Test
    void replacesAnExistingFileOnlyAtClose() throws IOException {
        Path f = Files.writeString(dir.resolve("a.mrcs"), "old");
        try (ImageStackWriter w = Mrc.createStack(f, 2, 2, 1)) {
            w.append(new Volume(2, 2, 1));
            assertEquals("old", Files.readString(f));
            List<Path> tmp = temporaryFiles();
            assertEquals(1, tmp.size());
            assertNotEquals(f.getFileName(), tmp.get(0).getFileName());
        }
        assertEquals(1024 + 16, Files.size(f));
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void failedWriteLeavesTheOldFileIntact() throws IOException {
        Path f = Files.writeString(dir.resolve("a.mrc"), "old");
        Volume bad = new Volume(2, 2, 2);
        bad.set(1, 0, 1, Float.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mrc.write(f, bad));
        assertTrue(e.getMessage().contains("voxel (1, 0, 1) is NaN"), e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(), temporaryFiles());

        try (ImageStackWriter w = Mrc.createStack(dir.resolve("b.mrcs"), 2, 2, 1)) {
            w.append(new Volume(2, 2, 1));
            w.abort();
        }
        assertFalse(Files.exists(dir.resolve("b.mrcs")));
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void writtenFileHasOrdinaryPermissions() throws IOException {
        Path f = dir.resolve("p.mrc");
        Mrc.write(f, new Volume(2, 2, 2));
        Path plain = Files.createFile(dir.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
    }

    @Test
    void emptyStackIsAnError() throws IOException {
        Path f = dir.resolve("e.mrcs");
        ImageStackWriter w = Mrc.createStack(f, 2, 2, 1);
        IOException e = assertThrows(IOException.class, w::close);
        assertTrue(e.getMessage().startsWith(f + ": no images were written"));
        assertFalse(Files.exists(f));
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void stackNamesMustEndInMrcs() {
        assertThrows(IllegalArgumentException.class, () -> Mrc.createStack(dir.resolve("s.mrc"), 2, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> Mrc.write(dir.resolve("v.mrcs"), new Volume(2, 2, 2)));
    }
}
