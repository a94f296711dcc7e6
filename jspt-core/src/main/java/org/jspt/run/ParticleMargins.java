package org.jspt.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspt.align.AlignResult;
import org.jspt.io.AtomicFiles;
import org.jspt.io.FormatException;

/**
 * jspt's {@code particle_margins.txt} ({@code docs/reference/refinemulti.md} §16.6): how sure each assignment of the last
 * classifying iteration is, from that iteration's own scores. Per particle: its class and score, the best other class
 * and its score, and the margin (next score − own score, ≥ 0 since the class is the lowest score; lower scores are
 * better). A small margin is a particle the data barely put in its class; NaN when no other class was scored. Every run
 * has it, without restarts. Tab-separated text, one line per particle in index order, streamed and written atomically.
 */
public final class ParticleMargins {
    static final String COLUMNS = "# particle\tclass\tscore\tnext_class\tnext_score\tmargin";
    private static final String ITERATION = "# iteration ";

    /** One line: {@code nextClass} −1 and NaN scores when no other class was scored. */
    public record Margin(int particle, int classIndex, double score, int nextClass, double nextScore, double margin) {}

    /** The file's iteration (NN, from 1) and its lines in file order. */
    public record Margins(int iteration, List<Margin> lines) {}

    private ParticleMargins() {}

    /** Particle p's margin in {@code asg}: its class's result against the best other scored class. */
    public static Margin of(Assignment asg, int p) {
        AlignResult[] r = asg.results()[p];
        int own = asg.classOf()[p], next = -1;
        for (int c = 0; c < r.length; c++) {
            if (c == own || r[c] == null) continue;
            if (next < 0 || r[c].score() < r[next].score()) next = c;
        }
        double score = r[own].score(), nextScore = next < 0 ? Double.NaN : r[next].score();
        return new Margin(p, own, score, next, nextScore, nextScore - score);
    }

    /** Writes the margins of iteration {@code it} (0-based) into the run folder {@code dir}, replacing an earlier iteration's. */
    public static void write(Path dir, int it, Assignment asg) throws IOException {
        AtomicFiles.writeText(dir.resolve(RunFileNames.PARTICLE_MARGINS), StandardCharsets.UTF_8, w -> {
            w.write("# jspt refinemulti (refinemulti.md §16.6): each particle's class in this iteration, its score (lower is better), the best "
                    + "other class's, and margin = next_score - score; a small margin is an uncertain assignment\n");
            w.write(ITERATION + RunOutputs.nn(it) + "\n");
            w.write(COLUMNS + "\n");
            for (int p = 0; p < asg.particles(); p++) {
                Margin m = of(asg, p);
                w.write(m.particle() + "\t" + m.classIndex() + "\t" + fmt(m.score()) + "\t" + m.nextClass() + "\t" + fmt(m.nextScore()) + "\t"
                        + fmt(m.margin()) + "\n");
            }
        });
    }

    /** Reads a file {@link #write} made. @throws FormatException for a line that is not six fields or no iteration line */
    public static Margins read(Path file) throws IOException {
        List<Margin> out = new ArrayList<>();
        int iteration = forEach(file, out::add);
        return new Margins(iteration, out);
    }

    /**
     * Streams a file's lines to {@code each} without holding them (the run report at 100,000 particles).
     * @return the file's iteration (NN, from 1)
     * @throws FormatException for a line that is not six fields or no iteration line
     */
    public static int forEach(Path file, java.util.function.Consumer<Margin> each) throws IOException {
        int iteration = -1, lineNo = 0;
        try (java.io.BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.startsWith(ITERATION)) {
                    try {
                        iteration = Integer.parseInt(line.substring(ITERATION.length()).strip());
                    } catch (NumberFormatException e) {
                        throw new FormatException(file, "line " + lineNo + " is not '# iteration NN'");
                    }
                    continue;
                }
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                try {
                    if (f.length != 6) throw new NumberFormatException(f.length + " fields, 6 expected");
                    each.accept(new Margin(Integer.parseInt(f[0]), Integer.parseInt(f[1]), number(f[2]), Integer.parseInt(f[3]), number(f[4]), number(f[5])));
                } catch (NumberFormatException e) {
                    throw new FormatException(file, "line " + lineNo + " is not 'particle class score next_class next_score margin' (" + e.getMessage() + ")");
                }
            }
        }
        if (iteration < 0) throw new FormatException(file, "no '# iteration NN' line");
        return iteration;
    }

    private static double number(String s) { return s.equals("nan") ? Double.NaN : Double.parseDouble(s); }

    /**
     * Single precision, shortest form (about 7 significant digits, enough for margins of a few 10⁻⁴ on scores of order
     * 0.01–1), and fast: the file is written every iteration, at 100,000 particles too.
     */
    private static String fmt(double v) { return Double.isNaN(v) ? "nan" : Float.toString((float) v); }
}
