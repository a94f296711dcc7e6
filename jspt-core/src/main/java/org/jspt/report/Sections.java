package org.jspt.report;

import static org.jspt.report.RunReport.fmt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspt.image.Volume;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.io.ImageStack;
import org.jspt.run.IterationsFile;
import org.jspt.run.ParticleMargins;
import org.jspt.run.RestartFiles;
import org.jspt.run.RunFileNames;
import org.knowm.xchart.XYChart;

/** The sections of the run report, each drawn from the run's files into the page (see {@link RunReport}). */
final class Sections {
    /** A section whose inputs do not exist yet, with the reason to show. */
    static final class NotYet extends Exception {
        NotYet(String reason) { super(reason); }
    }

    private static final VolumeImages.View[] VIEWS = VolumeImages.View.values();
    private static final String[] VIEW_TAG = {"xy", "xz", "yz", "pz", "py", "px"};

    private Sections() {}

    static void status(RunFiles f, ReportPage page) {
        List<IterationsFile.Entry> its;
        try {
            its = f.iterations();
        } catch (IOException e) {
            its = List.of();
        }
        int planned = f.plannedIterations();
        page.raw("<p>").text(its.size() + " iteration" + (its.size() == 1 ? "" : "s") + " recorded"
                + (planned > 0 ? " of --iter " + planned : ""));
        IterationsFile.Entry converged = its.stream().filter(IterationsFile.Entry::converged).findFirst().orElse(null);
        if (converged != null) {
            page.text("; converged at iteration " + RunFiles.nn(converged.nn()) + " (same classes as the iteration before)");
        } else {
            try {
                // Run folders written before iterations.json recorded the converged iteration: only its particle_parms file tells.
                TreeSet<Integer> parms = f.parmsIterations();
                if (!parms.isEmpty() && parms.last() > its.size() && !its.isEmpty())
                    page.text("; converged at iteration " + RunFiles.nn(parms.last()) + " (same classes as the iteration before)");
            } catch (IOException e) {
                // the status line is shorter
            }
        }
        page.raw(".</p>\n");
        String log = Eman2LogLine.describe(f);
        if (log != null) page.raw("<p class=\"meta\">").text(log).raw("</p>\n");
    }

    /** Sections and projections of the newest class averages, one row per class. */
    static void averages(RunFiles f, ReportPage page) throws Exception {
        TreeSet<Integer> its = f.averageIterations();
        if (its.isEmpty()) throw new NotYet("no class_avgs_NN.hdf yet (written at the end of each iteration).");
        int nn = its.last();
        Path file = f.averages(nn);
        page.raw("<p>").text(file.getFileName() + ": each picture scaled from its own minimum (black) to maximum (white); "
                + "sections through the centre; y (or z) points up.").raw("</p>\n<table>\n<tr><th>class</th>");
        for (VolumeImages.View v : VIEWS) page.raw("<th>").text(v.label).raw("</th>");
        page.raw("</tr>\n");
        try (ImageStack s = EmanHdf.open(file)) {
            for (int k = 0; k < s.size(); k++) {
                int mult = s.readHeader(k).getInt("spt_multiplicity", -1);
                page.raw("<tr><th>").text("class " + k).raw("<br><span class=\"meta\">")
                        .text(mult >= 0 ? mult + " particles" : "").raw("</span></th>");
                if (mult == 0) {
                    page.raw("<td colspan=\"6\" class=\"na\">empty class (no average)</td></tr>\n");
                    continue;
                }
                Volume v = null;
                for (int i = 0; i < VIEWS.length; i++) {
                    if (v == null && !page.fresh(viewName(nn, k, i), file)) v = s.read(k);
                    page.raw("<td class=\"img\">").raw(viewImage(page, file, nn, k, i, v, "view")).raw("</td>");
                }
                page.raw("</tr>\n");
            }
        }
        page.raw("</table>\n");
    }

    /** The projection along z of every class average of every iteration: how the classes formed. */
    static void history(RunFiles f, ReportPage page) throws Exception {
        TreeSet<Integer> its = f.averageIterations();
        if (its.isEmpty()) throw new NotYet("no class_avgs_NN.hdf yet.");
        page.raw("<p>Projection along z of each class average, per iteration.</p>\n<table>\n");
        int k = -1;
        for (int nn : its) {
            Path file = f.averages(nn);
            try (ImageStack s = EmanHdf.open(file)) {
                if (k < 0) {
                    k = s.size();
                    page.raw("<tr><th>iteration</th>");
                    for (int c = 0; c < k; c++) page.raw("<th>").text("class " + c).raw("</th>");
                    page.raw("</tr>\n");
                }
                page.raw("<tr><th>").text(RunFiles.nn(nn)).raw("</th>");
                for (int c = 0; c < s.size(); c++) {
                    if (s.readHeader(c).getInt("spt_multiplicity", -1) == 0) page.raw("<td class=\"na\">empty</td>");
                    else page.raw("<td class=\"img\">").raw(viewImage(page, file, nn, c, 3, page.fresh(viewName(nn, c, 3), file) ? null : s.read(c), "thumb")).raw("</td>");
                }
                page.raw("</tr>\n");
            }
        }
        page.raw("</table>\n");
    }

