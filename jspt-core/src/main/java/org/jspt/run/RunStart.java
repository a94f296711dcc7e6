package org.jspt.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspt.io.eman2.Eman2Log;

/**
 * The first files of a validated run, in EMAN2's order: the {@code .eman2log.txt} line in the working
 * directory, the numbered run folder, {@code parameters_refinemulti.txt} in it. Call only after
 * {@code RefineValidator#validate} succeeded, so that nothing is created for an invalid command line;
 * call {@link #finish()} at normal exit.
 *
 * @param runDir the new {@code <stem>_NN} folder
 * @param log the log line, to be completed by {@link #finish()}
 */
public record RunStart(Path runDir, Eman2Log log) {
    /**
     * Writes the log line, creates the run folder inside {@code cwd} and writes the parameters file.
     * @param pathStem the folder's stem ({@code --path}), argv the command line as given, ppid {@code --ppid},
     *                 options the effective option values ({@code RefineParams#effectiveOptions})
     * @throws IOException if a file or the folder cannot be written
     */
    public static RunStart begin(Path cwd, String pathStem, List<String> argv, int ppid, Map<String, Object> options) throws IOException {
        Eman2Log log = Eman2Log.start(cwd, ParametersFile.PROGRAM + " " + String.join(" ", argv), ppid);
        Path dir = RunDirectory.create(cwd, pathStem);
        ParametersFile.write(dir, options);
        return new RunStart(dir, log);
    }

    /** Writes the end time into the log line. */
    public void finish() throws IOException { log.finish(); }
}
