package org.jspt.refine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspt.geom.Transform;
import org.jspt.io.AtomicFiles;

/**
 * One summary per iteration: class sizes, % of particles that changed class, mean orientation change of
 * the particles that stayed in their class, mean score and half-map resolution per class, and time.
 * Printed, and kept in {@code iterations.json} (rewritten whole each iteration) for the run report.
 */
public final class IterationLog {
    /** @param resolution per class, Å at FSC 0.143 between the half averages (NaN: not measured) */
    public record Record(int iteration, int[] sizes, double percentChanged, double meanOrientationChange,
                         double[] meanScore, double[] resolution, double seconds) {}

    private final List<Record> records = new ArrayList<>();

    public Record record(int it, Assignment asg, Assignment previous, List<ClassAverager.ClassResult> cls, boolean[] active, double seconds) {
        int k = active.length, n = asg.particles();
        int[] sizes = new int[k];
        double[] score = new double[k], res = new double[k];
        for (int p = 0; p < n; p++) {
            sizes[asg.classOf()[p]]++;
            score[asg.classOf()[p]] += asg.best(p).score();
        }
        for (int c = 0; c < k; c++) {
            score[c] = sizes[c] > 0 ? score[c] / sizes[c] : Double.NaN;
            res[c] = c < cls.size() ? cls.get(c).res0143() : Double.NaN;
        }
        double changed = previous == null ? Double.NaN : 100.0 * asg.changedFrom(previous) / n;
        double turn = Double.NaN;
        if (previous != null) {
            double sum = 0;
            int m = 0;
            for (int p = 0; p < n; p++) {
                if (asg.classOf()[p] != previous.classOf()[p]) continue;
                sum += Transform.angleBetween(asg.best(p).xform(), previous.best(p).xform());
                m++;
            }
            turn = m > 0 ? sum / m : Double.NaN;
        }
        Record r = new Record(it, sizes, changed, turn, score, res, seconds);
        records.add(r);
        return r;
    }

    public List<Record> records() { return List.copyOf(records); }

    public void print(PrintWriter out, Record r) {
        out.printf(Locale.ROOT, "iteration %s: %.1f s; changed class %s; mean orientation change %s%n", RunOutputs.nn(r.iteration()), r.seconds(),
                Double.isNaN(r.percentChanged()) ? "-" : String.format(Locale.ROOT, "%.1f%%", r.percentChanged()),
                Double.isNaN(r.meanOrientationChange()) ? "-" : String.format(Locale.ROOT, "%.2f°", r.meanOrientationChange()));
        for (int c = 0; c < r.sizes().length; c++) {
            out.printf(Locale.ROOT, "  class %d: %5d particles, mean score %s, resolution (FSC 0.143, halves) %s%n", c, r.sizes()[c],
                    Double.isNaN(r.meanScore()[c]) ? "-" : String.format(Locale.ROOT, "%.4f", r.meanScore()[c]),
                    Double.isNaN(r.resolution()[c]) ? "-" : String.format(Locale.ROOT, "%.1f Å", r.resolution()[c]));
        }
        out.flush();
    }

    public void write(Path file) throws IOException {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode arr = om.createArrayNode();
        for (Record r : records) {
            ObjectNode o = arr.addObject();
            o.put("iteration", r.iteration() + 1);
            ArrayNode s = o.putArray("class_sizes");
            for (int x : r.sizes()) s.add(x);
            num(o, "percent_changed", r.percentChanged());
            num(o, "mean_orientation_change_deg", r.meanOrientationChange());
            ArrayNode sc = o.putArray("mean_score");
            for (double x : r.meanScore()) if (Double.isNaN(x)) sc.addNull(); else sc.add(x);
            ArrayNode rs = o.putArray("resolution_fsc0143_angstrom");
            for (double x : r.resolution()) if (Double.isNaN(x)) rs.addNull(); else rs.add(x);
            o.put("seconds", r.seconds());
        }
        AtomicFiles.writeString(file, om.writeValueAsString(arr) + "\n");
    }

    /**
     * Reloads the records of iterations before {@code upTo} (0-based) from a file {@link #write} made, so a
     * resumed run continues the same iterations.json.
     */
    public void read(Path file, int upTo) throws IOException {
        records.clear();
        if (!java.nio.file.Files.isRegularFile(file)) return;
        for (com.fasterxml.jackson.databind.JsonNode o : new ObjectMapper().readTree(file.toFile())) {
            int it = o.get("iteration").asInt() - 1;
            if (it >= upTo) continue;
            records.add(new Record(it, ints(o.get("class_sizes")), dbl(o.get("percent_changed")), dbl(o.get("mean_orientation_change_deg")),
                    doubles(o.get("mean_score")), doubles(o.get("resolution_fsc0143_angstrom")), o.get("seconds").asDouble()));
        }
    }

    private static double dbl(com.fasterxml.jackson.databind.JsonNode n) { return n == null || n.isNull() ? Double.NaN : n.asDouble(); }

    private static int[] ints(com.fasterxml.jackson.databind.JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asInt();
        return v;
    }

    private static double[] doubles(com.fasterxml.jackson.databind.JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = dbl(a.get(i));
        return v;
    }

    private static void num(ObjectNode o, String k, double v) {
        if (Double.isNaN(v)) o.putNull(k);
        else o.put(k, v);
    }
}
