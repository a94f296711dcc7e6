package org.jspt.cli;

import static org.jspt.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspt.geom.Transform;
import org.jspt.run.ParticleParms;
import org.jspt.sim.TinyDataset;
import org.jspt.sim.TruthFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jspt evaluate with particle_margins.txt (refinemulti.md §16.6): the margin's AUC for right against wrong assignments. */
class EvaluateMarginsTest {
    @TempDir Path dir;

    /**
     * Writes particle_parms with two particles of class 0 put into class 1 (wrong), and a margins file giving the wrong
     * ones margins 0.002 and 0.004, one right one 0.003 and the other right ones 0.01. @return the particle count
     */
    private int write(Path params, Path margins, boolean marginClassesAsParms) throws Exception {
        TinyDataset.write(dir);
        TruthFile truth = TruthFile.read(dir.resolve("truth.json"));
        int n = truth.particles().size();
        List<ParticleParms.Entry> parms = new ArrayList<>();
        StringBuilder m = new StringBuilder("# iteration 03\n# particle\tclass\tscore\tnext_class\tnext_score\tmargin\n");
        int wrongSeen = 0;
        boolean lowRight = false;
        for (int p = 0; p < n; p++) {
            int t = truth.particles().get(p).classIndex();
            boolean wrong = t == 0 && wrongSeen < 2;
            double margin;
            if (wrong) margin = wrongSeen++ == 0 ? 0.002 : 0.004;
            else if (!lowRight) { margin = 0.003; lowRight = true; }
            else margin = 0.01;
            int c = wrong ? 1 : t;
            parms.add(new ParticleParms.Entry("particles.hdf", p, c, -0.5, Transform.identity()));
            int mc = marginClassesAsParms || p != n - 1 ? c : 1 - c;
            m.append(p).append('\t').append(mc).append("\t-0.5\t").append(1 - mc).append('\t').append(-0.5 + margin).append('\t').append(margin).append('\n');
        }
        ParticleParms.write(params, parms);
        Files.writeString(margins, m.toString());
        return n;
    }

    @Test
    void evaluateGivesTheMarginAucOfRightAgainstWrongAssignments() throws Exception {
        Path params = dir.resolve("parms.json"), margins = dir.resolve("margins.txt");
        int n = write(params, margins, true);
        CliRun.Result ev = run("evaluate", "--truth", dir.resolve("truth.json").toString(), "--params", params.toString(), "--margins", margins.toString());
        assertEquals(0, ev.code(), ev.err());
        // right: n−3 at 0.01 and one at 0.003; wrong: 0.002 and 0.004 → (2·(n−3) + 1) / (2·(n−2)) ordered pairs
        double expected = (2.0 * (n - 3) + 1) / (2.0 * (n - 2));
        assertTrue(ev.out().contains(String.format(java.util.Locale.ROOT, "margin AUC %.3f (right vs wrong assignments: %d right, 2 wrong; from margins.txt, iteration 03)",
                expected, n - 2)), ev.out());
        String json = Files.readString(dir.resolve("evaluation.json"));
        assertTrue(json.contains("\"margin\"") && json.contains("\"auc\" : " + expected), json);
    }

    @Test
    void marginsOfOtherClassesAreNotScored() throws Exception {
        Path params = dir.resolve("parms.json"), margins = dir.resolve("margins.txt");
        write(params, margins, false);
        CliRun.Result ev = run("evaluate", "--truth", dir.resolve("truth.json").toString(), "--params", params.toString(), "--margins", margins.toString());
        assertEquals(0, ev.code(), ev.err());
        assertTrue(ev.out().contains("margin AUC - (margins.txt is iteration 03, whose classes are not the evaluated ones)"), ev.out());
        assertFalse(Files.readString(dir.resolve("evaluation.json")).contains("\"margin\""));
    }

    @Test
    void aMissingMarginsFileIsOneLine() throws Exception {
        Path params = dir.resolve("parms.json"), margins = dir.resolve("margins.txt");
        write(params, margins, true);
        CliRun.Result ev = run("evaluate", "--truth", dir.resolve("truth.json").toString(), "--params", params.toString(), "--margins", dir.resolve("none.txt").toString());
        assertEquals(1, ev.code());
        assertTrue(ev.err().strip().lines().count() == 1 && ev.err().contains("--margins") && ev.err().contains("no such file"), ev.err());
    }
}
