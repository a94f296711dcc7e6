package org.jspt.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspt.classify.ClassConsensus;
import org.jspt.io.AtomicFiles;
import org.jspt.io.FormatException;

/**
 * The two files of jspt {@code --restarts} ({@code docs/reference/refinemulti.md} §16.5, formats in §16.5.3): {@code
 * particle_stability.txt}, one line per particle (its consensus class, its stability, the runs agreeing, the class
 * every run gave it after matching and its mean margin), and {@code class_reproducibility.txt}, one line per class. Tab-separated text
 * with a {@code #} header line, written atomically.
 */
public final class RestartFiles {
    /** The stability file's header line. */
    static final String STABILITY_HEADER = "# particle\tclass\tstability\tagreeing_runs\truns\tclass_by_run\tmean_margin";
    /** The reproducibility file's header line. */
    static final String TABLE_HEADER = "# class\tmembers\tmean_stability\tstable_members\tmean_jaccard\tmin_jaccard\tjaccard_by_run";

    /**
     * One line of particle_stability.txt.
     * @param withRun1 the fraction of the runs that give the particle run 1's class (from {@code class_by_run}): the
     *                 certainty of run 1's own assignment; NaN if the line has no {@code class_by_run}
     * @param meanMargin over the runs, the mean of the best other class's score minus the consensus class's (positive:
     *                   the runs put it there; it orders particles of equal stability); NaN if the line has none
     */
    public record Stability(int particle, int classIndex, double stability, int agreeing, int runs, double withRun1, double meanMargin) {}

    /**
     * The least certain line first: lowest stability, equal stabilities by the smaller mean margin (lines without one,
     * files older than the column, compare equal there). How {@code jspt evaluate} ranks and the run report lists them.
     */
    public static final java.util.Comparator<Stability> LEAST_CERTAIN_FIRST =
            java.util.Comparator.comparingDouble(Stability::stability).thenComparingDouble(Stability::meanMargin);

    private RestartFiles() {}

    /** Writes both files into the run folder; {@code meanMargin} per particle. */
    public static void write(Path dir, ClassConsensus c, double[] meanMargin) throws IOException {
        int runs = c.matched().size();
        StringBuilder sb = new StringBuilder(STABILITY_HEADER).append('\n');
        for (int p = 0; p < c.classOf().length; p++) {
            sb.append(p).append('\t').append(c.classOf()[p]).append('\t').append(fmt(c.stability()[p])).append('\t')
                    .append(c.agreeing()[p]).append('\t').append(runs).append('\t');
            for (int r = 0; r < runs; r++) sb.append(r == 0 ? "" : ",").append(c.matched().get(r)[p]);
            sb.append('\t').append((float) meanMargin[p]).append('\n'); // single precision, as particle_margins.txt
        }
        AtomicFiles.writeString(dir.resolve(RunFileNames.PARTICLE_STABILITY), sb.toString());
        AtomicFiles.writeString(dir.resolve(RunFileNames.CLASS_REPRODUCIBILITY), table(c));
    }

    /** The reproducibility table as written to class_reproducibility.txt (also what the run log prints). */
    public static String table(ClassConsensus c) {
        StringBuilder sb = new StringBuilder(TABLE_HEADER).append('\n');
        for (ClassConsensus.ClassReproducibility r : c.classes()) {
            sb.append(r.k()).append('\t').append(r.members()).append('\t').append(fmt(r.meanStability())).append('\t')
                    .append(r.stableMembers()).append('\t').append(fmt(r.meanJaccard())).append('\t').append(fmt(r.minJaccard())).append('\t');
            for (int i = 0; i < r.jaccard().length; i++) sb.append(i == 0 ? "" : ",").append(fmt(r.jaccard()[i]));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Reads particle_stability.txt. @throws FormatException for a line that is not five to seven tab-separated fields */
    public static List<Stability> readStability(Path file) throws IOException {
        List<Stability> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            try {
                if (f.length < 5) throw new NumberFormatException("5 fields expected");
                double s = Double.parseDouble(f[2]);
                if (!(s >= 0 && s <= 1)) throw new NumberFormatException("stability " + f[2] + " is outside [0, 1]");
                out.add(new Stability(Integer.parseInt(f[0]), Integer.parseInt(f[1]), s, Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                        f.length > 5 ? withRun1(f[5]) : Double.NaN, f.length > 6 ? Double.parseDouble(f[6]) : Double.NaN));
            } catch (NumberFormatException e) {
                throw new FormatException(file, "line " + lineNo + " is not 'particle class stability agreeing runs' (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    /** The share of a class_by_run list ("2,2,1,2,2", run 1 first) equal to its first entry. */
    private static double withRun1(String classByRun) {
        String[] c = classByRun.strip().split(",");
        int run1 = Integer.parseInt(c[0].strip()), same = 0;
        for (String x : c) if (Integer.parseInt(x.strip()) == run1) same++;
        return (double) same / c.length;
    }

    /** The rows of class_reproducibility.txt, each split into its fields (for the run report). */
    public static List<String[]> readTable(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) rows.add(line.split("\t"));
        }
        return rows;
    }

    private static String fmt(double v) { return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.4f", v); }
}
