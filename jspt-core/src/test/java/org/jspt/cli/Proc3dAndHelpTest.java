package org.jspt.cli;

import static org.jspt.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspt.Fixtures;
import org.jspt.image.Volume;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.ImageStack;
import org.jspt.io.mrc.Mrc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Proc3dAndHelpTest {
    @TempDir Path tmp;

    @Test
    void helpListsTheRegistriesAndCommandUsage() {
        CliRun.Result p = run("help", "processors");
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("filter.lowpass.gauss") && p.out().contains("mask.soft"), p.out());
        CliRun.Result pv = run("-v", "2", "help", "processors");
        assertTrue(pv.out().contains("cutoff_freq"), "parameters listed at -v 2");
        CliRun.Result s = run("help", "syms", "-v", "1");
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("icos"), s.out());
        assertTrue(run("help", "averagers").out().contains("mean.tomo"));
        CliRun.Result c = run("help", "simulate");
        assertTrue(c.out().contains("--per-class"), c.out());
        CliRun.Result bad = run("help", "procesors");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("processors"), bad.err());
    }

    @Test
    void proc3dConvertsStreamsAndProcesses() throws Exception {
        Path out = tmp.resolve("first.mrc");
        CliRun.Result r = run("proc3d", Fixtures.eman2("single.mrc").toString(), out.toString(), "--process", "normalize", "--apix", "2.0");
        assertEquals(0, r.code(), r.err());
        try (Mrc m = Mrc.open(out)) {
            Volume v = m.read(0);
            assertEquals(0, v.mean(), 1e-5);
            assertEquals(1, v.sigma(), 1e-3);
            assertEquals(2.0, v.apix(), 1e-6);
        }
        Path stack = tmp.resolve("stack.hdf");
        r = run("proc3d", Fixtures.eman2("stack.hdf").toString(), stack.toString(), "--clip", "16", "--sym", "c4");
        assertEquals(0, r.code(), r.err());
        try (ImageStack s = EmanHdf.open(stack)) {
            assertEquals(3, s.size());
            Volume v = s.read(2);
            assertEquals(16, v.nx);
            // c4 about z: the voxel at (x, y) equals the one rotated by 90° about the centre (8, 8).
            assertEquals(v.get(10, 9, 8), v.get(7, 10, 8), 1e-4);
        }
        Path one = tmp.resolve("second.mrc");
        r = run("proc3d", Fixtures.eman2("stack.hdf").toString(), one.toString(), "--first", "1", "--last", "1");
        assertEquals(0, r.code(), r.err());
        try (Mrc m = Mrc.open(one); ImageStack s = EmanHdf.open(Fixtures.eman2("stack.hdf"))) {
            assertArrayEquals(s.read(1).data, m.read(0).data);
        }
        assertEquals(1, run("proc3d", Fixtures.eman2("stack.hdf").toString(), one.toString(), "--first", "3").code());
    }

    @Test
    void proc3dRejectsBadSpecsBeforeWritingAnything() throws Exception {
        Path out = tmp.resolve("x.hdf");
        CliRun.Result r = run("proc3d", Fixtures.eman2("stack.hdf").toString(), out.toString(), "--process", "filter.lowpass.gaus:cutoff_freq=0.1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("filter.lowpass.gauss"), "closest name suggested: " + r.err());
        r = run("proc3d", Fixtures.eman2("stack.hdf").toString(), out.toString(), "--process", "mask.fromfile:filename=" + tmp.resolve("missing.hdf"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("missing.hdf"), r.err());
        r = run("proc3d", Fixtures.eman2("stack.hdf").toString(), tmp.resolve("one.mrc").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("one volume"), r.err());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(), files.toList(), "no output or temporary file left");
        }
    }
}
