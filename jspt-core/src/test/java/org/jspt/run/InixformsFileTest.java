package org.jspt.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspt.geom.Transform;
import org.jspt.io.FormatException;
import org.jspt.refine.RefineConfig;
import org.jspt.refine.RefineConfig;
import org.jspt.refine.options.RefineOptions;
import org.jspt.refine.options.RefineValidatorTest;
import org.jspt.refine.options.TestCatalogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EMAN2's particle_parms JSON (as refinemulti writes it) is accepted by --inixforms. */
class InixformsFileTest {
    @TempDir Path tmp;

    @Test
    void particleParmsJsonGivesEachParticlesXformAlign3d() throws IOException {
        Transform a = Transform.eman(10, 20, 30, 1, 2, 3), b = Transform.eman(-40, 50, 60, -1, 0, 0.5);
        Path f = tmp.resolve("particle_parms_02.json");
        ParticleParms.write(f, List.of(new ParticleParms.Entry("particles.hdf", 0, 1, -0.5, a), new ParticleParms.Entry("particles.hdf", 3, 0, -0.25, b)));
        Map<Integer, Transform> ini = InixformsFile.read(f);
        assertEquals(List.of(0, 3), List.copyOf(ini.keySet()));
        assertTrue(ini.get(0).approxEquals(a, 1e-5) && ini.get(3).approxEquals(b, 1e-5), ini.toString());

        // Through the validator, as --inixforms=particle_parms_02.json.
        RefineValidatorTest.stack(tmp.resolve("p.hdf"), 8, 16, 16, 16, 4.0);
        RefineConfig c = RefineConfig.from(TestCatalogs.validator().validate(RefineOptions.parse("--input=p.hdf", "--nref=2", "--inixforms=" + f), tmp));
        assertEquals(List.of(0, 3), List.copyOf(c.inixforms().keySet()));
    }

    @Test
    void aParticleParmsEntryWithoutXformIsRejected() throws IOException {
        Path f = Files.writeString(tmp.resolve("pp.json"), "{\"('particles.hdf', 0)\": {\"class\": 0, \"score\": -1.0}}");
        String m = assertThrows(FormatException.class, () -> InixformsFile.read(f)).getMessage();
        assertTrue(m.contains("('particles.hdf', 0)") && m.contains("xform.align3d"), m);
    }
}