    private static String viewName(int nn, int k, int view) { return "avg_" + RunFiles.nn(nn) + "_k" + k + "_" + VIEW_TAG[view] + ".png"; }

    /** The picture of one view of class k's average; drawn from {@code v}, or (v null) the fresh one already there. */
    private static String viewImage(ReportPage page, Path source, int nn, int k, int view, Volume v, String css) throws IOException {
        String name = viewName(nn, k, view);
        byte[] png = null;
        if (v != null && !page.fresh(name, source)) {
            VolumeImages.Plane p = VolumeImages.view(v, VIEWS[view]);
            png = VolumeImages.png(VolumeImages.grey(p, VolumeImages.scaleFor(Math.max(p.w(), p.h()), 128)));
        }
        return page.image(name, png, "class " + k + ", iteration " + RunFiles.nn(nn) + ", " + VIEWS[view].label, css);
    }

    /** Class sizes, % changed, orientation change and resolution per iteration: charts and a table. */
    static void convergence(RunFiles f, ReportPage page) throws Exception {
        List<IterationsFile.Entry> its = f.iterations();
        if (its.isEmpty()) throw new NotYet("no iteration has finished yet.");
        int k = its.get(its.size() - 1).sizes().length;
        double[] x = new double[its.size()], changed = new double[x.length], turn = new double[x.length];
        Map<String, double[]> sizes = RunReport.ordered(), res = RunReport.ordered();
        for (int c = 0; c < k; c++) {
            sizes.put("class " + c, new double[x.length]);
            res.put("class " + c, new double[x.length]);
        }
        for (int i = 0; i < x.length; i++) {
            IterationsFile.Entry it = its.get(i);
            x[i] = it.nn();
            changed[i] = it.percentChanged();
            turn[i] = it.orientationChange();
            for (int c = 0; c < k; c++) {
                sizes.get("class " + c)[i] = c < it.sizes().length ? it.sizes()[c] : Double.NaN;
                res.get("class " + c)[i] = c < it.resolution().length ? it.resolution()[c] : Double.NaN;
            }
        }
        chart(page, "sizes.png", Charts.perIteration("Class sizes", "particles", x, sizes), "class sizes per iteration");
        Map<String, double[]> ch = RunReport.ordered();
        ch.put("% changed class", changed);
        ch.put("mean orientation change (°)", turn);
        chart(page, "changes.png", Charts.perIteration("Changes from the iteration before", "% / degrees", x, ch),
                "particles that changed class and mean orientation change per iteration");
        chart(page, "resolution.png", Charts.perIteration("Resolution (FSC 0.143)", "Å", x, res), "resolution per class per iteration");
        page.raw("\n<table>\n<tr><th>iteration</th><th>changed class</th><th>orientation change</th>");
        for (int c = 0; c < k; c++) page.raw("<th>").text("class " + c + ": size / score / Å").raw("</th>");
        page.raw("</tr>\n");
        for (IterationsFile.Entry it : its) {
            page.raw("<tr><td>").text(RunFiles.nn(it.nn())).raw("</td><td>").text(fmt("%.1f %%", it.percentChanged()))
                    .raw("</td><td>").text(fmt("%.2f°", it.orientationChange())).raw("</td>");
            for (int c = 0; c < k; c++) {
                page.raw("<td>").text((c < it.sizes().length ? it.sizes()[c] : 0) + " / " + fmt("%.4f", at(it.meanScore(), c))
                        + " / " + fmt("%.1f", at(it.resolution(), c))).raw("</td>");
            }
            page.raw("</tr>\n");
        }
        page.raw("</table>\n<p class=\"meta\">Score: mean of the class's particles (lower is better). Orientation change: mean angle "
                + "between a particle's transforms in two iterations, over particles that kept their class.</p>\n");
    }

