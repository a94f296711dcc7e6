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
}
