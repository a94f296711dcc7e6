package org.jspt.cli;

import static org.jspt.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.image.VolumeTransforms;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.eman2.EmanJson;
import org.jspt.sim.ClassSource;
import org.jspt.sim.SimulationParams;
import org.jspt.sim.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlignCommandTest {
    @TempDir Path tmp;

    @Test
    void alignPrintsTheTransformThatBringsTheParticleOntoTheReference() throws Exception {
        Simulator sim = new Simulator(List.of(ClassSource.phantom("tripod", 24, 5)), new SimulationParams(24, 5, 12, Double.POSITIVE_INFINITY, 90, 0, 1, 1));
        Volume ref = sim.truthMap(0);
        Transform p = Transform.eman(60, 30, 90, 1, -2, 1);
        Volume particle = VolumeTransforms.apply(ref, p);
        EmanHdf.write(tmp.resolve("ref.hdf"), List.of(ref));
        EmanHdf.write(tmp.resolve("ptcl.hdf"), List.of(particle, particle));
        CliRun.Result r = run("align", tmp.resolve("ptcl.hdf").toString(), tmp.resolve("ref.hdf").toString(),
                "--align", "rotate_translate_3d:delta=30:dphi=30:search=3", "--aligncmp", "ccc", "--json");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size());
        JsonNode j = new ObjectMapper().readTree(lines.get(1));
        assertEquals(1, j.get("index").asInt());
        Transform got = EmanJson.parseMatrixString(j.get("xform.align3d").get("matrix").asText());
        assertTrue(Transform.angleBetween(got, p.inverse()) < 0.5, "rotation is P⁻¹: " + got);
        assertArrayEquals(p.inverse().translation(), got.translation(), 0.05);
        assertTrue(j.get("score").asDouble() < -0.9);

        CliRun.Result bad = run("align", tmp.resolve("ptcl.hdf").toString(), tmp.resolve("ref.hdf").toString(), "--align", "rotate_translate_3d:delt=30");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("delta"), bad.err());
    }
}