    /**
     * refinemulti.md §16.6: how sure the assignments of the last classifying iteration are (particle_margins.txt): a
     * histogram of the margins, each class's median and lowest margin, and the particles with the smallest margins.
     */
    static void margins(RunFiles f, ReportPage page) throws Exception {
        Path file = f.dir.resolve(RunFileNames.PARTICLE_MARGINS);
        if (!java.nio.file.Files.exists(file)) throw new NotYet("no particle_margins.txt yet (written by every classifying iteration).");
        Map<Integer, List<Double>> byClass = new java.util.TreeMap<>();
        List<ParticleMargins.Margin> least = new ArrayList<>(); // the smallest margins, kept sorted, at most LEAST_SHOWN
        int iteration = ParticleMargins.forEach(file, m -> {
            if (Double.isNaN(m.margin())) return;
            byClass.computeIfAbsent(m.classIndex(), c -> new ArrayList<>()).add(m.margin());
            int at = 0;
            while (at < least.size() && least.get(at).margin() <= m.margin()) at++;
            if (at < LEAST_SHOWN) {
                least.add(at, m);
                if (least.size() > LEAST_SHOWN) least.remove(LEAST_SHOWN);
            }
        });
        double[] all = byClass.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
        if (all.length == 0) throw new NotYet("no particle was scored against a second class.");
        page.raw("<p>").text("Iteration " + RunFiles.nn(iteration) + ": each particle's margin is the score of the best other class minus the "
                + "score of its own (lower scores are better), so a small margin is an assignment the data barely support. On simulated "
                + "sets the misassigned particles were among the smallest margins (docs/heterogeneity.md, \"How sure is each assignment\").").raw("</p>\n");
        page.raw(page.image("margins.png", Charts.png(Charts.histogram("Score margins, " + all.length + " particles", "margin", all, 40)),
                "histogram of the particles' score margins", "chart"));
        page.raw("<table>\n<tr><th>class</th><th>members</th><th>median margin</th><th>lowest margin</th></tr>\n");
        for (Map.Entry<Integer, List<Double>> e : byClass.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            page.raw("<tr><td>").text("" + e.getKey()).raw("</td><td>").text("" + v.length).raw("</td><td>")
                    .text(fmt("%.4g", v[v.length / 2])).raw("</td><td>").text(fmt("%.4g", v[0])).raw("</td></tr>\n");
        }
        page.raw("</table>\n<p>").text("The " + least.size() + " smallest margins (particle: class, next class, margin): ");
        for (int i = 0; i < least.size(); i++) {
            ParticleMargins.Margin m = least.get(i);
            page.text((i == 0 ? "" : "; ") + m.particle() + ": " + m.classIndex() + ", " + m.nextClass() + ", " + fmt("%.4g", m.margin()));
        }
        page.raw(".</p>\n<p class=\"meta\">").text("All particles: particle_margins.txt.").raw("</p>\n");
    }

    /** Particles listed by {@link #margins} and {@link #restarts}. */
    private static final int LEAST_SHOWN = 10;

    /**
     * --restarts (refinemulti.md §16.5): the class reproducibility table, a histogram of the particles' stability and the
     * least certain particles.
     */
    static void restarts(RunFiles f, ReportPage page) throws Exception {
        List<String[]> rows = RestartFiles.readTable(f.dir.resolve(RunFileNames.CLASS_REPRODUCIBILITY));
        List<RestartFiles.Stability> st = RestartFiles.readStability(f.dir.resolve(RunFileNames.PARTICLE_STABILITY));
        if (st.isEmpty()) throw new NotYet("particle_stability.txt lists no particle.");
        int runs = st.get(0).runs();
        page.raw("<p>").text("The last iteration's classes are the consensus of " + runs + " classifications (run 1 and " + (runs - 1)
                + " restarts, each aligning and classifying every particle against averages of a bootstrap resample of run 1's classes; classes matched by the Hungarian algorithm). A particle's "
                + "stability is the fraction of the classifications that put it in its consensus class.").raw("</p>\n");
        page.raw("<table>\n<tr><th>class</th><th>members</th><th>mean stability</th><th>in this class in every run</th>"
                + "<th>mean Jaccard</th><th>lowest Jaccard</th><th>Jaccard per run</th></tr>\n");
        for (String[] r : rows) {
            page.raw("<tr>");
            for (int i = 0; i < 7; i++) page.raw("<td>").text(i < r.length ? r[i] : "").raw("</td>");
            page.raw("</tr>\n");
        }
        page.raw("</table>\n");
        double[] s = st.stream().mapToDouble(RestartFiles.Stability::stability).toArray();
        long below = java.util.Arrays.stream(s).filter(x -> x < 0.5).count();
        page.raw(page.image("stability.png", Charts.png(Charts.histogram("Particle stability, " + s.length + " particles", "stability", s, runs)),
                "histogram of the particles' stability", "chart"));
        List<RestartFiles.Stability> least = st.stream().sorted(RestartFiles.LEAST_CERTAIN_FIRST).limit(LEAST_SHOWN).toList();
        page.raw("<p>").text("The " + least.size() + " least certain particles (particle: consensus class, stability, mean margin): ");
        for (int i = 0; i < least.size(); i++) {
            RestartFiles.Stability x = least.get(i);
            page.text((i == 0 ? "" : "; ") + x.particle() + ": " + x.classIndex() + ", " + fmt("%.2f", x.stability()) + ", "
                    + (Double.isNaN(x.meanMargin()) ? "-" : fmt("%.4g", x.meanMargin())));
        }
        page.raw(".</p>\n");
        page.raw("<p class=\"meta\">").text(below + " of " + s.length + " particles agree with the consensus in fewer than half of the runs. "
                + "Jaccard: |consensus class ∩ the run's matched class| / |union| (class_reproducibility.txt; per particle: particle_stability.txt).")
                .raw("</p>\n");
    }

