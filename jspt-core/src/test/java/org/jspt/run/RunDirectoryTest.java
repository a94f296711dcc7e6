package org.jspt.run;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir Path tmp;

    @Test
    void numbersFromOneWithTwoDigits() throws IOException {
        assertEquals(tmp.resolve("spt_refinemulti_01"), RunDirectory.create(tmp, "spt_refinemulti"));
        assertEquals(tmp.resolve("spt_refinemulti_02"), RunDirectory.create(tmp, "spt_refinemulti"));
        assertTrue(Files.isDirectory(tmp.resolve("spt_refinemulti_02")));
        assertEquals(tmp.resolve("foo_01"), RunDirectory.create(tmp, "foo"), "a given stem is numbered too");
        assertEquals("x_100", RunDirectory.name("x", 100));
    }

    @Test
    void takesTheSmallestFreeNumberAndSkipsFiles() throws IOException {
        Files.createDirectory(tmp.resolve("r_02"));
        Files.writeString(tmp.resolve("r_01"), "a file, not a folder");
        assertEquals(tmp.resolve("r_03"), RunDirectory.create(tmp, "r"));
        Files.delete(tmp.resolve("r_01"));
        assertEquals(tmp.resolve("r_01"), RunDirectory.create(tmp, "r"));
    }

    @Test
    void aMissingParentIsAnError() {
        IOException e = assertThrows(IOException.class, () -> RunDirectory.create(tmp, "no/such/stem"));
        assertTrue(e.getMessage().contains("parent folder does not exist"), e.getMessage());
    }

    @Test
    void racingRunsGetDistinctFolders() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Path>> f = new ArrayList<>();
            for (int i = 0; i < 16; i++) f.add(pool.submit(() -> RunDirectory.create(tmp, "race")));
            Set<Path> got = new HashSet<>();
            for (Future<Path> x : f) got.add(x.get());
            assertEquals(16, got.size());
            for (int i = 1; i <= 16; i++) assertTrue(got.contains(tmp.resolve(RunDirectory.name("race", i))));
        } finally {
            pool.shutdownNow();
        }
    }
}
