package org.jspt.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of a benchmark that works in a folder of its own (simulated data, child runs, their logs). */
final class BenchWorkFolder {
    @Option(names = "--dir", paramLabel = "DIR", description = "Where the working folder is made (default: the system temporary folder).")
    Path dir;

    @Option(names = "--keep", description = "Keep the working folder (simulated data, runs, logs); by default it is deleted.")
    boolean keep;

    /** The folder the working folder is made in. */
    Path where() { return dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir")); }
}
