package org.jspt.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspt.run.RunFileNames;
import org.jspt.io.AtomicFiles;

/**
 * The {@code --plots} pictures ({@code docs/reference/refinemulti.md} §9): beside every {@code spt_cccs_<it>_<ref>.txt}
 * (rank, score with its sign inverted, best first) a line chart {@code spt_cccs_<it>_<ref>.png} of the same
 * data. A picture newer than its data file is kept as it is.
 */
final class ScorePlots {
    /** One picture: EMAN2's 0-based iteration and reference numbers, and the PNG's name in the run folder. */
    record Plot(int iteration, int reference, String png) {}


    private ScorePlots() {}

    /** Draws the missing or stale pictures. @return every picture, by iteration then reference */
    static List<Plot> write(RunFiles f) throws IOException {
        List<Plot> out = new ArrayList<>();
        for (Path txt : f.scorePlotData()) {
            Matcher m = RunFileNames.SCORE_PLOT_DATA.matcher(txt.getFileName().toString());
            if (!m.matches()) continue;
            Path png = txt.resolveSibling(txt.getFileName().toString().replaceFirst("\\.txt$", ".png"));
            if (!Files.exists(png) || Files.getLastModifiedTime(png).compareTo(Files.getLastModifiedTime(txt)) < 0) {
                double[][] d;
                try {
                    d = RunFiles.columns(txt, 2);
                } catch (IOException e) {
                    continue; // unreadable data: no picture (the report does not stop for one file)
                }
                String title = "Scores against reference " + m.group(2) + ", iteration " + m.group(1) + " (EMAN2 numbering)";
                var chart = Charts.lines(title, "rank (best first)", "score, sign inverted (higher is better)", d[0], Map.of("particles", d[1]));
                if (chart == null) continue; // an empty data file: no picture
                chart.getStyler().setXAxisDecimalPattern("0");
                AtomicFiles.writeBytes(png, Charts.png(chart));
            }
            out.add(new Plot(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), png.getFileName().toString()));
        }
        out.sort(Comparator.comparingInt(Plot::iteration).thenComparingInt(Plot::reference));
        return out;
    }
}
