package org.jspt.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspt.geom.Transform;
import org.jspt.io.AtomicFiles;
import org.jspt.run.ParticleParms;

/**
 * The run report: {@code index.html} in a refinemulti run folder, with its pictures in {@code report/},
 * built from the folder's files alone (nothing is recomputed) and rewritten after every iteration. Plain
 * HTML and PNG with relative links, so it opens from disk without a server. Each section that cannot be
 * drawn yet (a file not written, or unreadable) says so instead; the rest of the page is still written.
 * Also draws the {@code --plots} pictures {@code spt_cccs_<it>_<ref>.png} beside their data files.
 *
 * <p>Not thread-safe for one folder: one writer at a time (refinemulti writes it on one thread of its own while the
 * next iteration runs, {@link BackgroundReport}).
 */
public final class RunReport {
    /** The page, in the run folder. */
    public static final String INDEX = "index.html";
    /** The folder of the page's pictures, in the run folder. */
    public static final String IMAGES = "report";

    static {
        // Charts and pictures are drawn off screen; without this AWT would look for a display.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private RunReport() {}

    /**
     * (Re)writes the report of {@code runDir}. @return the page
     * @throws IOException only if the page itself cannot be written (missing inputs are reported on the page)
     */
    public static Path write(Path runDir) throws IOException {
        RunFiles f = new RunFiles(runDir);
        ReportPage page = new ReportPage(runDir, IMAGES);
        List<ScorePlots.Plot> scorePlots = ScorePlots.write(f);
        page.raw(HEAD.replace("%TITLE%", ReportPage.esc(runDir.toAbsolutePath().normalize().getFileName() + " — jspt run report")));
        page.raw("<h1>").text(String.valueOf(runDir.toAbsolutePath().normalize().getFileName())).raw("</h1>\n");
        section(page, "status", null, () -> Sections.status(f, page));
        boolean restarts = java.nio.file.Files.exists(runDir.resolve(org.jspt.run.RunFileNames.CLASS_REPRODUCIBILITY));
        page.raw(restarts ? NAV.replace("<a href=\"#fsc\">", "<a href=\"#restarts\">restarts</a><a href=\"#fsc\">") : NAV);
        section(page, "averages", "Class averages", () -> Sections.averages(f, page));
        section(page, "history", "Class averages per iteration", () -> Sections.history(f, page));
        section(page, "convergence", "Class sizes and convergence", () -> Sections.convergence(f, page));
        section(page, "margins", "How sure each assignment is (score margins)", () -> Sections.margins(f, page));
        if (restarts) section(page, "restarts", "Restarts: consensus classes and their stability", () -> Sections.restarts(f, page));
        section(page, "fsc", "Resolution (FSC between half averages)", () -> Sections.fsc(f, page));
        section(page, "scores", "Scores", () -> Sections.scores(f, page, scorePlots));
        section(page, "orientations", "Orientation coverage", () -> Sections.orientations(f, page));
        if (java.nio.file.Files.exists(f.splits())) section(page, "splits", "References by splitting (K diagnostic)", () -> Sections.splits(f, page));
        section(page, "timing", "Timing", () -> Sections.timing(f, page));
        section(page, "options", "Options", () -> Sections.options(f, page));
        page.raw("<p class=\"meta\">Written ").text(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").format(ZonedDateTime.now(ZoneOffset.UTC)))
                .raw(" by jspt from the files in this folder; rewritten after every iteration.</p>\n</body>\n</html>\n");
        Path index = runDir.resolve(INDEX);
        AtomicFiles.writeString(index, page.html());
        page.prune();
        return index;
    }

    /**
     * {@link #write} for use inside a run: any failure is printed as one warning line on {@code warn} and
     * swallowed, so the report can never stop a refinement. @return true if the report was written
     */
    public static boolean writeOrWarn(Path runDir, PrintWriter warn) {
        try {
            write(runDir);
            return true;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) { // NB: also LinkageError/AWTError from a Java without graphics: a report is never worth a failed run
            warn.println("WARNING: run report not written: " + e);
            warn.flush();
            return false;
        }
    }

    /** A part of the page that may fail. */
    interface Body {
        void render() throws Exception;
    }

    private static void section(ReportPage page, String id, String title, Body body) {
        page.raw("<section id=\"" + id + "\">\n");
        if (title != null) page.raw("<h2>").text(title).raw("</h2>\n");
        int mark = page.mark();
        try {
            body.render();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            page.truncate(mark);
            page.raw("<p class=\"na\">Not yet available: ").text(reason(e)).raw("</p>\n");
        }
        page.raw("</section>\n");
    }

    private static String reason(Throwable e) {
        if (e instanceof NoSuchFileException n) return Path.of(n.getFile()).getFileName() + " has not been written yet.";
        if (e instanceof Sections.NotYet n) return n.getMessage();
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Direction of the particle's z axis (the beam) in its reference's frame: R·(0, 0, 1) of xform.align3d. */
    static double[] beamInReferenceFrame(Transform particleToReference) {
        double[] out = new double[3];
        particleToReference.rotate(new double[] {0, 0, 1}, out);
        return out;
    }

    /**
     * Lambert azimuthal equal-area projection of a unit vector, centred on +z: radius 2·sin(θ/2) for polar
     * angle θ, so the whole sphere fills a disc of radius 2 and equal areas stay equal.
     */
    static double[] lambert(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        double theta = Math.acos(Math.max(-1, Math.min(1, v[2] / n))), phi = Math.atan2(v[1], v[0]);
        double r = 2 * Math.sin(theta / 2);
        return new double[] {r * Math.cos(phi), r * Math.sin(phi)};
    }

    /**
     * What the report draws of one class's particles, in particle-index order: each one's score and the
     * Lambert point ({@link #lambert}) of its beam axis ({@link #beamInReferenceFrame}).
     */
    record ClassPoints(double[] scores, double[] beamX, double[] beamY) {}

    /**
     * The particles of a particle_parms file by class, streamed: a few numbers per particle are kept, never
     * the file or its entries (100,000 particles take a few MB). Each class grows its own columns by half (no
     * array of all N particles, which at 100,000 is a humongous G1 region each time it doubles).
     */
    static Map<Integer, ClassPoints> byClass(Path parms) throws IOException {
        Map<Integer, ClassColumns> columns = new TreeMap<>();
        ParticleParms.forEach(parms, e -> {
            double[] xy = lambert(beamInReferenceFrame(e.xform()));
            columns.computeIfAbsent(e.classIndex(), c -> new ClassColumns()).add(e.index(), e.score(), xy[0], xy[1]);
        });
        Map<Integer, ClassPoints> m = new TreeMap<>();
        columns.forEach((c, col) -> m.put(c, col.inIndexOrder()));
        return m;
    }

    /** One class's particles as read: index, score and beam point, in file (key) order. */
    private static final class ClassColumns {
        private int n;
        private int[] index = new int[256];
        private double[] score = new double[256], x = new double[256], y = new double[256];

        void add(int i, double s, double bx, double by) {
            if (n == index.length) {
                int cap = n + (n >> 1);
                index = java.util.Arrays.copyOf(index, cap);
                score = java.util.Arrays.copyOf(score, cap);
                x = java.util.Arrays.copyOf(x, cap);
                y = java.util.Arrays.copyOf(y, cap);
            }
            index[n] = i;
            score[n] = s;
            x[n] = bx;
            y[n] = by;
            n++;
        }

        /** The points sorted by particle index (ties: file order); the file is in key order, not index order. */
        ClassPoints inIndexOrder() {
            long[] order = new long[n];
            for (int i = 0; i < n; i++) order[i] = ((long) index[i] << 32) | i;
            java.util.Arrays.sort(order);
            ClassPoints p = new ClassPoints(new double[n], new double[n], new double[n]);
            for (int j = 0; j < n; j++) {
                int i = (int) order[j];
                p.scores()[j] = score[i];
                p.beamX()[j] = x[i];
                p.beamY()[j] = y[i];
            }
            return p;
        }
    }

    static String fmt(String pattern, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, pattern, v) : "—";
    }

    static <V> Map<String, V> ordered() { return new LinkedHashMap<>(); }

    private static final String HEAD = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>%TITLE%</title>
            <style>
            body { font-family: sans-serif; margin: 1.5em; color: #222; max-width: 1400px; }
            h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.6em; }
            table { border-collapse: collapse; margin: 0.5em 0; }
            th, td { border: 1px solid #ddd; padding: 0.25em 0.5em; text-align: right; vertical-align: middle; }
            th { background: #f3f3f3; }
            td.img { padding: 2px; text-align: center; }
            img.view { width: 128px; height: 128px; image-rendering: pixelated; }
            img.thumb { width: 64px; height: 64px; image-rendering: pixelated; }
            img.chart { margin: 0.3em; border: 1px solid #eee; }
            .na { color: #a60; font-style: italic; }
            .meta { color: #666; font-size: 0.9em; }
            pre { background: #f7f7f7; padding: 0.6em; overflow-x: auto; }
            nav a { margin-right: 1em; }
            </style>
            </head>
            <body>
            """;

    private static final String NAV = """
            <nav><a href="#averages">averages</a><a href="#history">history</a><a href="#convergence">convergence</a><a href="#margins">margins</a><a href="#fsc">FSC</a>\
            <a href="#scores">scores</a><a href="#orientations">orientations</a><a href="#timing">timing</a><a href="#options">options</a></nav>
            """;
}
