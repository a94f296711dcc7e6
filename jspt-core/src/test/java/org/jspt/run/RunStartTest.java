package org.jspt.run;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspt.refine.options.RefineOptions;
import org.jspt.refine.options.RefineParams;
import org.jspt.refine.options.RefineValidatorTest;
import org.jspt.refine.options.TestCatalogs;
import org.jspt.refine.options.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStartTest {
    @TempDir Path tmp;

    /** What the command does: parse → validate → run folder and its files. */
    private RunStart prepare(String... args) throws IOException {
        RefineParams p = TestCatalogs.validator().validate(RefineOptions.parse(args), tmp);
        return RunStart.begin(tmp, p.output().pathStem(), p.argv(), p.ppid(), p.effectiveOptions());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void nothingIsCreatedWhenValidationFails() throws IOException {
        RefineValidatorTest.stack(tmp.resolve("p.hdf"), 6, 16, 16, 16, 4);
        assertThrows(UsageException.class, () -> prepare("--input=p.hdf", "--nref=1"));
        assertThrows(UsageException.class, () -> prepare("--input=p.hdf", "--lowpass=nosuch", "--path=foo"));
        assertEquals(List.of("p.hdf"), names(), "no run folder, no log, no parameters file");
    }

    @Test
    void numberedFoldersWithLogAndParameters() throws IOException {
        RefineValidatorTest.stack(tmp.resolve("p.hdf"), 6, 16, 16, 16, 4);
        RunStart a = prepare("--input=p.hdf", "--nref=2");
        RunStart b = prepare("--input=p.hdf", "--nref=2");
        RunStart c = prepare("--input=p.hdf", "--nref=2", "--path=foo");
        assertEquals(tmp.resolve("spt_refinemulti_01"), a.runDir());
        assertEquals(tmp.resolve("spt_refinemulti_02"), b.runDir());
        assertEquals(tmp.resolve("foo_01"), c.runDir());
        assertTrue(Files.exists(a.runDir().resolve("parameters_refinemulti.txt")));
        List<String> log = Files.readAllLines(tmp.resolve(".eman2log.txt"));
        assertEquals(3, log.size());
        assertTrue(log.get(0).endsWith("\tjspt refinemulti --input=p.hdf --nref=2"), log.get(0));
        b.finish();
        assertTrue(Files.readAllLines(tmp.resolve(".eman2log.txt")).get(1).split("\t")[1].matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertEquals("incomplete         ", Files.readAllLines(tmp.resolve(".eman2log.txt")).get(0).split("\t")[1]);
    }

    @Test
    void parametersFileListsSetOptionsAlphabeticallyThenTheCommandLine() throws IOException {
        RefineValidatorTest.stack(tmp.resolve("p.hdf"), 6, 16, 16, 16, 4);
        RefineParams p = TestCatalogs.validator().validate(RefineOptions.parse("--input=p.hdf", "--nref=2", "--saveali",
                "--align=rotate_translate_3d:search=3:delta=12", "--search=5", "--parallel=thread:2", "--keep=0.5",
                "--procfinelikecoarse=false"), tmp);
        String text = ParametersFile.text(p.effectiveOptions(), LocalDateTime.of(2024, 5, 1, 12, 34, 56, 789012000));
        List<String> lines = text.lines().toList();
        assertEquals("2024-05-01 12:34:56.789012", lines.get(0));
        int blank = lines.indexOf("");
        List<String> body = lines.subList(1, blank);
        assertEquals(body.stream().sorted().toList(), body, "alphabetical");
        assertTrue(body.contains("align=rotate_translate_3d:search=5:delta=12"), "the reconciled aligner string");
        assertTrue(body.containsAll(List.of("nref=2", "saveali=True", "keep=0.5", "search=5", "searchfine=2", "input=p.hdf",
                "parallel=thread:2", "averager=mean.tomo", "iter=1", "ppid=-1", "precision=1.0", "aligncmp=ccc.tomo.thresh")), body.toString());
        assertFalse(body.stream().anyMatch(l -> l.startsWith("falign=") || l.startsWith("savesteps=") || l.startsWith("subset=")
                || l.startsWith("procfinelikecoarse=")), "unset, empty, zero and false options are left out");
        assertEquals(blank + 2, lines.size());
        String cmd = lines.get(blank + 1);
        assertTrue(cmd.startsWith("jspt refinemulti --align=rotate_translate_3d:search=5:delta=12 --aligncmp=ccc.tomo.thresh"), cmd);
        assertTrue(cmd.contains(" --saveali ") && cmd.contains(" --nref=2 ") && cmd.contains(" --keep=0.5 "), cmd);
        // the command line parses back to the same values
        RefineOptions again = RefineOptions.parse(cmd.substring("jspt refinemulti ".length()).split(" "));
        assertEquals(0.5, again.real("keep"));
        assertTrue(again.flag("saveali"));
        assertEquals("rotate_translate_3d:search=5:delta=12", again.string("align"));
    }

    @Test
    void parametersFileQuotesAndPythonSpelling() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", "my run");
        m.put("apix", 4.0);
        m.put("output", null);
        m.put("hacref", 0);
        m.put("generate_doc", Boolean.TRUE);
        String t = ParametersFile.text(m, LocalDateTime.of(2024, 1, 2, 3, 4, 5));
        assertEquals("2024-01-02 03:04:05.000000\napix=4.0\npath=my run\n\njspt refinemulti --apix=4.0 '--path=my run'\n", t);
    }
}
