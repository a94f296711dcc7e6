package org.jspt.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspt.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jspt report RUNDIR...}: (re)writes the HTML run report of refinemulti run folders, as refinemulti
 * does after every iteration (for runs made before the report existed, or copied without it).
 */
@Command(name = "report", description = {"Write the HTML run report (index.html and report/*.png) of refinemulti run folders from their files;",
        "refinemulti writes it itself after every iteration. Open index.html in any browser, no server needed."})
public final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUNDIR", description = "refinemulti run folders.")
    java.util.List<Path> runs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        for (Path r : runs) {
            if (!Files.isDirectory(r)) {
                err.println("jspt report: " + r + " is not a folder");
                err.flush();
                return Main.EXIT_BAD_INPUT;
            }
        }
        for (Path r : runs) out.println("wrote " + RunReport.write(r));
        out.flush();
        return 0;
    }
}
