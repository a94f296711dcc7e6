package org.jspt.refine;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspt.cli.CliRun;
import org.jspt.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --grouping split (refinemulti.md §16.4): two complexes, each with and without a subunit, classified from
 * references built from the data. Developed on simulation seed 5; this test runs seed 6.
 */
class SplitGroupingTest {
    @TempDir Path tmp;

    @Test
    void referencesSplitFromTheDataSeparateComplexesWithAndWithoutASubunit() throws Exception {
        Path sim = tmp.resolve("sim");
        String lcd = Fixtures.pdb("1LCD.pdb").toString(), beg = Fixtures.pdb("2BEG.pdb").toString();
        CliRun.Result s = CliRun.run("simulate", "--pdb", lcd + ":ABC", "--pdb", lcd + ":AB", "--pdb", beg + ":ABCDE", "--pdb", beg + ":ABCD",
                "--per-class", "10", "--box", "32", "--apix", "6", "--res", "15", "--snr", "1", "--seed", "6", "--out", sim.toString());
        assertEquals(0, s.code(), s.err());
        CliRun.Result r = CliRun.run(tmp, "refinemulti", "--input=" + sim.resolve("particles.hdf"), "--nref=4", "--iter=2",
                "--grouping=split", "--parallel=thread:2");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(3, r.out().lines().filter(l -> l.startsWith("split: class ")).count(), "three splits make four references\n" + r.out());
        try (var files = Files.list(r.runDir())) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("classmx_")), "the split classes are not EMAN2's contiguous groups");
        }
        java.util.List<String> splits = Files.readAllLines(r.runDir().resolve("splits.txt"));
        assertEquals(3, splits.stream().filter(l -> !l.startsWith("#")).count(), String.join("\n", splits));
        assertTrue(splits.get(splits.size() - 1).startsWith("# K diagnostic: "), String.join("\n", splits));
        assertTrue(Files.readString(r.runDir().resolve("index.html")).contains("References by splitting (K diagnostic)"), "the report shows the splits");
        CliRun.Result e = CliRun.run("evaluate", "--truth", sim.resolve("truth.json").toString(), "--run", r.runDir().toString());
        assertEquals(0, e.code(), e.err());
        JsonNode ev = new ObjectMapper().readTree(r.runDir().resolve("evaluation.json").toFile());
        assertTrue(ev.get("accuracy").asDouble() >= 0.9, "accuracy " + ev.get("accuracy") + "\n" + e.out());
    }
}
