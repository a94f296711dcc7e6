package org.jspt.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspt.geom.Transform;

/**
 * One summary per iteration: class sizes, % of particles that changed class, mean orientation change of
 * the particles that stayed in their class, mean score and half-map resolution per class, and time.
 * Printed, and kept in {@code iterations.json} (rewritten whole each iteration) for the run report. The iteration
 * that converges (its classes repeat the previous iteration's) is recorded too, with its time and no resolutions.
 */
public final class IterationLog {
    /**
     * @param resolution per class, Å at FSC 0.143 between the half averages (NaN: not measured)
     * @param converged the iteration's classes repeat the previous iteration's, so it made no averages
     */
    public record Record(int iteration, int[] sizes, double percentChanged, double meanOrientationChange,
                         double[] meanScore, double[] resolution, double seconds, boolean converged) {}

    private final List<Record> records = new ArrayList<>();

    /** @param resolution per class, Å at FSC 0.143 between the half averages (NaN or missing entries: not measured) */
    public Record record(int it, Assignment asg, Assignment previous, double[] resolution, boolean[] active, double seconds) {
        return record(it, asg, previous, resolution, active, seconds, false);
    }

    private Record record(int it, Assignment asg, Assignment previous, double[] resolution, boolean[] active, double seconds, boolean converged) {
        int k = active.length, n = asg.particles();
        int[] sizes = new int[k];
        double[] score = new double[k], res = new double[k];
        for (int p = 0; p < n; p++) {
            sizes[asg.classOf()[p]]++;
            score[asg.classOf()[p]] += asg.best(p).score();
        }
        for (int c = 0; c < k; c++) {
            score[c] = sizes[c] > 0 ? score[c] / sizes[c] : Double.NaN;
            res[c] = c < resolution.length ? resolution[c] : Double.NaN;
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
        Record r = new Record(it, sizes, changed, turn, score, res, seconds, converged);
        records.add(r);
        return r;
    }

    /** Records iteration {@code it} and rewrites {@code iterations.json} in {@code runDir}. @return the record */
    public Record add(Path runDir, int it, Assignment asg, Assignment previous, double[] resolution, boolean[] active, double seconds) throws IOException {
        Record r = record(it, asg, previous, resolution, active, seconds);
        write(runDir.resolve(RunFileNames.ITERATIONS));
        return r;
    }

    /**
     * Records the converged iteration {@code it} (its classes repeat {@code previous}; it aligned but made no averages,
     * so no resolution) and rewrites {@code iterations.json}. @return the record
     */
    public Record addConverged(Path runDir, int it, Assignment asg, Assignment previous, boolean[] active, double seconds) throws IOException {
        Record r = record(it, asg, previous, new double[0], active, seconds, true);
        write(runDir.resolve(RunFileNames.ITERATIONS));
        return r;
    }

    public List<Record> records() { return List.copyOf(records); }

    public void print(PrintWriter out, Record r) {
        out.printf(Locale.ROOT, "iteration %s: %.1f s; changed class %s; mean orientation change %s%s%n", RunOutputs.nn(r.iteration()), r.seconds(),
                Double.isNaN(r.percentChanged()) ? "-" : String.format(Locale.ROOT, "%.1f%%", r.percentChanged()),
                Double.isNaN(r.meanOrientationChange()) ? "-" : String.format(Locale.ROOT, "%.2f°", r.meanOrientationChange()),
                r.converged() ? "; converged (no new averages)" : "");
        for (int c = 0; c < r.sizes().length; c++) {
            out.printf(Locale.ROOT, "  class %d: %5d particles, mean score %s, resolution (FSC 0.143, halves) %s%n", c, r.sizes()[c],
                    Double.isNaN(r.meanScore()[c]) ? "-" : String.format(Locale.ROOT, "%.4f", r.meanScore()[c]),
                    r.converged() ? "- (no new average)" : Double.isNaN(r.resolution()[c]) ? "-" : String.format(Locale.ROOT, "%.1f Å", r.resolution()[c]));
        }
        out.flush();
    }

    public void write(Path file) throws IOException {
        List<IterationsFile.Entry> entries = new ArrayList<>();
        for (Record r : records) {
            entries.add(new IterationsFile.Entry(r.iteration() + 1, r.sizes(), r.percentChanged(), r.meanOrientationChange(),
                    r.meanScore(), r.resolution(), r.seconds(), r.converged()));
        }
        IterationsFile.write(file, entries);
    }

    /**
     * Reloads the records of iterations before {@code upTo} (0-based) from a file {@link #write} made, so a
     * resumed run continues the same iterations.json; no file: no records.
     */
    public void read(Path file, int upTo) throws IOException {
        records.clear();
        if (!Files.isRegularFile(file)) return;
        for (IterationsFile.Entry e : IterationsFile.read(file)) {
            if (e.nn() - 1 >= upTo) continue;
            records.add(new Record(e.nn() - 1, e.sizes(), e.percentChanged(), e.orientationChange(), e.meanScore(), e.resolution(), e.seconds(), e.converged()));
        }
    }
}
