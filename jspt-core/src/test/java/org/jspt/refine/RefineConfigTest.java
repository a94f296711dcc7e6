package org.jspt.refine;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspt.geom.Transform;
import org.jspt.io.FormatException;
import org.jspt.refine.options.RefineOptions;
import org.jspt.refine.options.RefineValidatorTest;
import org.jspt.refine.options.TestCatalogs;
import org.jspt.refine.options.UsageException;
import org.jspt.run.InixformsFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefineConfigTest {
    @TempDir Path tmp;

    @BeforeEach
    void particles() throws IOException {
        RefineValidatorTest.stack(tmp.resolve("p.hdf"), 8, 16, 16, 16, 4.0);
    }

    private RefineConfig config(String... args) throws IOException {
        return RefineConfig.from(TestCatalogs.validator().validate(RefineOptions.parse(args), tmp));
    }

    @Test
    void dataReferencesWithFineAlignmentAndFilters() throws IOException {
        RefineValidatorTest.stack(tmp.resolve("m.hdf"), 1, 16, 16, 16, 4.0);
        RefineConfig c = config("--input=p.hdf", "--nref=2", "--subset=6", "--align=rotate_translate_3d:delta=30", "--syms=c2",
                "--falign=refine_3d_grid:delta=3", "--lowpass=filter.lowpass.gauss:cutoff_freq=0.1", "--shrink=2",
                "--maskfile=m.hdf", "--normproc=normalize.mask", "--weighbytiltaxis=50,0.4", "--output=out.hdf", "--seed=7");
        assertEquals(tmp.resolve("p.hdf").toString(), c.input());
        assertEquals(6, c.subset());
        assertEquals(0.0, c.apix(), "no --apix: headers are used");
        assertEquals(2, c.alignment().coarse().shrink());
        assertEquals("filter.lowpass.gauss:cutoff_freq=0.1", c.alignment().coarse().lowpass().text());
        assertEquals("filter.lowpass.gauss:cutoff_freq=0.1", c.alignment().fine().lowpass().text(), "procfinelikecoarse");
        assertEquals(16, c.alignment().coarse().maskFile().nx);
        assertEquals("normalize.mask", c.alignment().coarse().normproc().name());
        assertEquals(List.of("rotate_translate_3d:delta=30:search=8:sym=c2", "rotate_translate_3d:delta=30:search=8"),
                c.alignment().alignPerClass().stream().map(Object::toString).toList());
        assertEquals("refine_3d_grid:delta=3:search=2", c.alignment().falign().text());
        assertEquals("ccc.tomo.thresh", c.alignment().falignCmp().name());
        ReferenceSource.FromData d = (ReferenceSource.FromData) c.references();
        assertEquals("bt", d.method());
        assertEquals(2, d.nref());
        assertNull(d.classmx());
        assertEquals(50, c.averaging().tiltAxisX());
        assertEquals(0.4, c.averaging().tiltEdgeWeight());
        assertEquals(2, c.averaging().symmetry().size());
        assertEquals("out.hdf", c.output().file());
        assertEquals(7, c.seed());
        assertTrue(c.inixforms().isEmpty());
    }

    @Test
    void referenceFilesTreeAlignerAndInixforms() throws IOException {
        RefineValidatorTest.stack(tmp.resolve("r.hdf"), 1, 16, 16, 16, 4.0);
        RefineConfig c = config("--input=p.hdf", "--ref=r.hdf", "--nref=3", "--refrandphase=30", "--apix=3.5");
        ReferenceSource.Files f = (ReferenceSource.Files) c.references();
        assertEquals(3, f.nref());
        assertEquals(3, f.files().size());
        assertEquals(30.0, f.randPhase());
        assertEquals(3.5, c.apix());
        assertNull(c.alignment().fine());
        assertNull(c.alignment().falign());
        assertEquals(-1, c.averaging().tiltAxisX());
        Files.writeString(tmp.resolve("x.json"), "{\"subtomo_02\": [{\"__class__\": \"Transform\", \"matrix\": \"[1,0,0,1,0,1,0,2,0,0,1,3]\"}, -0.5],"
                + " \"tomo_0005\": {\"__class__\": \"Transform\", \"matrix\": [1,0,0,0,0,1,0,0,0,0,1,0]}}");
        Map<Integer, Transform> ini = config("--input=p.hdf", "--nref=2", "--inixforms=x.json").inixforms();
        assertEquals(List.of(2, 5), List.copyOf(ini.keySet()));
    }

    @Test
    void badInixformsKeysAndValues() throws IOException {
        Files.writeString(tmp.resolve("k.json"), "{\"particle_1\": {\"__class__\": \"Transform\", \"matrix\": \"[1,0,0,0,0,1,0,0,0,0,1,0]\"}}");
        Files.writeString(tmp.resolve("v.json"), "{\"subtomo_1\": 3}");
        assertTrue(assertThrows(FormatException.class, () -> InixformsFile.read(tmp.resolve("k.json"))).getMessage().contains("particle_1"));
        assertThrows(FormatException.class, () -> InixformsFile.read(tmp.resolve("v.json")));
        UsageException e = assertThrows(UsageException.class, () -> config("--input=p.hdf", "--inixforms=v.json"));
        assertTrue(e.getMessage().startsWith("--inixforms: "), e.getMessage());
    }
}
