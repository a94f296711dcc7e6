package org.jspt.refine;

import java.io.IOException;
import java.nio.file.Path;
import org.jspt.io.eman2.Eman2Log;
import org.jspt.run.RunDirectory;

/**
 * The first files of a validated run, in EMAN2's order: the {@code .eman2log.txt} line in the working
 * directory, the numbered run folder, {@code parameters_refinemulti.txt} in it. Call only after
 * {@link RefineValidator#validate} succeeded, so that nothing is created for an invalid command line;
 * call {@link #finish()} at normal exit.
 *
 * @param runDir the new {@code <stem>_NN} folder
 * @param log the log line, to be completed by {@link #finish()}
 */
public record RunStart(Path runDir, Eman2Log log) {
    /**
     * Writes the log line, creates the run folder inside {@code cwd} and writes the parameters file.
     * @throws IOException if a file or the folder cannot be written
     */
    public static RunStart begin(RefineParams params, Path cwd) throws IOException {
        Eman2Log log = Eman2Log.start(cwd, ParametersFile.PROGRAM + " " + String.join(" ", params.argv()), params.ppid());
        Path dir = RunDirectory.create(cwd, params.output().pathStem());
        ParametersFile.write(dir, params);
        return new RunStart(dir, log);
    }

    /** Writes the end time into the log line. */
    public void finish() throws IOException { log.finish(); }
}
