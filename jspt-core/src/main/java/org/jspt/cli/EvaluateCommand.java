package org.jspt.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspt.geom.Symmetry;
import org.jspt.image.Volume;
import org.jspt.io.AtomicFiles;
import org.jspt.io.hdf.EmanHdf;
import org.jspt.refine.ParticleSource;
import org.jspt.refine.mask.TruePoseCeiling;
import org.jspt.run.ParticleMargins;
import org.jspt.run.ParticleParms;
import org.jspt.run.RestartFiles;
import org.jspt.run.RunFileNames;
import org.jspt.sim.Evaluator;
import org.jspt.sim.TruthFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jspt evaluate}: scores a run against a simulation's truth. */
@Command(name = "evaluate", sortOptions = false,
        description = {"Score a refinement against the truth of 'jspt simulate': classification accuracy (Hungarian matching),",
            "angular and shift errors from each class's consensus frame, and FSC of each average against its true map."})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--truth", required = true, paramLabel = "FILE", description = "truth.json written by jspt simulate.")
    Path truth;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--run", paramLabel = "DIR", description = "A refinemulti run folder (particle_parms_NN.json, class_avgs_NN.hdf).")
        Path run;

        @ArgGroup(exclusive = false)
        Files2 files;
    }

    static final class Files2 {
        @Option(names = "--params", required = true, paramLabel = "FILE", description = "A particle_parms JSON file (any folder layout).")
        Path params;

        @Option(names = "--averages", paramLabel = "FILE", description = "Class averages (HDF), index = class; optional.")
        Path averages;

        @Option(names = "--stability", paramLabel = "FILE", description = "A particle_stability.txt of refinemulti --restarts; optional.")
        Path stability;

        @Option(names = "--margins", paramLabel = "FILE", description = "A particle_margins.txt of refinemulti; optional.")
        Path margins;
    }

    @Option(names = "--iter", paramLabel = "N", description = "Iteration (the NN of particle_parms_NN.json; default: the last).")
    Integer iter;

    @Option(names = "--sym", paramLabel = "SYM", defaultValue = "c1",
            description = "Symmetry of the structures; angular errors are the smallest over its operators (default: ${DEFAULT-VALUE}).")
    String sym;

    @Option(names = "--ceiling", description = {"Also classify the simulation's particles with the true maps at their true poses (the",
            "whole-particle score of refinemulti --focusmask whole): what perfect references and poses give, the yardstick for the run's accuracy."})
    boolean ceiling;

    @Option(names = "--particles", paramLabel = "FILE",
            description = "The simulated particles for --ceiling (default: particles.star, else particles.hdf, beside --truth).")
    Path particles;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (particles != null && !ceiling) throw new IllegalArgumentException("--particles is read by --ceiling only: add --ceiling or leave it out");
        Path ceilingParticles = ceiling ? ceilingParticles() : null; // checked before the evaluation's work
        TruthFile t = TruthFile.read(truth);
        Path params, averages, report, stability, margins;
        boolean beforeConsensus = false; // evaluating run 1 of a --restarts run, not its consensus
        if (source.run != null) {
            if (!Files.isDirectory(source.run)) throw new IllegalArgumentException("--run " + source.run + ": no such folder");
            int last = lastIteration(source.run);
            int it = iter != null ? iter : last;
            beforeConsensus = it < last;
            params = ParticleParms.file(source.run, it);
            if (!Files.exists(params)) throw new IllegalArgumentException("--iter " + it + ": " + params + " does not exist");
            Path perIter = source.run.resolve(RunFileNames.averages(it));
            averages = Files.exists(perIter) ? perIter : source.run.resolve(RunFileNames.AVERAGES);
            if (!Files.exists(averages)) averages = null;
            report = source.run.resolve(RunFileNames.EVALUATION);
            stability = source.run.resolve(RunFileNames.PARTICLE_STABILITY);
            if (!Files.exists(stability)) stability = null;
            margins = source.run.resolve(RunFileNames.PARTICLE_MARGINS);
            if (!Files.exists(margins)) margins = null;
        } else {
            params = source.files.params;
            averages = source.files.averages;
            Path dir = params.toAbsolutePath().getParent();
            report = dir.resolve("evaluation.json");
            stability = source.files.stability;
            if (stability != null && !Files.exists(stability)) throw new IllegalArgumentException("--stability " + stability + ": no such file");
            margins = source.files.margins;
            if (margins != null && !Files.exists(margins)) throw new IllegalArgumentException("--margins " + margins + ": no such file");
        }
        List<Evaluator.Assignment> as = new ArrayList<>();
        for (ParticleParms.Entry e : ParticleParms.read(params)) as.add(new Evaluator.Assignment(e.index(), e.classIndex(), e.score(), e.xform()));
        List<Volume> avgs = averages == null ? null : EmanHdf.readAll(averages);
        List<Volume> maps = EmanHdf.readAll(truth.toAbsolutePath().getParent().resolve("truth_maps.hdf"));
        Evaluator.Evaluation ev = Evaluator.evaluate(t, as, avgs, maps, Symmetry.parse(sym).operators());
        // For run 1's iterations the certainty of an assignment is how many runs agree with run 1, not with the consensus.
        List<RestartFiles.Stability> stab = stability == null ? null : RestartFiles.readStability(stability);
        Evaluator.CertaintyAuc auc = stab == null ? null : Evaluator.certaintyAuc(t, as, ev, certainty(stab, beforeConsensus));
        // The consensus's stability takes N values only: its ties are ordered by the mean margin when the file has it.
        boolean ordered = stab != null && !beforeConsensus && stab.stream().noneMatch(x -> Double.isNaN(x.meanMargin()));
        Evaluator.CertaintyAuc orderedAuc = ordered ? Evaluator.certaintyAuc(t, as, ev, stabilityThenMargin(stab)) : null;
        ParticleMargins.Margins m = margins == null ? null : ParticleMargins.read(margins);
        // The margins are a certainty of the classes they were computed for: only when those are the evaluated ones.
        Evaluator.CertaintyAuc marginAuc = m != null && sameClasses(m, as) ? Evaluator.certaintyAuc(t, as, ev, marginsByParticle(m)) : null;
        TruePoseCeiling.Result ceil = null;
        if (ceiling) {
            try (ParticleSource src = new ParticleSource(ceilingParticles.toString(), 0, 0)) {
                ceil = TruePoseCeiling.classify(t, src, maps);
            }
        }
        print(out, t, ev, params, averages);
        if (ceil != null) {
            out.printf("ceiling %.1f%% (the true maps at the true poses classify %d of %d particles right)%n", 100 * ceil.accuracy(), ceil.right(), ceil.particles());
        }
        if (m != null && marginAuc == null) {
            out.printf("margin AUC - (%s is iteration %s, whose classes are not the evaluated ones)%n", margins.getFileName(), RunFileNames.nn(m.iteration()));
        } else if (marginAuc != null) {
            printAuc(out, "margin", marginAuc, margins.getFileName() + ", iteration " + RunFileNames.nn(m.iteration()));
        }
        if (orderedAuc != null) {
            printAuc(out, "stability", orderedAuc, stability.getFileName() + String.format(java.util.Locale.ROOT,
                    ", equal stabilities ordered by the mean margin; the stability alone %s", Double.isNaN(auc.auc()) ? "-" : String.format(java.util.Locale.ROOT, "%.3f", auc.auc())));
        } else if (auc != null) {
            printAuc(out, "stability", auc, stability.getFileName() + (beforeConsensus ? ", the runs agreeing with run 1" : ""));
        }
        ObjectNode json = toJson(t, ev, params, averages);
        if (auc != null) {
            ObjectNode a = json.putObject("stability");
            a.put("file", stability.toString());
            a.put("certainty", beforeConsensus ? "runs agreeing with run 1" : ordered ? "stability (runs agreeing with the consensus), then the mean margin"
                    : "stability (runs agreeing with the consensus)");
            putAuc(a, ordered ? orderedAuc : auc);
            if (ordered) num(a, "auc_stability_alone", auc.auc());
        }
        if (ceil != null) {
            ObjectNode c = json.putObject("ceiling");
            c.put("accuracy", ceil.accuracy());
            c.put("right", ceil.right());
            c.put("particles", ceil.particles());
            putMatrix(c, "confusion", ceil.confusion());
        }
        if (marginAuc != null) {
            ObjectNode a = json.putObject("margin");
            a.put("file", margins.toString());
            a.put("iteration", m.iteration());
            putAuc(a, marginAuc);
        }
        AtomicFiles.writeString(report, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
        out.println("wrote " + report);
        out.flush();
        return 0;
    }

    /** --ceiling's particles: --particles, else the simulation's particles.star (weights), else particles.hdf, beside the truth. */
    private Path ceilingParticles() {
        Path dir = truth.toAbsolutePath().getParent();
        Path p = particles != null ? particles : Files.exists(dir.resolve("particles.star")) ? dir.resolve("particles.star") : dir.resolve("particles.hdf");
        if (!Files.exists(p)) throw new IllegalArgumentException("--ceiling: " + p + ": no such file (give the simulated particles with --particles)");
        return p;
    }

    /** One certainty's line: "NAME AUC x (right vs wrong assignments: r right, w wrong; from SOURCE)". */
    private static void printAuc(PrintWriter out, String name, Evaluator.CertaintyAuc a, String source) {
        out.printf("%s AUC %s (right vs wrong assignments: %d right, %d wrong; from %s)%n", name,
                Double.isNaN(a.auc()) ? "- (needs right and wrong ones)" : String.format(java.util.Locale.ROOT, "%.3f", a.auc()),
                a.right(), a.wrong(), source);
    }

    /** A certainty's figures in its evaluation.json object: auc (null if NaN), right, wrong. */
    private static void putAuc(ObjectNode o, Evaluator.CertaintyAuc a) {
        num(o, "auc", a.auc());
        o.put("right", a.right());
        o.put("wrong", a.wrong());
    }

    /** True when every evaluated particle has a line in the margins file with the class it is evaluated in. */
    private static boolean sameClasses(ParticleMargins.Margins m, List<Evaluator.Assignment> as) {
        java.util.Map<Integer, Integer> cls = new java.util.HashMap<>();
        for (ParticleMargins.Margin x : m.lines()) cls.put(x.particle(), x.classIndex());
        for (Evaluator.Assignment a : as) if (!Integer.valueOf(a.classIndex()).equals(cls.get(a.index()))) return false;
        return true;
    }

    /** particle index → margin (particles scored against one class only have none). */
    private static java.util.Map<Integer, Double> marginsByParticle(ParticleMargins.Margins m) {
        java.util.Map<Integer, Double> out = new java.util.HashMap<>();
        for (ParticleMargins.Margin x : m.lines()) if (!Double.isNaN(x.margin())) out.put(x.particle(), x.margin());
        return out;
    }

    static int lastIteration(Path run) throws IOException {
        java.util.TreeSet<Integer> its = ParticleParms.iterations(run);
        if (its.isEmpty()) throw new IllegalArgumentException("--run " + run + ": no particle_parms_NN.json in the folder");
        return its.last();
    }

    /**
     * particle index → certainty, from a --restarts run's particle_stability.txt: its stability, or with {@code withRun1}
     * the share of the runs that agree with run 1 (when the file has class_by_run).
     */
    private static java.util.Map<Integer, Double> certainty(List<RestartFiles.Stability> lines, boolean withRun1) {
        java.util.Map<Integer, Double> m = new java.util.HashMap<>();
        for (RestartFiles.Stability s : lines) m.put(s.particle(), withRun1 && !Double.isNaN(s.withRun1()) ? s.withRun1() : s.stability());
        return m;
    }

    /** particle index → its rank by stability, equal stabilities ordered by the mean margin (equal pairs share a rank). */
    private static java.util.Map<Integer, Double> stabilityThenMargin(List<RestartFiles.Stability> lines) {
        java.util.Comparator<RestartFiles.Stability> order = RestartFiles.LEAST_CERTAIN_FIRST;
        List<RestartFiles.Stability> sorted = new ArrayList<>(lines);
        sorted.sort(order);
        java.util.Map<Integer, Double> m = new java.util.HashMap<>();
        int rank = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0 && order.compare(sorted.get(i - 1), sorted.get(i)) != 0) rank = i;
            m.put(sorted.get(i).particle(), (double) rank);
        }
        return m;
    }

    private static void print(PrintWriter out, TruthFile t, Evaluator.Evaluation ev, Path params, Path averages) {
        out.printf("evaluation of %s%s against %d true classes (%s)%n", params, averages == null ? "" : " and " + averages.getFileName(),
                t.labels().size(), String.join(", ", t.labels()));
        out.printf("accuracy %.1f%% of %d particles%n", 100 * ev.accuracy(), ev.particles());
        out.printf("%-6s %-14s %7s %7s %9s %9s %9s %9s %9s%n", "class", "true", "members", "correct", "ang med", "ang p90", "shift med", "FSC0.5 Å", "FSC0.143");
        for (Evaluator.ClassScore c : ev.classes()) {
            out.printf("%-6d %-14s %7d %7d %9s %9s %9s %9s %9s%n", c.predicted(), c.matchedTrue() < 0 ? "-" : c.label(), c.members(), c.correct(),
                    f(c.medianAngle(), "°"), f(c.p90Angle(), "°"), f(c.medianShift(), "px"), f(c.res05(), ""), f(c.res0143(), ""));
        }
        out.println("confusion (rows: true class, columns: predicted class):");
        for (int i = 0; i < ev.confusion().length; i++) {
            StringBuilder sb = new StringBuilder(String.format("  %-14s", t.labels().get(i)));
            for (int n : ev.confusion()[i]) sb.append(String.format(" %5d", n));
            out.println(sb);
        }
    }

    private static String f(double v, String unit) { return Double.isNaN(v) ? "-" : String.format(java.util.Locale.ROOT, "%.2f%s", v, unit); }

    /** {@code m} under {@code name} as an array of rows. */
    private static void putMatrix(ObjectNode node, String name, int[][] m) {
        ArrayNode rows = node.putArray(name);
        for (int[] row : m) {
            ArrayNode r = rows.addArray();
            for (int v : row) r.add(v);
        }
    }

    private static ObjectNode toJson(TruthFile t, Evaluator.Evaluation ev, Path params, Path averages) {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = om.createObjectNode();
        root.put("params", params.toString());
        root.put("averages", averages == null ? null : averages.toString());
        root.put("particles", ev.particles());
        root.put("accuracy", ev.accuracy());
        putMatrix(root, "confusion", ev.confusion());
        ArrayNode cls = root.putArray("classes");
        for (Evaluator.ClassScore c : ev.classes()) {
            ObjectNode o = cls.addObject();
            o.put("class", c.predicted());
            o.put("true_class", c.matchedTrue());
            o.put("label", c.label());
            o.put("members", c.members());
            o.put("correct", c.correct());
            num(o, "median_angle_deg", c.medianAngle());
            num(o, "p90_angle_deg", c.p90Angle());
            num(o, "median_shift_px", c.medianShift());
            num(o, "fsc05_angstrom", c.res05());
            num(o, "fsc0143_angstrom", c.res0143());
            if (c.consensus() != null) {
                ArrayNode m = o.putArray("consensus_matrix");
                for (double d : c.consensus().matrix()) m.add(d);
            }
            if (c.fsc() != null) {
                ArrayNode f = o.putArray("fsc");
                int box = t.params().box();
                for (int s = 0; s < c.fsc().length; s++) f.addArray().add(s / (box * t.params().apix())).add(c.fsc()[s]);
            }
        }
        return root;
    }

    private static void num(ObjectNode o, String k, double v) {
        if (Double.isNaN(v)) o.putNull(k);
        else o.put(k, v);
    }
}
