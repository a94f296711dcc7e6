package org.jspt.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspt.align.AlignResult;
import org.jspt.geom.Transform;
import org.jspt.io.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** particle_margins.txt (refinemulti.md §16.6): the margin over the best other scored class, written and read back. */
class ParticleMarginsTest {
    @TempDir Path dir;

    private static AlignResult r(double score) { return new AlignResult(Transform.identity(), score); }

    @Test
    void theMarginIsTheBestOtherClassesScoreMinusTheOwn() throws Exception {
        // particle 0: class 1 (−0.5), next class 2 (−0.4; class 0 at −0.1); particle 1: class 0, class 1 not scored,
        // class 2 next; particle 2: only its own class scored (no margin)
        AlignResult[][] res = {
                {r(-0.1), r(-0.5), r(-0.4)},
                {r(-0.3), null, r(-0.25)},
                {null, null, r(-0.2)}};
        Assignment asg = Assignment.classify(res, new boolean[] {true, true, true});
        ParticleMargins.write(dir, 3, asg);
        ParticleMargins.Margins m = ParticleMargins.read(dir.resolve(RunFileNames.PARTICLE_MARGINS));
        assertEquals(4, m.iteration(), "iteration 3 (0-based) is NN 04");
        List<ParticleMargins.Margin> l = m.lines();
        assertEquals(3, l.size());
        ParticleMargins.Margin m0 = l.get(0);
        assertEquals(List.of(0, 1, 2), List.of(m0.particle(), m0.classIndex(), m0.nextClass()));
        assertEquals(-0.5, m0.score(), 1e-12);
        assertEquals(-0.4, m0.nextScore(), 1e-12);
        assertEquals(0.1, m0.margin(), 1e-7, "written in single precision");
        assertEquals(0, l.get(1).classIndex());
        assertEquals(2, l.get(1).nextClass());
        assertEquals(0.05, l.get(1).margin(), 1e-12);
        assertEquals(-1, l.get(2).nextClass());
        assertTrue(Double.isNaN(l.get(2).margin()) && Double.isNaN(l.get(2).nextScore()));
        for (ParticleMargins.Margin x : l) assertTrue(Double.isNaN(x.margin()) || x.margin() >= 0, x.toString());
        // rewritten by a later iteration, atomically: no temporary file is left beside it
        ParticleMargins.write(dir, 4, asg);
        assertEquals(5, ParticleMargins.read(dir.resolve(RunFileNames.PARTICLE_MARGINS)).iteration());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(RunFileNames.PARTICLE_MARGINS), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void aDamagedFileIsOneLineNamingIt() throws Exception {
        Path f = dir.resolve(RunFileNames.PARTICLE_MARGINS);
        Files.writeString(f, "# iteration 02\n0\t1\t-0.5\t2\n");
        FormatException e = assertThrows(FormatException.class, () -> ParticleMargins.read(f));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains(f.getFileName().toString()), e.getMessage());
        Files.writeString(f, "0\t1\t-0.5\t2\t-0.4\t0.1\n");
        assertTrue(assertThrows(FormatException.class, () -> ParticleMargins.read(f)).getMessage().contains("iteration"));
    }
}