    /** The newest FSC curves of every class, with the thresholds and the resolution from iterations.json. */
    static void fsc(RunFiles f, ReportPage page) throws Exception {
        TreeSet<Integer> its = f.fscIterations();
        if (its.isEmpty()) throw new NotYet("no fsc_NN_k.txt yet (written with the class averages).");
        int nn = its.last();
        double[] res = new double[0];
        try {
            for (IterationsFile.Entry it : f.iterations()) if (it.nn() == nn) res = it.resolution();
        } catch (IOException e) {
            // the legend shows no resolution
        }
        Map<String, double[][]> curves = RunReport.ordered();
        for (Map.Entry<Integer, Path> e : f.fscFiles(nn).entrySet()) {
            int c = e.getKey();
            curves.put("class " + c + " (" + fmt("%.1f Å", at(res, c)) + ")", RunFiles.columns(e.getValue(), 2));
        }
        page.raw(page.image("fsc.png", Charts.png(Charts.fsc("FSC, iteration " + RunFiles.nn(nn), curves)), "FSC curves", "chart"));
        page.raw("<p class=\"meta\">Gold-standard FSC between the averages of even- and odd-numbered particles of each class "
                + "(fsc_" + RunFiles.nn(nn) + "_k.txt); the resolution in the legend is where it falls below 0.143.</p>\n");
    }

    /** Histograms of the best score of each class's particles, and the --plots pictures of the newest iteration. */
    static void scores(RunFiles f, ReportPage page, List<ScorePlots.Plot> scorePlots) throws Exception {
        TreeSet<Integer> its = f.parmsIterations();
        if (its.isEmpty()) throw new NotYet("no particle_parms_NN.json yet.");
        int nn = its.last();
        page.raw("<p>").text("Best score of each particle in its class, " + f.particleParms(nn).getFileName() + " (lower is better).").raw("</p>\n");
        for (Map.Entry<Integer, RunReport.ClassPoints> e : f.classPoints(nn).entrySet()) {
            double[] s = java.util.Arrays.stream(e.getValue().scores()).filter(Double::isFinite).toArray();
            if (s.length == 0) continue;
            int bins = Math.max(5, Math.min(30, (int) Math.ceil(Math.sqrt(s.length) * 1.5)));
            String title = "class " + e.getKey() + ": " + s.length + " particles";
            page.raw(page.image("scores_k" + e.getKey() + ".png", Charts.png(Charts.histogram(title, "score", s, bins)), "score histogram, " + title, "chart"));
        }
        if (!scorePlots.isEmpty()) {
            int last = scorePlots.get(scorePlots.size() - 1).iteration();
            page.raw("<h3>--plots: scores against each reference, best first</h3>\n");
            for (ScorePlots.Plot p : scorePlots) {
                if (p.iteration() == last) page.raw(page.linked(p.png(), "sorted scores, " + p.png(), "chart"));
            }
            page.raw("<p class=\"meta\">All iterations: ");
            for (ScorePlots.Plot p : scorePlots) page.raw("<a href=\"" + ReportPage.esc(p.png()) + "\">").text(p.png()).raw("</a> ");
            page.raw("</p>\n");
        }
    }

