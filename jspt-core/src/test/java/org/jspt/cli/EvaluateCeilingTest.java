package org.jspt.cli;

import static org.jspt.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspt.geom.Transform;
import org.jspt.image.Volume;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.run.ParticleParms;
import org.jspt.sim.ParticleTruth;
import org.jspt.sim.TinyDataset;
import org.jspt.sim.TruthFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jspt evaluate --ceiling: the simulation's particles classified with the true maps at their true poses. It must follow
 * the maps and the poses: with the maps' order swapped every particle goes to the other class, with the poses turned
 * away from the truth it is no longer perfect.
 */
class EvaluateCeilingTest {
    @TempDir Path dir;

    /** A particle_parms file that puts every particle in its true class (what is evaluated does not matter here). */
    private Path parms(TruthFile truth) throws Exception {
        List<ParticleParms.Entry> e = new ArrayList<>();
        for (ParticleTruth p : truth.particles()) e.add(new ParticleParms.Entry("particles.hdf", p.index(), p.classIndex(), -0.5, Transform.identity()));
        Path f = dir.resolve("parms.json");
        ParticleParms.write(f, e);
        return f;
    }

    private CliRun.Result evaluate(Path params, String... more) {
        List<String> a = new ArrayList<>(List.of("evaluate", "--truth", dir.resolve("truth.json").toString(), "--params", params.toString(), "--ceiling"));
        a.addAll(List.of(more));
        return run(a.toArray(String[]::new));
    }

    @Test
    void theTrueMapsAtTheTruePosesClassifyEveryParticleAndTheFigureFollowsMapsAndPoses() throws Exception {
        TinyDataset.write(dir);
        TruthFile truth = TruthFile.read(dir.resolve("truth.json"));
        int n = truth.particles().size();
        Path params = parms(truth);
        CliRun.Result r = evaluate(params);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ceiling 100.0% (the true maps at the true poses classify " + n + " of " + n + " particles right)"), r.out());
        JsonNode c = new ObjectMapper().readTree(dir.resolve("evaluation.json").toFile()).get("ceiling");
        assertEquals(1.0, c.get("accuracy").asDouble(), 1e-12);
        assertEquals(n / 2, c.get("confusion").get(1).get(1).asInt());

        // The maps swapped: each particle now matches the map at the other index.
        List<Volume> maps = EmanHdf.readAll(dir.resolve("truth_maps.hdf"));
        EmanHdf.write(dir.resolve("truth_maps.hdf"), List.of(maps.get(1), maps.get(0)));
        r = evaluate(params);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ceiling 0.0% (the true maps at the true poses classify 0 of " + n), r.out());
        EmanHdf.write(dir.resolve("truth_maps.hdf"), maps);

        // The poses turned 90° away from the truth: the figure is no longer perfect.
        List<ParticleTruth> turned = new ArrayList<>();
        for (ParticleTruth p : truth.particles()) turned.add(new ParticleTruth(p.index(), p.classIndex(), p.label(), p.pose().compose(Transform.eman(0, 90, 0))));
        new TruthFile(truth.params(), truth.labels(), turned).write(dir.resolve("truth.json"));
        r = evaluate(params);
        assertEquals(0, r.code(), r.err());
        double turnedAcc = new ObjectMapper().readTree(dir.resolve("evaluation.json").toFile()).get("ceiling").get("accuracy").asDouble();
        assertTrue(turnedAcc < 0.9, "poses 90° off the truth: " + r.out());
    }

    @Test
    void withoutTheParticlesTheErrorSaysWhichFileIsMissing() throws Exception {
        TinyDataset.write(dir);
        Path params = parms(TruthFile.read(dir.resolve("truth.json")));
        Files.delete(dir.resolve("particles.hdf"));
        CliRun.Result r = evaluate(params);
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("--ceiling: ") && r.err().contains("particles.hdf: no such file"), r.err());
        r = evaluate(params, "--particles", dir.resolve("elsewhere.hdf").toString());
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("elsewhere.hdf: no such file"), r.err());
        r = run("evaluate", "--truth", dir.resolve("truth.json").toString(), "--params", params.toString(), "--particles", dir.resolve("x.hdf").toString());
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("--particles is read by --ceiling only"), r.err());
    }
}
