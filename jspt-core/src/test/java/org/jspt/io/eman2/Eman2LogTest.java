package org.jspt.io.eman2;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Eman2LogTest {
    @TempDir Path tmp;

    @Test
    void startLineHasEman2sLayout() throws Exception {
        Path f = tmp.resolve(Eman2Log.FILE_NAME);
        Eman2Log.start(f, LocalDateTime.of(2024, 5, 1, 9, 8, 7), 4321, -1, "node1", "jspt refinemulti --input=a.hdf");
        assertEquals("2024/05/01 09:08:07\tincomplete         \t  4321/    -1\tnode1\tjspt refinemulti --input=a.hdf\n",
                Files.readString(f));
    }

    @Test
    void finishOverwritesOnlyItsOwnIncompleteField() throws Exception {
        Path f = tmp.resolve(Eman2Log.FILE_NAME);
        Files.writeString(f, "an older line\n");
        Eman2Log a = Eman2Log.start(f, LocalDateTime.of(2024, 5, 1, 9, 0, 0), 1, 2, "h", "first run");
        Eman2Log b = Eman2Log.start(f, LocalDateTime.of(2024, 5, 1, 9, 1, 0), 3, 4, "h", "second run");
        a.finish(LocalDateTime.of(2024, 5, 1, 10, 11, 12));
        List<String> lines = Files.readAllLines(f);
        assertEquals("an older line", lines.get(0));
        assertEquals("2024/05/01 09:00:00\t2024/05/01 10:11:12\t     1/     2\th\tfirst run", lines.get(1));
        assertEquals("2024/05/01 09:01:00\tincomplete         \t     3/     4\th\tsecond run", lines.get(2));
        assertEquals(14, a.lineStart());
        b.finish(LocalDateTime.of(2024, 5, 1, 11, 0, 0));
        assertTrue(Files.readAllLines(f).get(2).startsWith("2024/05/01 09:01:00\t2024/05/01 11:00:00\t"));
    }

    @Test
    void startInAFolderUsesThisProcess() throws Exception {
        Eman2Log log = Eman2Log.start(tmp, "jspt refinemulti", 7);
        String line = Files.readString(tmp.resolve(".eman2log.txt"));
        assertTrue(line.matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\tincomplete {9}\t *\\d+/ {5}7\t[^\t]+\tjspt refinemulti\n"), line);
        assertTrue(line.contains(String.format("%6d/", ProcessHandle.current().pid())));
        log.finish();
        assertFalse(Files.readString(tmp.resolve(".eman2log.txt")).contains("incomplete"));
    }
}