    /** Where each particle's beam axis points in its class average's frame, on an equal-area map of the sphere. */
    static void orientations(RunFiles f, ReportPage page) throws Exception {
        TreeSet<Integer> its = f.parmsIterations();
        if (its.isEmpty()) throw new NotYet("no particle_parms_NN.json yet.");
        int nn = its.last();
        Map<String, double[][]> pts = RunReport.ordered();
        for (Map.Entry<Integer, RunReport.ClassPoints> e : f.classPoints(nn).entrySet()) {
            pts.put("class " + e.getKey(), new double[][] {e.getValue().beamX(), e.getValue().beamY()});
        }
        XYChart c = Charts.scatter("Beam axis of each particle, iteration " + RunFiles.nn(nn), pts, 2.1);
        for (double r : new double[] {Math.sqrt(2), 2}) {
            double[][] circle = new double[2][73];
            for (int i = 0; i <= 72; i++) {
                circle[0][i] = r * Math.cos(Math.toRadians(5 * i));
                circle[1][i] = r * Math.sin(Math.toRadians(5 * i));
            }
            Charts.outline(c, "r" + r, circle[0], circle[1]);
        }
        page.raw(page.image("orientations.png", Charts.png(c), "orientation coverage", "chart"));
        page.raw("<p class=\"meta\">Each point is the direction of a particle's z axis (the beam; its missing wedge lies around it) "
                + "in the frame of its class average, i.e. R·(0,0,1) of xform.align3d, drawn on a Lambert azimuthal equal-area map "
                + "centred on +z: the inner circle is the equator (90°), the outer circle the −z pole (180°). "
                + "Evenly spread points mean the wedges fill each other in.</p>\n");
    }

    /** --grouping split: each split's sizes and support, and the K the splits support (refinemulti.md §16.4). */
    static void splits(RunFiles f, ReportPage page) throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(f.splits());
        page.raw("<p>").text("How the references were built from the data: each line split one class in two. A split is supported "
                + "when the even- and odd-numbered members, analysed separately, show the same difference (halves agree near 1; "
                + "noise gives values near 0).").raw("</p>\n<table>\n<tr><th>split</th><th>class</th><th>members</th><th>sides</th>"
                + "<th>variance along it</th><th>bimodality</th><th>halves agree</th><th>supported</th></tr>\n");
        String verdict = "";
        int i = 0;
        for (String l : lines) {
            if (l.startsWith("# K diagnostic")) verdict = l.substring(2);
            if (l.startsWith("#") || l.isBlank()) continue;
            String[] c = l.trim().split("\\s+");
            i++;
            page.raw("<tr><td>").text(String.valueOf(i)).raw("</td><td>").text(c[1]).raw("</td><td>").text(c[2])
                    .raw("</td><td>").text(c[4] + " + " + c[5]).raw("</td><td>")
                    .text(String.format(java.util.Locale.ROOT, "%.1f %%", 100 * Double.parseDouble(c[7])))
                    .raw("</td><td>").text(c[8]).raw("</td><td>").text(c[9]).raw("</td><td>").text(c[10]).raw("</td></tr>\n");
        }
        page.raw("</table>\n<p>").text(verdict).raw("</p>\n");
    }

    static void timing(RunFiles f, ReportPage page) throws Exception {
        List<IterationsFile.Entry> its = f.iterations();
        if (its.isEmpty()) throw new NotYet("no iteration has finished yet.");
        List<String> names = new ArrayList<>();
        List<Double> secs = new ArrayList<>();
        double total = 0;
        for (IterationsFile.Entry it : its) {
            names.add(RunFiles.nn(it.nn()));
            secs.add(Double.isFinite(it.seconds()) ? it.seconds() : 0);
            total += secs.get(secs.size() - 1);
        }
        page.raw(page.image("timing.png", Charts.png(Charts.bars("Time per iteration", "iteration", "seconds", names, secs)), "seconds per iteration", "chart"));
        page.raw("<p>").text(String.format(java.util.Locale.ROOT, "%.1f s in %d iteration%s (alignment, averaging and files; "
                + "reference building before iteration 01 not included).", total, its.size(), its.size() == 1 ? "" : "s")).raw("</p>\n");
    }

    static void options(RunFiles f, ReportPage page) throws Exception {
        page.raw("<pre>").text(f.parameters()).raw("</pre>\n<p class=\"meta\">").text(RunFiles.PARAMETERS).raw("</p>\n");
    }

    /** The chart's picture, or a note when it has nothing to show yet (e.g. changes before the second iteration). */
    private static void chart(ReportPage page, String name, XYChart c, String alt) throws IOException {
        if (c == null) page.raw("<span class=\"na\">").text(alt + ": nothing to draw yet.").raw("</span>\n");
        else page.raw(page.image(name, Charts.png(c), alt, "chart"));
    }

    private static double at(double[] a, int i) { return i < a.length ? a[i] : Double.NaN; }
}
