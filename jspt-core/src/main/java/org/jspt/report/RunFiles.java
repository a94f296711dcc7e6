package org.jspt.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspt.io.FormatException;
import org.jspt.io.eman2.Eman2Log;
import org.jspt.run.IterationsFile;
import org.jspt.run.ParticleParms;
import org.jspt.run.RunFileNames;

/**
 * What a refinemulti run folder holds, read from its files alone (the names are {@link RunFileNames}; jspt's own
 * files number iterations NN = 01, 02, …, EMAN2's files from 0). Every read happens when asked, so a folder
 * that is still being written gives whatever is there now; a missing file is a {@link NoSuchFileException}.
 */
final class RunFiles {
    static final String ITERATIONS = RunFileNames.ITERATIONS, PARAMETERS = RunFileNames.PARAMETERS, EMAN2LOG = Eman2Log.FILE_NAME;

    final Path dir;

    RunFiles(Path dir) { this.dir = dir; }

    static String nn(int n) { return RunFileNames.nn(n); }

    Path splits() { return dir.resolve(RunFileNames.SPLITS); }
    Path averages(int nn) { return dir.resolve(RunFileNames.averages(nn)); }
    Path particleParms(int nn) { return ParticleParms.file(dir, nn); }

    /** Iteration numbers NN with a {@code class_avgs_NN.hdf}, ascending. */
    TreeSet<Integer> averageIterations() throws IOException { return numbers(RunFileNames.AVERAGES_NN); }

    /** The particles of {@code particle_parms_NN.json} by class ({@link RunReport#byClass}), read once per report. */
    java.util.Map<Integer, RunReport.ClassPoints> classPoints(int nn) throws IOException {
        if (classPointsNn != nn) {
            classPoints = RunReport.byClass(particleParms(nn));
            classPointsNn = nn;
        }
        return classPoints;
    }

    private java.util.Map<Integer, RunReport.ClassPoints> classPoints;
    private int classPointsNn = -1;

    /** Iteration numbers NN with a {@code particle_parms_NN.json}, ascending. */
    TreeSet<Integer> parmsIterations() throws IOException { return ParticleParms.iterations(dir); }

    /** The FSC files of iteration NN by class index. */
    TreeMap<Integer, Path> fscFiles(int nn) throws IOException {
        TreeMap<Integer, Path> m = new TreeMap<>();
        for (Path p : list()) {
            Matcher x = RunFileNames.FSC.matcher(p.getFileName().toString());
            if (x.matches() && Integer.parseInt(x.group(1)) == nn) m.put(Integer.parseInt(x.group(2)), p);
        }
        return m;
    }

    /** Iteration numbers NN with FSC files, ascending. */
    TreeSet<Integer> fscIterations() throws IOException { return numbers(RunFileNames.FSC); }

    /** The --plots score files {@code spt_cccs_<it>_<ref>.txt}. */
    List<Path> scorePlotData() throws IOException {
        List<Path> l = new ArrayList<>();
        for (Path p : list()) if (RunFileNames.SCORE_PLOT_DATA.matcher(p.getFileName().toString()).matches()) l.add(p);
        l.sort(null);
        return l;
    }

    /** {@code iterations.json}, in file order. */
    List<IterationsFile.Entry> iterations() throws IOException { return IterationsFile.read(dir.resolve(ITERATIONS)); }

    /** The parameters file's text. */
    String parameters() throws IOException { return Files.readString(dir.resolve(PARAMETERS), StandardCharsets.UTF_8); }

    /** The {@code iter=N} line of the parameters file, or -1. */
    int plannedIterations() {
        try {
            for (String line : parameters().split("\n")) if (line.startsWith("iter=")) return Integer.parseInt(line.substring(5).trim());
        } catch (IOException | NumberFormatException e) {
            // not known: the report says less
        }
        return -1;
    }

    /**
     * The columns of a whitespace-separated numeric text file ({@code #} starts a comment line).
     * @throws FormatException on a line that is not numbers, or ragged rows
     */
    static double[][] columns(Path f, int ncol) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) continue;
            String[] parts = t.split("\\s+");
            if (parts.length < ncol) throw new FormatException(f, "line '" + t + "' has " + parts.length + " columns; expected " + ncol);
            double[] r = new double[ncol];
            try {
                for (int i = 0; i < ncol; i++) r[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new FormatException(f, "line '" + t + "' is not numbers");
            }
            rows.add(r);
        }
        double[][] cols = new double[ncol][rows.size()];
        for (int i = 0; i < rows.size(); i++) for (int c = 0; c < ncol; c++) cols[c][i] = rows.get(i)[c];
        return cols;
    }

    private TreeSet<Integer> numbers(Pattern p) throws IOException {
        TreeSet<Integer> s = new TreeSet<>();
        for (Path f : list()) {
            Matcher m = p.matcher(f.getFileName().toString());
            if (m.matches()) s.add(Integer.parseInt(m.group(1)));
        }
        return s;
    }

    private List<Path> list() throws IOException {
        List<Path> l = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) l.add(p);
        }
        return l;
    }

}
