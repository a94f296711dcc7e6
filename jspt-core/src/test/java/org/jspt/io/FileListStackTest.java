package org.jspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspt.image.Header;
import org.jspt.image.Volume;
import org.jspt.io.mrc.Mrc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileListStackTest {
    @TempDir Path dir;

    /** A cube of side n filled with {@code value}. */
    private Path volume(String name, int n, float value) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Volume v = Volume.cube(n);
        v.fill(value);
        Mrc.write(p, v);
        return p;
    }

    @Test
    void listFileWithRelativePathsAndComments() throws IOException {
        volume("sub/a.mrc", 4, 1);
        volume("sub/b.mrc", 6, 2); // another size: readers accept it
        Path abs = volume("elsewhere/c.mrc", 4, 3);
        Path list = Files.writeString(dir.resolve("list.txt"),
                "# subtomograms\n\nsub/a.mrc\n  sub/b.mrc  \n" + abs + "\n");
        try (FileListStack s = FileListStack.fromListFile(list)) {
            assertEquals(3, s.size());
            assertEquals(list, s.path());
            Volume b = s.read(1);
            assertEquals("6x6x6", b.shape());
            assertEquals(2f, b.data[0]);
            assertEquals(dir.resolve("sub/b.mrc").toString(), b.header().get("source_path"));
            assertEquals(0, b.header().get("source_n"));
            Header h = s.readHeader(2);
            assertEquals(4, h.get("nx"));
            assertEquals(abs.toString(), h.get("source_path"));
            assertEquals(3f, s.read(2).data[0]);
            assertThrows(IndexOutOfBoundsException.class, () -> s.read(3));
        }
    }

    @Test
    void missingMemberNamesListLineAndPath() throws IOException {
        volume("sub/a.mrc", 2, 0);
        Path list = Files.writeString(dir.resolve("list.txt"), "# x\nsub/a.mrc\n\nsub/c.mrc\n");
        FormatException e = assertThrows(FormatException.class, () -> FileListStack.fromListFile(list));
        assertTrue(e.getMessage().startsWith(list + ": line 4: 'sub/c.mrc' not found"), e.getMessage());
    }

    @Test
    void globSortsInNaturalOrder() throws IOException {
        for (String n : new String[] {"p10", "p2", "p1", "p11"}) volume("subtomos/" + n + ".mrc", 2, 0);
        Files.writeString(dir.resolve("subtomos/notes.txt"), "not matched");
        try (FileListStack s = FileListStack.fromGlob(dir + "/subtomos/p*.mrc")) {
            List<String> names = s.members().stream().map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of("p1.mrc", "p2.mrc", "p10.mrc", "p11.mrc"), names);
        }
        try (FileListStack s = FileListStack.fromGlob(dir + "/sub*/p1?.mrc")) {
            assertEquals(2, s.size());
        }
    }

    @Test
    void globWithoutMatchIsAnError() {
        String pattern = dir + "/nothing/*.mrc";
        IOException e = assertThrows(IOException.class, () -> FileListStack.fromGlob(pattern));
        assertEquals(pattern + ": no file matches this pattern", e.getMessage());
    }

    @Test
    void hdfMembersAreNotSupportedYet() throws IOException {
        Files.writeString(dir.resolve("a.hdf"), "");
        Path list = Files.writeString(dir.resolve("list.txt"), "a.hdf\n");
        try (FileListStack s = FileListStack.fromListFile(list)) {
            IOException e = assertThrows(IOException.class, () -> s.read(0));
            assertTrue(e.getMessage().endsWith("a.hdf: HDF members in a list are not supported yet"), e.getMessage());
        }
    }

    @Test
    void naturalOrderComparesDigitRunsAsNumbers() {
        assertTrue(FileListStack.compareNatural("p2", "p10") < 0);
        assertTrue(FileListStack.compareNatural("p10", "p9") > 0);
        assertTrue(FileListStack.compareNatural("a10b", "a10c") < 0);
        assertTrue(FileListStack.compareNatural("p01", "p1") != 0);
        assertTrue(FileListStack.compareNatural("p1", "p1_x") < 0);
        assertEquals(0, FileListStack.compareNatural("p7", "p7"));
    }
}
