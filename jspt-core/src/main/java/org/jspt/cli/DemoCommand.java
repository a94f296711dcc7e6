package org.jspt.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspt.report.RunReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jspt demo}: the main job on built-in data. Simulates three phantoms with known classes and poses,
 * runs {@code refinemulti} from references built from the data, and scores the run with {@code evaluate}.
 */
@Command(name = "demo", description = {"Simulate a small 3-class dataset, refine it with refinemulti from references built from the data,",
        "and print the accuracy against the truth (jspt evaluate). Everything goes into one folder."})
public final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "jspt_demo", description = "Folder for the demo's files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--per-class", paramLabel = "N", defaultValue = "20", description = "Particles per class (default: ${DEFAULT-VALUE}).")
    int perClass;

    @Option(names = "--iter", paramLabel = "N", defaultValue = "6", description = "refinemulti iterations (default: ${DEFAULT-VALUE}).")
    int iter;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        CommandLine root = spec.root().commandLine();
        Files.createDirectories(out);
        Path sim = out.resolve("simulation");
        long t0 = System.nanoTime();
        o.println("== 1. jspt simulate: 3 built-in phantoms (tripod, lshape, ring), box 32, 5 Å/px, SNR 0.1, ±60° missing wedge");
        o.flush();
        int rc = root.execute("simulate", "--phantom", "tripod", "--phantom", "lshape", "--phantom", "ring", "--box", "32", "--apix", "5",
                "--res", "15", "--per-class", String.valueOf(perClass), "--snr", "0.1", "--tilt", "60", "--seed", "1", "--out", sim.toString());
        if (rc != 0) return rc;
        o.println();
        o.println("== 2. jspt refinemulti: 3 references built from the data (--grouping split), " + iter + " iterations, default tree aligner");
        o.flush();
        Path stem = out.toAbsolutePath().resolve("refinemulti");
        // Split references: EMAN2's default (a binary tree on three equal groups) lost one of the three classes on 2
        // of 9 seeds of this data set (docs/user-guide.md §2); splitting found all three on every seed tried.
        rc = root.execute("refinemulti", "--input=" + sim.resolve("particles.hdf"), "--nref=3", "--iter=" + iter, "--grouping=split", "--path=" + stem);
        if (rc != 0) return rc;
        Path run = lastRun(stem);
        o.println();
        o.println("== 3. jspt evaluate: the run against the simulation's truth");
        o.flush();
        rc = root.execute("evaluate", "--truth", sim.resolve("truth.json").toString(), "--run", run.toString());
        if (rc != 0) return rc;
        o.println();
        o.printf("Demo done in %.0f s. Run folder: %s%n", (System.nanoTime() - t0) * 1e-9, run.toAbsolutePath());
        Path report = run.resolve(RunReport.INDEX).toAbsolutePath();
        if (Files.exists(report)) o.println("Run report (open in a browser): " + report);
        else o.println("No run report was written (see the warning above).");
        o.flush();
        return 0;
    }

    /** The newest numbered folder of the stem (refinemulti numbers them _01, _02, …). */
    private static Path lastRun(Path stem) throws Exception {
        for (int i = 999; i >= 1; i--) {
            Path p = stem.resolveSibling(stem.getFileName() + String.format("_%02d", i));
            if (Files.isDirectory(p)) return p;
        }
        throw new IllegalStateException("no run folder " + stem + "_NN");
    }
}
