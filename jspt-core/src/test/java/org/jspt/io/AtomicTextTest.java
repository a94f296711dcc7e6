package org.jspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AtomicFiles.writeText: the whole text or the file as it was, never a half-written file or a left-over temporary. */
class AtomicTextTest {
    @TempDir Path dir;

    @Test
    void aFailedBodyLeavesTheOldFileAndNoTemporary() throws Exception {
        Path f = dir.resolve("a.txt");
        AtomicFiles.writeText(f, StandardCharsets.UTF_8, w -> w.write("first\n"));
        assertEquals("first\n", Files.readString(f));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeText(f, StandardCharsets.UTF_8, w -> {
            w.write("half");
            throw new IOException("disk full");
        }));
        assertEquals(WriteFailedException.class, e.getClass(), "names the file meant, not the temporary one");
        assertEquals(f, ((WriteFailedException) e).target());
        assertThrows(IllegalStateException.class, () -> AtomicFiles.writeText(f, StandardCharsets.UTF_8, w -> {
            w.write("half");
            throw new IllegalStateException("bug");
        }));
        assertEquals("first\n", Files.readString(f));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("a.txt"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void leftoversOfUnfinishedWritesAreDeletedAndNothingElse() throws Exception {
        Path t = AtomicFiles.tempBeside(dir.resolve("class_avgs_02.hdf")); // a write killed before its rename
        Files.writeString(t, "half");
        List<String> kept = List.of("a.tmp", ".hidden", ".notes.txt", "class_avgs_01.hdf", ".x.hdf.zz.tmp");
        for (String n : kept) Files.writeString(dir.resolve(n), "keep");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub").resolve(".y.hdf.1a2b.tmp"), "not this folder");
        assertEquals(1, AtomicFiles.deleteLeftovers(dir));
        assertEquals(false, Files.exists(t));
        for (String n : kept) assertEquals(true, Files.exists(dir.resolve(n)), n);
        assertEquals(true, Files.exists(dir.resolve("sub").resolve(".y.hdf.1a2b.tmp")));
        assertEquals(0, AtomicFiles.deleteLeftovers(dir.resolve("absent")));
    }
}
