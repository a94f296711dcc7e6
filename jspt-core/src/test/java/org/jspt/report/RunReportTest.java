package org.jspt.report;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run report of a real (tiny) run folder, of a partial one, and of an empty one. */
class RunReportTest {
    @TempDir Path tmp;

    private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\""), HREF = Pattern.compile("<a href=\"([^\"]+)\"");
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** The img sources of the page; fails unless each is a relative link to a valid PNG file in the run folder. */
    static List<String> checkImages(Path run) throws IOException {
        String html = Files.readString(run.resolve(RunReport.INDEX), StandardCharsets.UTF_8);
        List<String> srcs = new ArrayList<>();
        Matcher m = IMG.matcher(html);
        while (m.find()) srcs.add(m.group(1));
        for (String s : srcs) {
            assertFalse(s.contains(":") || s.startsWith("/") || s.contains(".."), "not a relative link inside the folder: " + s);
            Path f = run.resolve(s);
            assertTrue(Files.isRegularFile(f), "the page shows " + s + ", which does not exist");
            byte[] head = Arrays.copyOf(Files.readAllBytes(f), 8);
            assertArrayEquals(PNG_MAGIC, head, s + " is not a PNG");
            BufferedImage img = ImageIO.read(f.toFile());
            assertNotNull(img, s + " does not decode");
            assertTrue(img.getWidth() > 0 && img.getHeight() > 0, s);
        }
        Matcher h = HREF.matcher(html);
        while (h.find()) {
            String s = h.group(1);
            if (s.startsWith("#")) continue;
            assertFalse(s.contains(":") || s.startsWith("/"), "not a relative link: " + s);
            assertTrue(Files.exists(run.resolve(s)), "the page links " + s + ", which does not exist");
        }
        return srcs;
    }

    @Test
    void reportOfARealRunShowsEverySectionWithValidPictures() throws Exception {
        Path run = TinyRun.folder();
        assertFalse(TinyRun.engineLog.contains("WARNING"), TinyRun.engineLog);
        Path index = RunReport.write(run);
        String html = Files.readString(index, StandardCharsets.UTF_8);
        assertFalse(html.contains("Not yet available"), html);
        List<String> srcs = checkImages(run);
        // 2 classes × 6 views of the newest averages, charts, histograms per class, the --plots pictures.
        for (String want : List.of("report/sizes.png", "report/resolution.png", "report/fsc.png", "report/timing.png", "report/margins.png",
                "report/orientations.png", "report/scores_k0.png", "report/scores_k1.png", "report/avg_01_k0_xy.png", "report/avg_01_k1_px.png")) {
            assertTrue(srcs.contains(want), want + " not shown; shown: " + srcs);
        }
        assertTrue(srcs.contains("spt_cccs_0_0.png") && srcs.contains("spt_cccs_0_1.png"), srcs.toString());
        for (String id : List.of("status", "averages", "history", "convergence", "margins", "fsc", "scores", "orientations", "timing", "options")) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), id);
        }
        assertTrue(html.contains("iter=3"), "options from parameters_refinemulti.txt");
        assertTrue(html.contains("testhost"), "the .eman2log.txt line of the run");
        assertTrue(html.contains("2 iterations recorded of --iter 3; converged at iteration 02"), html);
        // The converged iteration is the second one recorded, so the changes between iterations have a point to draw.
        assertTrue(srcs.contains("report/changes.png"), "changes chart with the converged iteration: " + srcs);
        assertTrue(html.contains("<tr><td>02</td><td>0.0 %</td>"), "the converged iteration's row, no class changed: " + html);
        // §16.6: the converged iteration's margins, with the least certain particles named
        assertTrue(html.contains("Iteration 02: each particle's margin") && html.contains("smallest margins (particle: class, next class, margin): "), html);
    }

    @Test
    void convergenceChartsAndTableFromAHandWrittenIterationsFile() throws Exception {
        Path run = Files.createDirectory(tmp.resolve("three_01"));
        // Three iterations; class 2 empties in the third (null score and resolution), as IterationLog writes it.
        Files.writeString(run.resolve("iterations.json"), """
                [ {"iteration": 1, "class_sizes": [5, 4, 3], "percent_changed": null, "mean_orientation_change_deg": null,
                   "mean_score": [-0.5, -0.4, -0.3], "resolution_fsc0143_angstrom": [20.0, 22.5, 30.0], "seconds": 4.25},
                  {"iteration": 2, "class_sizes": [6, 5, 1], "percent_changed": 25.0, "mean_orientation_change_deg": 7.5,
                   "mean_score": [-0.6, -0.5, -0.2], "resolution_fsc0143_angstrom": [18.0, 20.0, null], "seconds": 3.5},
                  {"iteration": 3, "class_sizes": [7, 5, 0], "percent_changed": 8.333, "mean_orientation_change_deg": 2.0,
                   "mean_score": [-0.65, -0.55, null], "resolution_fsc0143_angstrom": [16.0, 19.5, null], "seconds": 3.0} ]
                """);
        String html = Files.readString(RunReport.write(run));
        List<String> srcs = checkImages(run);
        for (String want : List.of("report/sizes.png", "report/changes.png", "report/resolution.png", "report/timing.png")) {
            assertTrue(srcs.contains(want), want + " not shown; shown: " + srcs);
        }
        assertFalse(html.contains("nothing to draw yet"), html);
        assertTrue(html.contains("<td>03</td><td>8.3 %</td><td>2.00°</td><td>7 / -0.6500 / 16.0</td><td>5 / -0.5500 / 19.5</td><td>0 / — / —</td>"), html);
        assertTrue(html.contains("10.8 s in 3 iterations"), html);
        assertTrue(html.contains("3 iterations recorded."), html);
    }

    @Test
    void theRunWritesTheReportAndAPlotsPictureBesideEveryScoreFile() throws Exception {
        Path run = TinyRun.folder(); // the run itself wrote the report after each iteration
        List<Path> txt;
        try (Stream<Path> s = Files.list(run)) {
            txt = s.filter(p -> p.getFileName().toString().matches("spt_cccs_\\d+_\\d+\\.txt")).toList();
        }
        assertFalse(txt.isEmpty(), "--plots wrote no spt_cccs files");
        assertTrue(TinyRun.filesAfterRun.contains(RunReport.INDEX), "refinemulti wrote no report: " + TinyRun.filesAfterRun);
        for (Path t : txt) {
            Path png = t.resolveSibling(t.getFileName().toString().replace(".txt", ".png"));
            assertTrue(TinyRun.filesAfterRun.contains(png.getFileName().toString()), png + " missing after the run");
            assertNotNull(ImageIO.read(png.toFile()), png + " is not an image");
        }
    }

    @Test
    void aPartialRunFolderGivesAPageThatSaysWhatIsMissing() throws Exception {
        Path run = TinyRun.copy(tmp.resolve("partial_01"));
        try (Stream<Path> s = Files.list(run)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("class_avgs") || n.startsWith("fsc_")) Files.delete(p);
            }
        }
        // A file cut short, as a reader of a copy made mid-write might see it.
        Path its = run.resolve("iterations.json");
        String json = Files.readString(its);
        Files.writeString(its, json.substring(0, json.length() / 2));
        Path index = RunReport.write(run);
        String html = Files.readString(index, StandardCharsets.UTF_8);
        for (String id : List.of("averages", "history", "convergence", "fsc", "timing")) {
            int at = html.indexOf("<section id=\"" + id + "\">");
            assertTrue(at >= 0, id);
            String sec = html.substring(at, html.indexOf("</section>", at));
            assertTrue(sec.contains("Not yet available"), id + ": " + sec);
        }
        assertTrue(html.contains("iterations.json: not readable JSON"), "the reason is given");
        // What is there is still shown.
        List<String> srcs = checkImages(run);
        assertTrue(srcs.contains("report/orientations.png") && srcs.contains("report/scores_k0.png"), srcs.toString());
    }

    @Test
    void anEmptyFolderGivesAPageWithNothingYet() throws Exception {
        Path run = Files.createDirectory(tmp.resolve("empty_01"));
        String html = Files.readString(RunReport.write(run));
        assertTrue(html.contains("iterations.json has not been written yet"), html);
        assertTrue(checkImages(run).isEmpty());
        assertFalse(Files.exists(run.resolve(RunReport.IMAGES)), "no picture folder without pictures");
    }

    @Test
    void aReportThatCannotBeWrittenIsOneWarningNotAnException() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("file.txt"), "x");
        StringWriter w = new StringWriter();
        assertFalse(RunReport.writeOrWarn(notADir, new PrintWriter(w)));
        assertTrue(w.toString().startsWith("WARNING: run report not written"), w.toString());
    }

    @Test
    void rewritingDropsPicturesThePageNoLongerShows() throws Exception {
        Path run = TinyRun.copy(tmp.resolve("again_01"));
        RunReport.write(run);
        assertTrue(Files.exists(run.resolve("report/avg_01_k0_xy.png")));
        try (Stream<Path> s = Files.list(run)) {
            for (Path p : s.toList()) if (p.getFileName().toString().startsWith("class_avgs")) Files.delete(p);
        }
        RunReport.write(run);
        assertFalse(Files.exists(run.resolve("report/avg_01_k0_xy.png")));
        checkImages(run);
    }

    @Test
    void particlesByClassComeInIndexOrderWithTheirScoresAndBeamPoints() throws IOException {
        // 700 particles (past the columns' first growth), keys in EMAN2's string order, not index order.
        List<org.jspt.run.ParticleParms.Entry> e = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            org.jspt.geom.Transform t = org.jspt.geom.Transform.eman(0, i % 180, 0);
            e.add(new org.jspt.run.ParticleParms.Entry("particles.hdf", i, i % 3, -i / 1000.0, t));
        }
        Path parms = tmp.resolve("particle_parms_01.json");
        org.jspt.run.ParticleParms.write(parms, e);
        java.util.Map<Integer, RunReport.ClassPoints> byClass = RunReport.byClass(parms);
        assertEquals(List.of(0, 1, 2), new ArrayList<>(byClass.keySet()));
        for (int c = 0; c < 3; c++) {
            RunReport.ClassPoints p = byClass.get(c);
            int size = (700 - c + 2) / 3;
            assertEquals(size, p.scores().length);
            for (int j = 0; j < size; j++) {
                int i = 3 * j + c;
                assertEquals(-i / 1000.0, p.scores()[j], 0);
                double[] xy = RunReport.lambert(RunReport.beamInReferenceFrame(e.get(i).xform()));
                assertEquals(xy[0], p.beamX()[j], 1e-6); // the file holds the matrix in float
                assertEquals(xy[1], p.beamY()[j], 1e-6);
            }
        }
    }
}
