package org.jspt.bench;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspt.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny {@code bench refine} (two phantom classes, 16³, child JVMs): it runs, scores, reports and cleans up. */
class RefineBenchmarkTest {
    @TempDir Path tmp;

    @Test
    void tinyRunTimesScoresAndDeletesItsWork() throws Exception {
        Path json = tmp.resolve("refine.json");
        CliRun.Result r = CliRun.run("bench", "refine", "--phantom", "tripod", "--phantom", "ring", "--per-class", "4", "--box", "16",
                "--seeds", "3", "--iter", "1", "--heap", "256m", "--args", "--grouping=split", "--dir", tmp.toString(), "--json", json.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("median wall"), r.out());
        JsonNode row = new ObjectMapper().readTree(json.toFile()).path("results").get(0);
        assertEquals(3, row.path("seed").asLong());
        assertEquals("--grouping=split", row.path("extra_args").get(0).asText());
        double acc = row.path("accuracy").asDouble(-1);
        assertTrue(acc >= 0 && acc <= 1, row.toString());
        assertTrue(row.path("median_wall_seconds").asDouble() > row.path("other_seconds").asDouble() - 1e-9, row.toString());
        // CPU time of the child from /proc (this machine is Linux): more than nothing, less than all cores all the time.
        double cpu = row.path("cpu_seconds").get(0).asDouble(), wall = row.path("wall_seconds").get(0).asDouble();
        assertTrue(cpu > 0.2 && cpu <= wall * row.path("cores").asInt() + 0.2, row.toString());
        double idle = row.path("median_idle_seconds").asDouble(Double.NaN);
        assertEquals(wall - cpu / row.path("cores").asInt(), idle, 1e-9, row.toString());
        assertEquals(2, row.path("median_angle_deg").size(), "one median angle per true class");
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("jspt-refine-bench-")), "the working folder is deleted unless --keep");
        }
    }

    @Test
    void setsAreSimulatedFromPdbsOrPhantoms() {
        RefineBenchmark.Config c = new RefineBenchmark.Config(List.of("/x/1LCD.pdb:ABC", "phantom:ring"), 40, 48, 0.1, new long[] {7}, 1, 5,
                List.of(), "1g", Path.of("."), false);
        assertEquals(List.of("simulate", "--pdb", "/x/1LCD.pdb:ABC", "--phantom", "ring", "--per-class", "40", "--box", "48", "--snr", "0.1",
                "--seed", "7", "--out", "sim7"), RefineBenchmark.simulateArgs(c, 7, "sim7"));
    }

    @Test
    void unknownPdbFailsBeforeAnyRun() {
        CliRun.Result r = CliRun.run("bench", "refine", "--pdb", tmp.resolve("none.pdb") + ":A", "--pdb", tmp.resolve("none.pdb").toString(),
                "--dir", tmp.toString());
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("no such file"), r.err());
    }
}
